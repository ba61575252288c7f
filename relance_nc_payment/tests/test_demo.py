# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from odoo.addons.relance_nc.tests.common_demo import installing_demo
from odoo.addons.relance_nc.tests.common_pdf import PdfDownloadCase

from .. import const
from ..models.res_company_demo import DEMO_CARD_PAYMENTS


@tagged("post_install", "-at_install")
class TestDemoPayments(PdfDownloadCase):
    """The demo creditor's customers pay by card; CRDC Nouméa pays out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # as at installation: the payout statement (a PDF) cannot be made
        with installing_demo(cls.env) as cls.cron:
            cls.env["res.company"]._relance_load_demo()
            cls.env["relance.client"]._relance_load_provider_demo()
            cls.env["res.company"]._relance_payment_load_demo()
        cls.company = cls.env.ref("relance_nc.demo_company_creditor")
        cls.installed = (
            cls.env["relance.payout"].search_count(
                [("partner_id", "=", cls.company.partner_id.id)]
            ),
            cls.cron.active,
        )
        # once Odoo serves, the demo's scheduled action pays the month out
        cls.cron.method_direct_trigger()
        cls.shop = cls.env["payment.provider"].search(
            [("code", "=", const.PROVIDER_CODE), ("company_id", "=", cls.company.id)]
        )

    def test_card_payments_paid_the_invoices(self):
        txs = self.env["payment.transaction"].search(
            [("provider_id", "=", self.shop.id)]
        )
        self.assertGreaterEqual(len(txs), 2)
        self.assertLessEqual(len(txs), DEMO_CARD_PAYMENTS)
        self.assertEqual(set(txs.mapped("state")), {"done"})
        self.assertTrue(all(txs.mapped("is_post_processed")))
        self.assertTrue(all(txs.mapped("relance_card_number")))
        self.assertTrue(
            all(
                move.payment_state in ("paid", "in_payment") for move in txs.invoice_ids
            )
        )

    def test_shop_left_in_test_mode(self):
        """The demo never takes a real payment."""
        self.assertEqual(self.shop.state, "test")
        self.assertTrue(
            self.shop.relance_lyra_custom_url.startswith("http://127.0.0.1")
        )

    def test_payout_made_once_odoo_serves(self):
        self.assertEqual(self.installed, (0, True))
        self.assertFalse(self.cron.active)

    def test_payout(self):
        payouts = self.env["relance.payout"].search(
            [("partner_id", "=", self.company.partner_id.id)]
        )
        self.assertEqual(len(payouts), 1)
        self.assertEqual(payouts.state, "confirmed")
        self.assertTrue(payouts.transaction_ids)
        self.assertGreater(payouts.amount_fees, 0)
