# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import RelanceInvoiceCommon


@tagged("post_install", "-at_install")
class TestCallOutcome(RelanceInvoiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(
            cls.customer, 48500, date(2026, 9, 1), date(2026, 10, 1)
        )
        cls.agent = cls.env.user

    def _call(self):
        with freeze_time("2026-10-23 01:00"):
            self.invoice.relance_level_id = self.levels.filtered(
                lambda lvl: lvl.delay == 7
            )
            actions = self._plan(date(2026, 10, 23))
            call = actions.filtered(lambda a: a.channel == "call")
            call.user_id = self.agent
            call._execute()
        return call

    def _record(self, call, **vals):
        wizard = self.env["relance.call.outcome.wizard"].create(
            {"action_id": call.id, **vals}
        )
        wizard.action_save()

    def _promised_call(self):
        """A call in which the customer promised to pay 48 500 on 05/11."""
        call = self._call()
        self._record(
            call,
            outcome="promise",
            promise_date=date(2026, 11, 5),
            promise_amount=48500,
            note="Paiement par virement",
        )
        return call

    def _report(self, call):
        """The call report emailed to the creditor."""
        return self.env["mail.mail"].search(
            [("model", "=", "relance.action"), ("res_id", "=", call.id)]
        )

    def test_call_becomes_a_task_for_the_agent(self):
        call = self._call()
        self.assertEqual(call.state, "scheduled")
        activity = call.activity_ids
        self.assertRecordValues(
            activity,
            [{"user_id": self.agent.id, "date_deadline": date(2026, 10, 23)}],
        )
        self.assertIn("+687751234", activity.note)
        self.assertIn(self.invoice.name, activity.note)

    def test_call_task_is_created_once(self):
        call = self._call()
        with freeze_time("2026-10-23 01:00"):
            # the task waits for the agent: the next run does not call again
            self.assertNotIn(call, self.Action.search(self.Action._get_due_domain()))
        self.assertEqual(len(call.activity_ids), 1)

    def test_promise_blocks_reminders_and_reports_to_the_creditor(self):
        call = self._promised_call()
        self.assertRecordValues(
            call,
            [
                {
                    "state": "done",
                    "call_outcome": "promise",
                    "delivery_state": "delivered",
                }
            ],
        )
        self.assertRecordValues(
            self.invoice,
            [{"relance_block": "promise", "relance_promise_date": date(2026, 11, 5)}],
        )
        self.assertFalse(call.activity_ids)
        report = self._report(call)
        self.assertEqual(report.email_to, "compta@creancier.example.nc")
        self.assertIn("48", report.body_html)
        self.assertIn(
            "05/11/2026", report.body_html.replace("11/05/2026", "05/11/2026")
        )
        self.assertIn("Promise to pay", self.customer.message_ids[0].body)
        with freeze_time("2026-11-03 01:00"):
            self.assertFalse(self._plan(date(2026, 11, 3)))

    def test_dispute_needs_a_reason_and_blocks(self):
        call = self._call()
        with self.assertRaises(UserError):
            self._record(call, outcome="dispute")
        self._record(call, outcome="dispute", dispute_reason="Livraison incomplète")
        self.assertRecordValues(
            self.invoice,
            [
                {
                    "relance_block": "dispute",
                    "relance_block_reason": "Livraison incomplète",
                }
            ],
        )

    def test_wrong_number_is_noted_on_the_customer(self):
        call = self._call()
        self._record(call, outcome="wrong_number")
        self.assertEqual(call.call_outcome, "wrong_number")
        self.assertIn("Wrong phone number", self.customer.message_ids[1].body)

    def test_outcome_is_recorded_once(self):
        call = self._call()
        self._record(call, outcome="voicemail")
        with self.assertRaises(UserError):
            self._record(call, outcome="reached")

    def test_call_report_is_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["relance_nc"], ["fr_FR"], overwrite=True
        )
        self.company.partner_id.lang = "fr_FR"
        call = self._promised_call()
        report = self._report(call)
        self.assertEqual(
            report.subject, "Compte rendu d'appel : Boulangerie du Caillou"
        )
        body = report.body_html
        self.assertIn(
            "Appel de relance à <strong>Boulangerie du Caillou</strong>", body
        )
        self.assertIn("Résultat : <strong>Promesse de paiement</strong>", body)
        self.assertIn("Paiement promis : 48\xa0500\xa0XPF", body)
        self.assertIn("le 05/11/2026", body)
        self.assertIn("Note : Paiement par virement", body)
        self.assertIn("Montant réclamé : 48\xa0500\xa0XPF", body)
