# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools.misc import file_path

from .common_payout import PayoutCommon


@tagged("post_install", "-at_install")
class TestClientPayout(PayoutCommon):
    """The "relance.nc client" flag is the client file of the provider."""

    def _client_file(self):
        return self.env["relance.client"].search(
            [("company_id", "=", self.crdc.id), ("partner_id", "=", self.client.id)]
        )

    def test_flag_is_a_client_file_with_the_card_option(self):
        client = self._client_file()
        self.assertRecordValues(
            client,
            [
                {
                    "state": "active",
                    "billing_mode": "card",
                    "hosted_company_id": self.creditor.id,
                }
            ],
        )
        self.assertTrue(client._has_option("payment"))
        self.client.with_company(self.crdc).relance_client = False
        self.assertFalse(client._has_option("payment"))
        self.assertFalse(self.client.with_company(self.crdc).relance_client)

    def test_hosted_shop_needs_the_card_payment_option(self):
        client = self._client_file()
        self.creditor.relance_pay_link_target = "hosted"
        self.assertTrue(self.creditor._relance_hosted_payment_allowed())
        client.sudo().option_ids -= self.env.ref("relance_nc.service_option_payment")
        self.assertFalse(self.creditor._relance_hosted_payment_allowed())
        self.creditor.relance_pay_link_target = "none"
        with self.assertRaisesRegex(UserError, "Card payment"):
            self.creditor.relance_pay_link_target = "hosted"

    def test_payout_and_fee_rules_reference_the_client(self):
        rules = self._fee_rules((False, 2.0, 0), ("VISA", 1.5, 25))
        client = self._client_file()
        self.assertEqual(rules.client_id, client)
        self.assertEqual(client.fee_rule_ids, rules)
        self._paid_tx(10000, "2026-01-10 01:00:00")
        self._paid_tx(20000, "2026-01-12 01:00:00", method="mastercard")
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
            self._run_cron()
        payout = self._payouts()
        self.assertEqual(payout.client_id, client)
        self.assertEqual(client.payout_count, 1)
        usage = self.env["relance.usage.line"].search([("client_id", "=", client.id)])
        self.assertEqual(len(usage), 2)
        self.assertEqual(set(usage.mapped("state")), {"invoiced"})
        self.assertEqual(usage.move_id, payout.fee_move_id)
        self.assertEqual(sum(usage.mapped("amount")), payout.amount_fees)
        self.assertEqual(
            sum(usage.invoice_line_id.mapped("price_subtotal")),
            payout.fee_move_id.amount_untaxed,
        )

    def test_card_client_month_end_invoice_has_a_payment_link(self):
        client = self._client_file()
        sms = self.env.ref("relance_nc.product_service_sms")
        self.env["relance.usage.line"]._relance_record(
            client, sms, 4, None, "sms:test", date=date(2026, 1, 20)
        )
        with freeze_time("2026-02-01 02:00"):
            invoice = client._relance_invoice_usage(date(2026, 2, 1))
        self.assertEqual(invoice.state, "posted")
        self.assertIn("/my/invoices/%s" % invoice.id, invoice.relance_payment_url)
        self.assertIn("payment=True", invoice.relance_payment_url)

    def test_migration_creates_clients_from_flagged_partners(self):
        """The 19.0.1.2.0 post-migration turns a saved flag into a client file
        and attaches the partner's fee rules."""
        partner = self.env["res.partner"].create(
            {"name": "Pharmacie de Païta", "is_company": True}
        )
        rule = self.env["relance.fee.rule"].create(
            {"company_id": self.crdc.id, "partner_id": partner.id, "percent": 1.0}
        )
        self.assertFalse(rule.client_id)
        self.env.cr.execute(
            "CREATE TABLE relance_client_flag_migration AS "
            "SELECT %s::integer AS partner_id, %s::integer AS company_id",
            [partner.id, self.crdc.id],
        )
        path = file_path("relance_nc_payment/migrations/19.0.1.2.0/post-migration.py")
        spec = importlib.util.spec_from_file_location("relance_post_migration", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "19.0.1.1.0")
        self.env.invalidate_all()
        client = partner._relance_client(self.crdc)
        self.assertTrue(client._has_option("payment"))
        self.assertEqual(rule.client_id, client)
        self.assertTrue(partner.with_company(self.crdc).relance_client)
        self.assertTrue(self.crdc.relance_is_provider)

    def test_portal_contact_reads_only_its_confirmed_payouts(self):
        self._paid_tx(10000, "2026-01-10 01:00:00")
        other = self.env["res.partner"].create(
            {"name": "Garage de Bourail", "is_company": True}
        )
        other.with_company(self.crdc).relance_client = True
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
        payout = self._payouts()
        foreign = self.Payout.create(
            {
                "company_id": self.crdc.id,
                "partner_id": other.id,
                "period": date(2026, 1, 1),
                "payout_date": date(2026, 2, 5),
                "state": "confirmed",
            }
        )
        contact = self.env["res.partner"].create(
            {"name": "Comptable", "parent_id": self.client.id, "email": "c@ex.nc"}
        )
        portal = new_test_user(
            self.env,
            login="client_portal",
            groups="base.group_portal",
            partner_id=contact.id,
            company_id=self.crdc.id,
        )
        env = self.env(user=portal, context={"allowed_company_ids": self.crdc.ids})
        seen = env["relance.payout"].search([])
        self.assertEqual(seen, payout)
        self.assertNotIn(foreign, seen)
        self.assertEqual(
            env["relance.payout.line"].search([]).payout_id,
            payout,
        )
