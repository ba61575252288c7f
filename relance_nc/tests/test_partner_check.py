# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RelanceCommon


@tagged("post_install", "-at_install")
class TestPartnerCheck(RelanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        imports = cls.env["relance.registry.import"]
        imports._import_file(cls._read_test_file("ridet_entreprises.csv"), "a.csv")
        cls.bakery = cls._create_customer(
            "Boulangerie du Caillou", ridet="0456780", city="Nouméa", phone="751234"
        )
        cls.garage = cls._create_customer(
            "Garage du Mont Dore",
            ridet="0987651001",
            city="Mont Dore",
            phone="+687 27.12.34",
        )
        cls.transport = cls._create_customer(
            "Transports Kanak Express", ridet="1010107", city="Dumbéa"
        )
        cls.unknown = cls._create_customer("Inconnue", ridet="1231083", phone="401234")
        # One unit of four ceases: more than the share imported without a
        # confirmation (a small register), so confirmed.
        imports.with_context(relance_registry_confirm_ceased=True)._import_file(
            cls._read_test_file("ridet_entreprises_next.csv"), "b.csv"
        )

    def _check(self, partners):
        wizard = (
            self.env["relance.partner.check.wizard"]
            .with_user(self.relance_user)
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create({})
        )
        action = wizard.action_check()
        return self.env["relance.partner.update"].search(action["domain"])

    def _find(self, updates, partner, kind):
        return updates.filtered(lambda u: u.partner_id == partner and u.kind == kind)

    def test_check_statuses(self):
        self._check(self.bakery + self.garage + self.transport + self.unknown)
        self.assertRecordValues(
            self.bakery + self.garage + self.transport + self.unknown,
            [
                {"relance_registry_state": "active"},
                {"relance_registry_state": "active"},
                {"relance_registry_state": "ceased"},
                {"relance_registry_state": "not_found"},
            ],
        )
        self.assertIn(
            self.transport,
            self.env["res.partner"].search([("relance_registry_state", "=", "ceased")]),
        )

    def test_check_proposals(self):
        updates = self._check(self.bakery + self.garage + self.unknown)
        self.assertFalse(self._find(updates, self.bakery, "city"))
        self.assertFalse(self._find(updates, self.bakery, "name"))
        self.assertRecordValues(
            self._find(updates, self.garage, "city"),
            [{"current_value": "Mont Dore", "proposed_value": "Le Mont-Dore"}],
        )
        self.assertRecordValues(
            self._find(updates, self.garage, "phone_format"),
            [{"proposed_value": "+687271234", "can_apply": True}],
        )
        self.assertTrue(self._find(updates, self.garage, "phone_not_mobile"))
        self.assertTrue(self._find(updates, self.unknown, "not_found"))
        self.assertRecordValues(
            self._find(updates, self.unknown, "phone_invalid"), [{"can_apply": False}]
        )

    def test_accept_writes_and_logs_in_chatter(self):
        updates = self._check(self.garage)
        city = self._find(updates, self.garage, "city")
        city.with_user(self.relance_user).action_accept()
        self.assertEqual(self.garage.city, "Le Mont-Dore")
        self.assertRecordValues(
            city, [{"state": "accepted", "decided_uid": self.relance_user.id}]
        )
        message = self.garage.message_ids[0]
        self.assertIn("Mont Dore", message.body)
        self.assertIn("Le Mont-Dore", message.body)

    def test_reject_leaves_customer_unchanged(self):
        updates = self._check(self.garage)
        city = self._find(updates, self.garage, "city")
        city.action_reject()
        self.assertEqual(city.state, "rejected")
        self.assertEqual(self.garage.city, "Mont Dore")

    def test_stale_proposal_is_not_applied(self):
        updates = self._check(self.garage)
        city = self._find(updates, self.garage, "city")
        self.garage.city = "Païta"
        city.action_accept()
        self.assertEqual(self.garage.city, "Païta")
        self.assertEqual(city.state, "obsolete")

    def test_informational_findings_cannot_be_accepted(self):
        updates = self._check(self.unknown)
        with self.assertRaises(UserError):
            self._find(updates, self.unknown, "not_found").action_accept()

    def test_new_check_obsoletes_pending_proposals(self):
        first = self._check(self.garage)
        second = self._check(self.garage)
        self.assertEqual(set(first.mapped("state")), {"obsolete"})
        self.assertEqual(set(second.mapped("state")), {"pending"})

    def test_check_query_count_does_not_grow_with_customers(self):
        check_model = self.env["relance.partner.check"]
        few = self.bakery + self.garage
        many = few | self.env["res.partner"].create(
            [
                {
                    "name": f"Client {i}",
                    "is_company": True,
                    "ridet": f"0456780{i:03d}",
                    "city": "Nouméa",
                    "phone": "751234",
                    "country_id": self.nc.id,
                }
                for i in range(2, 32)
            ]
        )
        counts = []
        for partners in (few, many):
            check = check_model.create({})
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            check._run(partners)
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertLessEqual(counts[1], counts[0] + 5, counts)
