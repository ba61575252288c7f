# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import functools
import logging
from datetime import datetime, time, timedelta

from odoo import api, models

from ..tools import schedule

_logger = logging.getLogger(__name__)

# Days before today of the demo creditor's past runs; each is moved back to
# a day when reminders may go out (no Sunday, no public holiday). The oldest
# is far enough for the payout of its month's card payments to have come
# (relance_nc_payment); the last leaves five days before today's run
# (const.DEFAULT_MIN_DAYS_BETWEEN).
DEMO_RUN_DAYS = (41, 27, 20, 13, 6)
DEMO_RUN_HOUR = 9  # local time of the past runs
# What the agent hears on the demo calls, in turn, and notes (demo data, in
# French like the customers): the first call promises to pay, the second
# disputes the invoices.
DEMO_CALL_OUTCOMES = [
    ("promise", "Paiera après les encaissements de fin de mois."),
    ("dispute", "Livraison incomplète : deux cartons manquants."),
    ("voicemail", "Message laissé sur le répondeur."),
    ("reached", "Vérifie avec son comptable et rappelle."),
]
DEMO_SMS_SENDER = "NMAFOURNIT"


class ResCompany(models.Model):
    """The demo creditor's last weeks, lived through the engine.

    Each past run is the product's own: the planning of that day
    (``relance.action._plan_company``), the review (``action_validate``), the
    execution of the due actions (``_execute_locked``), the demo SMS gateway's
    delivery reports, the call outcomes recorded with the agent's wizard, the
    queued emails handed to the mail server. Only the clock is moved, to
    9:00 in Nouméa on that day, so that nothing here can drift from what a
    real run creates. The option add-ons add their part of each day through
    :meth:`_relance_demo_after_run` (letters, card payments).
    """

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def _relance_demo_history(self, today=None):
        """Run the engine on the past days of :data:`DEMO_RUN_DAYS`, then plan
        today's run, left for review."""
        self.ensure_one()
        company = self._relance_demo_env()
        company._relance_demo_setup()
        today = today or company._relance_today()
        clock = company._relance_demo_clock_class()
        if clock:
            for day, moment in company._relance_demo_run_days(today):
                with clock(moment):
                    company._relance_demo_run(day, today)
            company._relance_demo_after_history()
        company.env["relance.action"]._plan_company(company)

    def _relance_demo_env(self):
        """The demo is lived by the administrator, in the demo company."""
        admin = self.env.ref("base.user_admin")
        return self.with_user(admin).sudo().with_company(self)

    def _relance_demo_setup(self):
        """What the creditor did before its first run: accept the terms,
        choose the (demo) SMS gateway, review every run before it is sent."""
        self.ensure_one()
        if not self.relance_terms_accepted:
            self.env["relance.terms.acceptance"]._accept(self)
        self.write(
            {"relance_sms_provider": "demo", "relance_sms_sender": DEMO_SMS_SENDER}
        )
        policy = self.env["relance.policy"]._get_company_default(self)
        policy.level_ids.write({"review": "manual"})

    @api.model
    def _relance_demo_clock_class(self):
        """A context manager factory setting the clock of the past runs:
        freezegun's ``freeze_time`` (one of Odoo's own requirements; the log
        keeps the real time); None without it: the demo then shows today's
        run only."""
        try:
            from freezegun.api import freeze_time  # noqa: PLC0415 (optional)
        except ImportError:
            _logger.info("freezegun is not installed: the demo has no past runs")
            return None
        return functools.partial(freeze_time, ignore=["logging"])

    def _relance_demo_run_days(self, today=None):
        """``(day, UTC moment)`` of the past runs, oldest first: 9:00 local
        time on days when calls (the narrowest window) may be made."""
        self.ensure_one()
        today = today or self._relance_today()
        tz = self._relance_tz()
        runs = []
        for days in DEMO_RUN_DAYS:
            day = today - timedelta(days=days)
            while True:
                moment = schedule.to_utc(datetime.combine(day, time(DEMO_RUN_HOUR)), tz)
                if self._relance_next_allowed(moment, "call") == moment:
                    break
                day -= timedelta(days=1)
            runs.append((day, moment))
        return sorted(set(runs))

    def _relance_demo_run(self, day, today):
        """The run of ``day``: plan, review, send, then what followed
        (``today`` is the real one, the clock being on ``day``)."""
        self.ensure_one()
        actions = self.env["relance.action"].with_company(self)
        planned = actions._plan_company(self, today=day)
        # hand-overs wait for the creditor's decision
        planned.filtered(lambda a: a.channel != "handover").action_validate()
        domain = actions._get_due_domain() + [("company_id", "=", self.id)]
        due = actions.search(domain)
        due._execute_locked(domain)
        self.env["sms.sms"].search(
            [("relance_action_id", "in", due.ids)]
        )._relance_demo_deliver()
        self._relance_demo_calls(
            due.filtered(lambda a: a.channel == "call" and a.state == "scheduled"),
            today,
        )
        self._relance_demo_bank_payment(day, due)
        self._relance_demo_after_run(day, due)
        self._relance_demo_mail_sent()

    def _relance_demo_calls(self, calls, today):
        """The agent calls and records each outcome with the outcome wizard."""
        wizards = self.env["relance.call.outcome.wizard"]
        done = self.env["relance.action"].search_count(
            [("company_id", "=", self.id), ("call_outcome", "!=", False)]
        )
        for index, call in enumerate(calls, start=done):
            outcome, note = DEMO_CALL_OUTCOMES[index % len(DEMO_CALL_OUTCOMES)]
            vals = {"action_id": call.id, "outcome": outcome, "note": note}
            if outcome == "promise":
                vals.update(
                    # still ahead when the user logs in
                    promise_date=today + timedelta(days=10),
                    promise_amount=call.amount_overdue,
                )
            elif outcome == "dispute":
                vals.update(dispute_reason=note, note=False)
            wizards.create(vals).action_save()

    def _relance_demo_bank_payment(self, day, actions):
        """A customer reminded by email pays its oldest invoice by bank
        transfer two days later, registered with Odoo's payment wizard."""
        email = actions.filtered(
            lambda a: (
                a.channel == "email"
                and a.state == "done"
                and not a.move_ids.filtered("relance_block")
            )
        )[:1]
        moves = email.move_ids.filtered(lambda m: m.payment_state == "not_paid")
        if not moves:
            return
        move = moves.sorted("invoice_date_due")[0]
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create(
            {
                "payment_date": day + timedelta(days=2),
                "journal_id": self.env["account.journal"]
                .search([("company_id", "=", self.id), ("type", "=", "bank")], limit=1)
                .id,
            }
        )._create_payments()

    def _relance_demo_after_run(self, day, actions):
        """Hook of the option add-ons: what followed the run of ``day`` that
        sent ``actions`` (``relance.action``)."""

    def _relance_demo_after_history(self):
        """Hook of the option add-ons: what followed the past runs, seen
        today (a signed acknowledgment, a payout)."""

    @api.model
    def _relance_demo_can_render(self):
        """Whether PDFs can be rendered with their stylesheet now.

        wkhtmltopdf fetches the report assets from Odoo's HTTP server: while
        modules are being installed (demo data included) no server answers
        (``--stop-after-init``) or its requests wait for the registry being
        loaded, so a PDF made then has no style. The demo leaves its PDFs
        (printed letters, payout statements) to :meth:`_relance_demo_finish`,
        run by a scheduled action once Odoo serves.
        """
        return self.env.registry.ready

    @api.model
    def _relance_demo_finish_later(self):
        """Let the demo's scheduled action finish what needs PDFs."""
        cron = self.env.ref(
            "relance_nc.ir_cron_relance_demo_finish", raise_if_not_found=False
        )
        if cron:
            cron.sudo().active = True
            cron.sudo()._trigger()

    @api.model
    def _relance_cron_demo_finish(self):
        """Scheduled action of the demo: once Odoo serves, the PDFs the
        demo could not render at installation; then it switches itself off."""
        if not self._relance_demo_can_render():
            return
        company = self.env.ref(
            "relance_nc.demo_company_creditor", raise_if_not_found=False
        )
        if company:
            company._relance_demo_env()._relance_demo_finish()
        self.env["ir.cron"]._commit_progress(1, remaining=0, deactivate=True)

    def _relance_demo_finish(self):
        """Hook of the option add-ons: what the demo left for a time when
        PDFs can be rendered (see :meth:`_relance_demo_can_render`)."""

    @api.model
    def _relance_demo_mail_sent(self):
        """The mail server accepts the queued emails (while the demo is built,
        they are the demo's: reminders, call reports, receipts): the same
        post-processing as after a real SMTP delivery
        (``mail.mail._postprocess_sent_message``), without any connection."""
        mails = self.env["mail.mail"].search([("state", "=", "outgoing")])
        mails.write({"state": "sent", "failure_reason": False})
        mails._postprocess_sent_message(
            success_pids=mails.recipient_ids, success_emails=[]
        )
