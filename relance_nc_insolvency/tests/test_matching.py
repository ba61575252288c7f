# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import InsolvencyCommon


@tagged("post_install", "-at_install")
class TestMatching(InsolvencyCommon):
    def test_ridet_of_another_establishment_matches(self):
        procedure = self._procedure(ridet="1 231 083.005")
        case = self._match(procedure)
        self.assertRecordValues(
            case,
            [{"partner_id": self.customer.id, "method": "ridet", "state": "active"}],
        )
        self.assertTrue(procedure.matched)

    def test_rid_alone_matches(self):
        case = self._match(self._procedure(ridet="0426049", debtor_name="Autre nom"))
        self.assertEqual(case.partner_id, self.other)

    def test_siren_matches(self):
        case = self._match(
            self._procedure(ridet=False, siren="732829320", debtor_name="NICKEL EXPORT")
        )
        self.assertRecordValues(
            case, [{"partner_id": self.french.id, "method": "siren", "state": "active"}]
        )

    def test_name_only_is_proposed_never_applied(self):
        invoice = self._invoice(self.customer, 10_000, "2026-01-01", "2026-01-31")
        case = self._match(
            self._procedure(ridet=False, debtor_name="EURL Boulangerie du Cailou")
        )
        self.assertRecordValues(
            case,
            [{"partner_id": self.customer.id, "method": "name", "state": "proposed"}],
        )
        self.assertGreaterEqual(case.score, 0.88)
        self.assertFalse(invoice.relance_block)
        self.assertFalse(self.customer.relance_insolvency)
        # A person confirms: now the reminders stop.
        case.action_confirm()
        self.assertEqual(case.state, "active")
        self.assertEqual(invoice.relance_block, "insolvency")

    def test_name_match_can_be_dismissed(self):
        case = self._match(
            self._procedure(ridet=False, debtor_name="Caillou Boulangerie SARL")
        )
        case.action_dismiss()
        self.assertEqual(case.state, "dismissed")

    def test_customer_without_identifier_is_never_matched(self):
        self.assertFalse(
            self._match(self._procedure(ridet=False, debtor_name="Épicerie Chez Léa"))
        )

    def test_same_name_other_rid_is_not_proposed(self):
        case = self._match(self._procedure(ridet="0300137001"))
        self.assertFalse(case)

    def test_rematching_creates_no_duplicate(self):
        procedure = self._procedure()
        self._match(procedure)
        procedure.matched = False
        self.assertFalse(self._match(procedure))
        self.assertEqual(
            self.Case.search_count([("procedure_id", "=", procedure.id)]), 1
        )

    def _unknown_procedures(self, name, first_ridet, count):
        """``count`` liquidations of debtors nobody watches."""
        return self.Procedure.create(
            [
                {
                    "debtor_name": f"{name} {i}",
                    "ridet": f"{first_ridet + i * 7:07d}",
                    "kind": "liquidation",
                    "judgment_date": "2026-02-01",
                }
                for i in range(count)
            ]
        )

    def test_matching_does_not_query_per_announcement(self):
        self._match(self._procedure(debtor_name="Préchauffage"))  # warm caches
        few = self._unknown_procedures("Inconnu", 1000000, 2)
        many = self._unknown_procedures("Inconnu bis", 2000000, 40)
        self.env.flush_all()
        queries = []
        for batch in (few, many):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._match(batch)
            self.env.flush_all()
            queries.append(self.env.cr.sql_log_count - before)
        self.assertEqual(queries[0], queries[1])

    def test_alerts_are_isolated_between_companies(self):
        other_company = self.env["res.company"].create(
            {"name": "Créancier B", "relance_insolvency_watch_all": True}
        )
        user_b = new_test_user(
            self.env,
            login="creancier_b",
            groups="relance_nc.group_relance_user",
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        self.env.user.company_ids |= other_company
        both = self.env(
            context=dict(
                self.env.context,
                allowed_company_ids=[self.company.id, other_company.id],
            )
        )
        customer_b = both["res.partner"].create(
            {
                "name": "Boulangerie du Caillou (B)",
                "ridet": "1231083003",
                "customer_rank": 1,
                "is_company": True,
                "company_id": other_company.id,
            }
        )
        cases = self._match(self._procedure())
        self.assertEqual(len(cases), 2)
        case_a = cases.filtered(lambda c: c.company_id == self.company)
        env_b = self.env(
            user=user_b, context={"allowed_company_ids": other_company.ids}
        )
        visible = env_b["relance.insolvency.case"].search([])
        self.assertEqual(visible.partner_id, customer_b)
        with self.assertRaises(AccessError):
            case_a.with_env(env_b).read(["name"])
        with self.assertRaises(AccessError):
            case_a.with_env(env_b).write({"securities": "x"})
        self.assertFalse(
            env_b["relance.insolvency.claim"].search([("case_id", "=", case_a.id)])
        )
        self.assertFalse(
            env_b["relance.insolvency.watch"].search(
                [("company_id", "=", self.company.id)]
            )
        )
        # The customer's flag is per company too.
        self.assertTrue(self.customer.relance_insolvency)
        self.assertFalse(self.customer.with_env(env_b).sudo().relance_insolvency)
