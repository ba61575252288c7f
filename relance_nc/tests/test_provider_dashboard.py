# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import freeze_time, new_test_user, tagged

from .common_provider import RelanceProviderCommon


@tagged("post_install", "-at_install")
class TestProviderDashboard(RelanceProviderCommon):
    def _counts(self, user=None):
        dashboard = self.env["relance.provider.dashboard"]
        if user:
            dashboard = dashboard.with_user(user)
        return {queue["key"]: queue["count"] for queue in dashboard._relance_queues()}

    @freeze_time("2026-10-08 01:00")  # 12:00 in Nouméa
    def test_counts_of_today(self):
        self._invoice(self.customer, 125000, date(2026, 9, 1), date(2026, 10, 1))
        actions = self._plan(date(2026, 10, 8))
        email = actions.filtered(lambda a: a.channel == "email")
        sms = actions.filtered(lambda a: a.channel == "sms")
        email._set_failed("Adresse refusée")
        sms.write({"channel": "call", "state": "scheduled"})
        counts = self._counts()
        self.assertEqual(counts["failed"], 1)
        self.assertEqual(counts["calls"], 1)
        # neither client has a mandate nor a bank account
        self.assertEqual(counts["mandate"], 2)
        bank = self.env["res.partner.bank"].create(
            {"acc_number": "NC1234", "partner_id": self.portal_creditor.id}
        )
        self.portal_client.payout_bank_id = bank
        self.assertEqual(self._counts()["mandate"], 2)  # still no mandate

    def test_agent_opens_the_dashboard(self):
        agent = new_test_user(
            self.env,
            login="crdc_agent",
            groups="relance_nc.group_relance_provider_agent",
            company_id=self.provider.id,
        )
        agent.company_ids |= self.company
        action = (
            self.env["relance.provider.dashboard"]
            .with_user(agent)
            .action_open_dashboard()
        )
        cards = self.env["relance.provider.queue"].search(action["domain"])
        base = ["calls", "failed", "mandate"]  # options insert theirs
        self.assertEqual([key for key in cards.mapped("key") if key in base], base)
        calls = cards.filtered(lambda card: card.key == "calls")
        self.assertEqual(calls.action_open()["res_model"], "relance.action")

    def test_every_queue_opens_grouped_by_client(self):
        for queue in self.env["relance.provider.dashboard"]._relance_queues():
            action = queue["action"]
            if action["res_model"] == "relance.client":
                continue
            context = action.get("context") or {}
            group_by = context.get("group_by") or [
                key for key in context if key.startswith("search_default_group")
            ]
            with self.subTest(queue=queue["key"]):
                self.assertTrue(group_by, "the queue's list is grouped by client")
                for field in context.get("group_by", []):
                    self.assertIn(field, self.env[action["res_model"]]._fields)
