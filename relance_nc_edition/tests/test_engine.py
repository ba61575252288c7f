# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import EditionCommon


@tagged("post_install", "-at_install")
class TestEngineLetters(EditionCommon):
    """The execution cron turns letter actions into letters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for level in cls.levels:
            level.write(
                {
                    "use_email": False,
                    "use_sms": False,
                    "use_call": False,
                    "use_handover": False,
                    "use_letter": level.delay == 7,
                    "use_registered_letter": level.delay == 21,
                }
            )

    def _run_cron(self):
        with self.enter_registry_test_mode():
            self.env.ref("relance_nc.ir_cron_relance_execute").method_direct_trigger()

    @freeze_time("2026-10-08 01:00")  # 12:00 in Nouméa, a Thursday
    def test_letter_action_produces_a_letter_done_when_posted(self):
        action = self._plan(date(2026, 10, 8))
        self.assertEqual(action.channel, "letter")
        self._run_cron()
        letter = action.relance_letter_ids
        self.assertRecordValues(
            letter,
            [
                {
                    "kind": "reminder",
                    "mail_type": "ordinary",
                    "origin": "engine",
                    "state": "validated",
                    "partner_id": self.customer.id,
                    "amount_due": 125000,
                }
            ],
        )
        self.assertRecordValues(
            action, [{"state": "scheduled", "delivery_state": "queued"}]
        )
        self._run_cron()
        self.assertEqual(len(action.relance_letter_ids), 1, "second run: nothing")
        letter.state = "printed"
        letter.action_mark_posted()
        self.assertRecordValues(action, [{"state": "done", "delivery_state": "sent"}])
        self.assertEqual(self.invoice.relance_level_id, action.level_id)

    @freeze_time("2026-10-22 01:00")
    def test_registered_letter_action_produces_a_formal_notice(self):
        action = self._plan(date(2026, 10, 22)).filtered(
            lambda a: a.channel == "registered_letter"
        )
        self.assertTrue(action)
        self._run_cron()
        self.assertRecordValues(
            action.relance_letter_ids,
            [{"kind": "formal_notice", "mail_type": "registered"}],
        )

    @freeze_time("2026-10-08 01:00")
    def test_letter_without_address_fails(self):
        self.customer.street = False
        action = self._plan(date(2026, 10, 8))
        self._run_cron()
        self.assertEqual(action.state, "failed")
        self.assertFalse(action.relance_letter_ids)
