# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestProviderDemo(TransactionCase):
    def test_demo_provider_has_three_clients_and_an_invoice(self):
        """The demo data loads (as with --with-demo) and tells its story."""
        self.env["res.company"]._relance_load_demo()
        self.env["relance.client"]._relance_load_provider_demo()
        provider = self.env["res.company"].search([("name", "=", "CRDC Nouméa")])
        clients = self.env["relance.client"].search([("company_id", "=", provider.id)])
        self.assertEqual(len(clients), 3)
        self.assertEqual(len(clients.filtered("hosted_company_id")), 1)
        invoice = self.env["account.move"].search(
            [("relance_client_id", "in", clients.ids)]
        )
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(len(invoice.invoice_line_ids), 4)
        self.assertFalse(
            invoice.relance_usage_line_ids.filtered(lambda u: u.state != "invoiced")
        )
        self.assertEqual(
            self.env["res.users"].search_count([("login", "like", "portail.")]), 2
        )
