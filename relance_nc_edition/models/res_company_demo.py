# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

from odoo import Command, api, models

from odoo.addons.relance_nc.tools import schedule

from .. import const
from ..tools import s10

# Serial of the demo's first registered-item number (RR<serial><check>NC)
DEMO_TRACKING_SERIAL = 27_120_000
DEMO_ACK_DAYS = 3  # days between posting and the signed acknowledgment
DEMO_PRINT_HOUR = 14  # local time when the day's letters are printed


class ResCompany(models.Model):
    """The letters of the demo creditor's runs (demo/relance_nc_edition_demo.xml),
    through the print workflow: batch, PDF, printed, posted, acknowledged."""

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _relance_edition_load_demo(self):
        """Turn the letter reminders the past runs left waiting (this add-on
        was not installed yet) into letters, each on its day."""
        company = self.env.ref(
            "relance_nc.demo_company_creditor", raise_if_not_found=False
        )
        clock = self._relance_demo_clock_class()
        if not (company and clock):
            return
        company = company._relance_demo_env()
        actions = company.env["relance.action"].search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "scheduled"),
                ("channel", "in", list(const.CHANNEL_LETTERS)),
                ("relance_letter_ids", "=", False),
            ]
        )
        for moment, day_actions in sorted(
            actions.grouped("scheduled_at").items(), key=lambda item: item[0]
        ):
            with clock(moment):
                domain = day_actions._get_due_domain() + [("id", "in", day_actions.ids)]
                day_actions._execute_locked(domain)
                company._relance_demo_letters(day_actions)
        company._relance_demo_acknowledge()

    def _relance_demo_after_run(self, day, actions):
        res = super()._relance_demo_after_run(day, actions)
        self._relance_demo_letters(actions)
        return res

    def _relance_demo_after_history(self):
        res = super()._relance_demo_after_history()
        self._relance_demo_acknowledge()
        return res

    def _relance_demo_letters(self, actions):
        """Print the letters of ``actions`` in one batch and post them, the
        registered ones with their tracking number."""
        letters = actions.relance_letter_ids.filtered(
            lambda letter: letter.state == "validated" and not letter.batch_id
        )
        if not letters:
            return
        batch = self.env["relance.letter.batch"].browse(
            letters.action_create_batch()["res_id"]
        )
        if not self._relance_demo_can_render():
            # batched on its day, printed by the demo's scheduled action
            self._relance_demo_finish_later()
            return
        # real PDFs, also when the demo is built by a test
        batch.with_context(force_report_rendering=True).action_generate()
        self._relance_demo_post(batch)

    def _relance_demo_post(self, batch):
        """The printed ``batch`` goes to the post office, its registered
        letters with their tracking number."""
        if batch.state != "ready":
            return
        batch.action_mark_printed()
        for letter in batch.letter_ids.filtered(
            lambda letter: letter.mail_type == "registered"
        ):
            serial = f"{DEMO_TRACKING_SERIAL + letter.id:08d}"
            letter.tracking_number = f"RR{serial}{s10.check_digit(serial)}NC"
        batch.action_mark_posted()

    def _relance_demo_finish(self):
        """Print and post, each on its day, the batches the demo made while
        it was installed (the letters as they were that day: what was paid
        since does not unmake a batch), then record the acknowledgment."""
        res = super()._relance_demo_finish()
        clock = self._relance_demo_clock_class()
        batches = self.env["relance.letter.batch"].search(
            [("letter_ids.company_id", "=", self.id), ("state", "=", "draft")],
            order="id",
        )
        if not clock:
            return res
        tz = self._relance_tz()
        for batch in batches:
            day = min(batch.letter_ids.mapped("date"))
            moment = schedule.to_utc(datetime.combine(day, time(DEMO_PRINT_HOUR)), tz)
            with clock(moment):
                batch.with_context(force_report_rendering=True)._generate_pdf()
                self._relance_demo_post(batch)
        self._relance_demo_acknowledge()
        return res

    def _relance_demo_acknowledge(self):
        """The registered letters of the oldest posting come back signed,
        recorded with the delivery wizard."""
        letters = self.env["relance.letter"].search(
            [
                ("company_id", "=", self.id),
                ("state", "=", "posted"),
                ("mail_type", "=", "registered"),
            ],
            order="posted_on, id",
        )
        if not letters:
            return
        posted_on = letters[0].posted_on
        day = posted_on + timedelta(days=DEMO_ACK_DAYS)
        if day > self._relance_today():
            return
        self.env["relance.letter.delivery.wizard"].create(
            {
                "letter_ids": [
                    Command.set(
                        letters.filtered(
                            lambda letter: letter.posted_on == posted_on
                        ).ids
                    )
                ],
                "outcome": "delivered",
                "date": day,
            }
        ).action_confirm()
