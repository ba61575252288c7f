# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common_provider import RelanceProviderCommon


@tagged("post_install", "-at_install")
class TestUsageSources(RelanceProviderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(
            cls.customer, 125000, date(2026, 9, 1), date(2026, 10, 1)
        )

    def _planned(self, channel):
        with freeze_time("2026-10-08 01:00"):
            return self._plan(date(2026, 10, 8)).filtered(
                lambda a: a.channel == channel
            )

    def _usage(self, product):
        return self.Usage.search(
            [("client_id", "=", self.client.id), ("product_id", "=", product.id)]
        )

    @freeze_time("2026-10-08 01:00")  # 12:00 in Nouméa, a Thursday
    def test_email_sent_is_used_once(self):
        action = self._planned("email")
        action._execute()
        self.assertEqual(action.state, "done")
        action._set_done()  # closed again by hand: still one event
        usage = self._usage(self.email)
        self.assertRecordValues(
            usage,
            [
                {
                    "quantity": 1,
                    "price_unit": 10,
                    "date": date(2026, 10, 8),
                    "res_model": "relance.action",
                    "res_id": action.id,
                }
            ],
        )

    @freeze_time("2026-10-08 01:00")
    def test_unsubscribed_option_fails_the_action_then_retry_bills_once(self):
        email_option = self.env.ref("relance_nc.service_option_email")
        self.client.option_ids -= email_option
        action = self._planned("email")
        action._execute()
        self.assertEqual(action.state, "failed")
        self.assertIn("Email reminders", action.error)
        self.assertFalse(self._usage(self.email))
        self.client.option_ids |= email_option
        action.action_retry()
        action._execute()
        action.action_retry()  # a done action is not retried
        action._execute()
        self.assertEqual(action.state, "done")
        self.assertEqual(len(self._usage(self.email)), 1)

    @freeze_time("2026-10-08 01:00")
    def test_batch_emails_refuse_an_unsubscribed_client(self):
        self.client.option_ids -= self.env.ref("relance_nc.service_option_email")
        action = self._planned("email")
        action._execute_email_batch()
        self.assertEqual(action.state, "failed")
        self.assertIn("Email reminders", action.error)

    @freeze_time("2026-10-08 01:00")
    def test_batch_emails_refuse_a_client_past_its_credit_limit(self):
        self.client.write({"billing_mode": "deferred", "credit_limit": 100})
        self.Usage._relance_record(self.client, self.call, 1, None, "call")
        action = self._planned("email")
        action._execute_email_batch()
        self.assertEqual(action.state, "failed")
        self.assertIn("credit limit", action.error)

    @freeze_time("2026-10-08 01:00")
    def test_sms_is_billed_per_message(self):
        action = self._planned("sms")
        action.write({"body_text": "x" * 200})  # two SMS of 160 units
        action._set_done()
        action._set_done()
        self.assertRecordValues(self._usage(self.sms), [{"quantity": 2, "amount": 50}])

    @freeze_time("2026-10-08 01:00")
    def test_call_made_is_billed_and_refused_without_option(self):
        action = self._planned("sms")
        action.channel = "call"
        self.client.option_ids -= self.env.ref("relance_nc.service_option_call")
        with self.assertRaisesRegex(UserError, "Reminder calls"):
            action._execute_call()
        self.client.option_ids |= self.env.ref("relance_nc.service_option_call")
        action.action_mark_done()
        self.assertEqual(len(self._usage(self.call)), 1)

    def test_creditor_without_client_file_records_nothing(self):
        self.client.hosted_company_id = False
        action = self._planned("email")
        with freeze_time("2026-10-08 01:00"):
            action._execute()
        self.assertEqual(action.state, "done")
        self.assertFalse(self.Usage.search([]))
