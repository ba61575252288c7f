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
        # HttpCase: already in registry test mode
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

    @freeze_time("2026-10-08 01:00")
    def test_letters_are_rechecked_before_printing(self):
        second = self._invoice(
            self.customer, 48500, date(2026, 9, 1), date(2026, 10, 1)
        )
        other = self._create_relance_customer(
            "Pharmacie du Port", "75 98 76", street="3 rue Jenner", city="Nouméa"
        )
        other_invoice = self._invoice(other, 30000, date(2026, 9, 1), date(2026, 10, 1))
        actions = self._plan(date(2026, 10, 8))
        self._run_cron()
        letters = actions.relance_letter_ids
        mine = letters.filtered(lambda letter: letter.partner_id == self.customer)
        theirs = letters - mine
        self.assertEqual(mine.amount_due, 173500)
        batch = self.env["relance.letter.batch"].browse(
            letters.action_create_batch()["res_id"]
        )
        # paid before printing: one invoice of the first customer, and all
        # the other customer's
        self._register_payment(second)
        self._register_payment(other_invoice)
        pdf = self._generate(batch)
        self.assertEqual(batch.letter_ids, mine)
        self.assertRecordValues(mine, [{"state": "validated", "amount_due": 125000}])
        self.assertEqual(mine.move_line_ids.move_id, self.invoice)
        self.assertRecordValues(theirs, [{"state": "cancelled", "batch_id": False}])
        self.assertEqual(theirs.action_id.state, "cancelled")
        self.assertIn("Withdrawn before printing", theirs.message_ids[0].body)
        text = self._text(pdf)
        self.assertIn(self.invoice.name, text)
        self.assertNotIn(second.name, text)
        self.assertNotIn("Pharmacie du Port", text)
