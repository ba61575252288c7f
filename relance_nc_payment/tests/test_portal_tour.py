# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from urllib.parse import urlsplit

from odoo import fields
from odoo.tests import tagged

from .common import TEST_KEY, FakeLyra, RelancePaymentCommon


@tagged("post_install", "-at_install")
class TestPortalPayTour(RelancePaymentCommon):
    def test_debtor_pays_from_sms_link(self):
        self.company.relance_pay_link_target = "hosted"
        lines = self.invoice.line_ids.filtered(
            lambda line: line.display_type == "payment_term"
        )
        action = self.Action.create(
            {
                "company_id": self.company.id,
                "partner_id": self.customer.id,
                "level_id": self.levels[0].id,
                "channel": "sms",
                "move_ids": [fields.Command.set(self.invoice.ids)],
                "move_line_ids": [fields.Command.set(lines.ids)],
                "amount_overdue": self.invoice.amount_residual,
            }
        )
        path = urlsplit(action._get_payment_link()).path
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            self.provider.relance_lyra_custom_url = fake.url
            self.start_tour(path, "relance_nc_payment_portal_pay", login=None)
        self.assertEqual(len(fake.forms), 1)
        self.assertEqual(fake.ipn_statuses, [200])
        self.env.invalidate_all()
        tx = self.invoice.transaction_ids
        self.assertEqual(tx.state, "done")
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
