# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common_pdf import PdfDownloadCase


@tagged("post_install", "-at_install")
class TestDemoHistory(PdfDownloadCase):
    """The demo data (as with --with-demo): the creditor's last weeks, built by
    the engine, and CRDC Nouméa as provider.

    An HTTP case: with relance_nc_edition installed, the demo's letters are
    real PDFs, whose stylesheet wkhtmltopdf loads from the test server.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.company"]._relance_load_demo()
        cls.env["relance.client"]._relance_load_provider_demo()
        cls.company = cls.env.ref("relance_nc.demo_company_creditor")
        cls.actions = cls.env["relance.action"].search(
            [("company_id", "=", cls.company.id)]
        )

    def test_past_runs_on_several_days(self):
        done = self.actions.filtered(lambda a: a.state == "done")
        days = {self.company._relance_local_date(a.done_at) for a in done}
        self.assertGreaterEqual(len(days), 3)
        self.assertTrue(all(day < self.company._relance_today() for day in days))
        self.assertEqual(
            set(done.mapped("channel")) & {"email", "sms", "call"},
            {"email", "sms", "call"},
        )

    def test_emails_sent_and_logged(self):
        emails = self.actions.filtered(
            lambda a: a.channel == "email" and a.state == "done"
        )
        self.assertTrue(emails)
        self.assertEqual(set(emails.mapped("delivery_state")), {"sent"})
        messages = emails.mapped("email_message_id")
        self.assertEqual(len(messages), len(emails))
        self.assertEqual(set(messages.mapped("model")), {"relance.action"})
        self.assertFalse(
            self.env["mail.mail"].search_count(
                [
                    ("model", "=", "relance.action"),
                    ("res_id", "in", self.actions.ids),
                    ("state", "=", "outgoing"),
                ]
            ),
            "the past emails are no longer queued",
        )

    def test_sms_delivered_by_the_demo_gateway(self):
        self.assertEqual(self.company.relance_sms_provider, "demo")
        sms_actions = self.actions.filtered(
            lambda a: a.channel == "sms" and a.state == "done"
        )
        self.assertTrue(sms_actions)
        self.assertEqual(set(sms_actions.mapped("delivery_state")), {"delivered"})
        sms = self.env["sms.sms"].search([("relance_action_id", "in", sms_actions.ids)])
        self.assertEqual(set(sms.mapped("state")), {"sent"})
        self.assertTrue(
            all(ref.startswith("DEMO-") for ref in sms.mapped("relance_provider_ref"))
        )

    def test_calls_with_outcomes_a_promise_and_a_dispute(self):
        calls = self.actions.filtered(
            lambda a: a.channel == "call" and a.state == "done"
        )
        outcomes = set(calls.mapped("call_outcome"))
        self.assertTrue({"promise", "dispute"} <= outcomes, outcomes)
        moves = self.env["account.move"].search([("company_id", "=", self.company.id)])
        promised = moves.filtered(lambda m: m.relance_block == "promise")
        self.assertTrue(promised)
        self.assertTrue(
            all(
                m.relance_promise_date > self.company._relance_today() for m in promised
            )
        )
        self.assertTrue(moves.filtered(lambda m: m.relance_block == "dispute"))

    def test_analyses_filled(self):
        recovery = self.env["relance.recovery.report"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertTrue(recovery)
        self.assertGreater(sum(recovery.mapped("amount_recovered")), 0)
        self.assertTrue(
            self.env["relance.receivable.report"].search_count(
                [("company_id", "=", self.company.id)]
            )
        )

    def test_today_run_ready_for_review(self):
        drafts = self.actions.filtered(
            lambda a: a.state == "draft" and a.channel != "handover"
        )
        self.assertTrue(drafts)
        self.assertEqual(self.env.ref("base.user_admin").company_id, self.company)
        policy = self.env["relance.policy"].search(
            [("company_id", "=", self.company.id), ("is_default", "=", True)]
        )
        self.assertEqual(len(policy), 1)
        self.assertEqual(self.actions.policy_id, policy)

    def test_demo_companies_in_new_caledonia_and_xpf(self):
        provider = self.env["res.company"].search([("name", "=", "CRDC Nouméa")])
        for company in self.company | provider:
            self.assertEqual(company.currency_id, self.env.ref("base.XPF"))
            self.assertEqual(company.country_id, self.env.ref("base.nc"))
        self.assertEqual(
            self.company.account_fiscal_country_id, self.env.ref("base.nc")
        )

    def test_demo_provider_has_three_clients_and_an_invoice(self):
        provider = self.env["res.company"].search([("name", "=", "CRDC Nouméa")])
        clients = self.env["relance.client"].search([("company_id", "=", provider.id)])
        self.assertEqual(len(clients), 3)
        self.assertEqual(
            clients.filtered("hosted_company_id").hosted_company_id, self.company
        )
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
