# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import split_every

from .. import const
from .relance_action import ITEM_COLUMNS

_logger = logging.getLogger(__name__)


class RelanceAction(models.Model):
    """Execution: send the scheduled actions whose time has come (cron path 2)."""

    _inherit = "relance.action"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _cron_execute(self, batch_size=const.EXECUTE_BATCH_SIZE):
        """Send the scheduled actions whose time has come, in locked batches.

        Plain emails and SMS are sent by chunks (``_get_batch_chunk_size``),
        one commit per chunk: a crash rolls back the queued emails with the
        action states, so nothing is sent twice; the SMS of a chunk go to the
        gateway in one request and keep their idempotency keys, so a chunk
        sent again after a crash is not delivered twice. Other channels reach
        a person, so each of them is committed on its own. Rows locked by
        another worker are skipped.
        """
        domain = self._get_due_domain()
        actions = self.search(domain, limit=batch_size, order="scheduled_at, id")
        remaining = (
            len(actions) if len(actions) < batch_size else self.search_count(domain)
        )
        self.env["ir.cron"]._commit_progress(remaining=remaining)
        batched = self.browse()
        for kind, group in actions.grouped(lambda a: a._get_batch_kind()).items():
            if not kind:
                continue
            batched |= group
            size = self._get_batch_chunk_size(kind)
            for chunk in split_every(size, group.ids, self.browse):
                chunk._run_or_postpone(lambda c=chunk: c._execute_locked(domain))
                if not self.env["ir.cron"]._commit_progress(len(chunk)):
                    return
        for action in actions - batched:
            action._run_or_postpone(lambda a=action: a._execute_locked(domain))
            if not self.env["ir.cron"]._commit_progress(1):
                break

    def _get_batch_kind(self):
        """``"email"`` or ``"sms"`` when this action is sent with others of
        its kind (``_execute_<kind>_batch``), else False (one at a time)."""
        self.ensure_one()
        if self._is_batch_email():
            return "email"
        if self.channel == "sms":
            return "sms"
        return False

    @api.model
    def _get_batch_chunk_size(self, kind):
        return {"email": const.EMAIL_CHUNK_SIZE, "sms": const.SMS_CHUNK_SIZE}[kind]

    @api.model
    def _get_due_domain(self):
        accepted = (
            self.env["relance.terms.acceptance"]
            .sudo()
            ._read_group([("version", "=", const.TERMS_VERSION)], ["company_id"])
        )
        return [
            ("state", "=", "scheduled"),
            ("scheduled_at", "<=", fields.Datetime.now()),
            ("channel", "in", self._get_executed_channels()),
            # handed to a person (a call task) or a print run: it waits there
            ("delivery_state", "!=", "queued"),
            ("company_id", "in", [company.id for (company,) in accepted]),
        ]

    def _execute(self):
        """Re-check, then send one action through its channel.

        Business errors (gateway down, missing address) leave the action
        ``failed`` with the error, retryable; nothing else is rolled back.
        """
        self.ensure_one()
        if not self._recheck():
            return
        now = fields.Datetime.now()
        allowed = self.company_id._relance_next_allowed(now, self.channel)
        if allowed > now:  # night, Sunday or holiday: wait for the next window
            self.scheduled_at = allowed
            return
        try:
            with self.env.cr.savepoint():
                getattr(self, f"_execute_{self.channel}")()
        except UserError as err:
            self._set_failed(str(err))

    def _execute_locked(self, domain):
        """Lock the actions still due (``domain``), skipping those another
        worker holds, and send them."""
        actions = self.try_lock_for_update().filtered_domain(domain)
        batched = self.browse()
        for kind, group in actions.grouped(lambda a: a._get_batch_kind()).items():
            if kind:
                getattr(group, f"_execute_{kind}_batch")()
                batched |= group
        for action in actions - batched:
            action._execute()

    def _run_or_postpone(self, method):
        """Run ``method``; when another worker changed the same rows since
        this transaction began (it sent these actions, or wrote the same
        invoices), undo it and leave the actions for the next run: nothing
        lost, nothing sent twice (a resent SMS keeps its idempotency key,
        see ``_get_sms_records``)."""
        try:
            with self.env.cr.savepoint():
                method()
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as err:
            _logger.info("Reminders %s postponed to the next run: %s", self.ids, err)
            return False
        return True

    def _recheck(self):
        """Re-apply the planning rules just before sending.

        Drop the invoices paid or blocked since planning; cancel when none is
        left, or when the customer refused the channel or changed policy
        meanwhile. The planning query (``_get_overdue_items`` and
        ``_prepare_level_vals``) states the same rules in SQL; the test
        ``test_rule_agreement.py`` pins the two together case by case.
        """
        today = self._company_today(self.company_id)
        refusal = self._get_refusal()
        if refusal:
            self.write({"state": "cancelled", "error": False})
            self.message_post(body=refusal)
            return False
        items = self._get_items()
        moves = items.move_id.filtered(
            lambda m: (
                m.payment_state not in const.NOT_REMINDED_PAYMENT_STATES
                and not m._relance_is_blocked(today)
            )
        )
        if moves == items.move_id:
            return True
        if not moves:
            self.write({"state": "cancelled", "error": False})
            self.message_post(
                body=self.env._("Cancelled: the invoices were paid or blocked.")
            )
            return False
        lines = items.filtered(lambda line: line.move_id in moves)
        self.write(
            {
                "move_ids": [fields.Command.set(moves.ids)],
                "move_line_ids": [fields.Command.set(lines.ids)],
                "amount_overdue": sum(lines.mapped("amount_residual")),
            }
        )
        return True

    def _prefetch_recheck(self):
        """Read together, for a batch of actions, what ``_recheck`` and the
        messages read of their items, invoices and customers, and only that:
        field by field, the ORM would read every column of these tables."""
        lines = self._get_items()
        lines.fetch(ITEM_COLUMNS)
        lines.move_id.fetch(
            [
                "name",
                "invoice_date",
                "payment_state",
                "relance_excluded",
                "relance_block",
                "relance_promise_date",
            ]
        )
        for company, actions in self.grouped("company_id").items():
            actions.partner_id.with_company(company).fetch(
                ["relance_policy_id", *self._get_optout_fields()]
            )

    def _get_refusal(self):
        """Why the customer no longer takes this action (translated), or
        False: opted out of its channel, or moved to another policy."""
        self.ensure_one()
        partner = self.partner_id.with_company(self.company_id)
        channel = self._get_channel_registry().get(self.channel)
        if channel and channel.optout_field and partner[channel.optout_field]:
            return self.env._("Cancelled: the customer refuses this channel.")
        level_policy = self.level_id.policy_id
        if partner.relance_policy_id:
            moved = partner.relance_policy_id != level_policy
        else:
            # the company's default policy (one at most, see relance.policy),
            # told without a query per action
            moved = not (
                level_policy.is_default
                and level_policy.active
                and level_policy.company_id == self.company_id
            )
        if moved:
            return self.env._("Cancelled: the customer now follows another policy.")
        return False
