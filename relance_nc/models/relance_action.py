# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import uuid
from datetime import timedelta
from operator import itemgetter

from odoo import api, fields, models
from odoo.tools import format_amount, format_date

from .. import const
from ..tools import dunning

# Given to an action, they make its item list (relance.item.list).
ITEM_FIELDS = ("move_ids", "move_line_ids")

STATES = [
    ("draft", "To Review"),
    ("scheduled", "Scheduled"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]


class RelanceAction(models.Model):
    """One reminder to one customer, at one level, through one channel.

    It lists all the customer's overdue invoices due at that level. The
    planning cron creates actions; the execution cron sends those whose time
    has come. Both are idempotent and safe with several workers.
    """

    _name = "relance.action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Reminder Action"
    _order = "scheduled_at desc, id desc"
    _check_company_auto = True
    _mail_post_access = "read"

    name = fields.Char(compute="_compute_name", store=True)
    uuid = fields.Char(
        default=lambda self: str(uuid.uuid4()),
        copy=False,
        readonly=True,
        help="Sent to gateways as an idempotency key: a retried send is not "
        "delivered twice.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        readonly=True,
        help="Commercial entity reminded.",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Recipient",
        help="Reminder contact of the customer, or the customer itself.",
    )
    recipient_id = fields.Many2one(
        "res.partner",
        string="Addressed To",
        compute="_compute_recipient_id",
        help="Who the reminder is addressed to: its recipient, else the customer. "
        "Templates read it (object.recipient_id) without evaluating code.",
    )
    policy_id = fields.Many2one(related="level_id.policy_id", store=True)
    level_id = fields.Many2one(
        "relance.level", required=True, readonly=True, index=True, ondelete="restrict"
    )
    channel = fields.Selection(
        selection="_selection_channel", required=True, readonly=True
    )
    state = fields.Selection(
        STATES, default="draft", required=True, index=True, tracking=True, copy=False
    )
    scheduled_at = fields.Datetime(index=True, tracking=True, copy=False)
    done_at = fields.Datetime(readonly=True, copy=False)
    item_list_id = fields.Many2one(
        "relance.item.list",
        string="Listed Items",
        readonly=True,
        index="btree_not_null",
        check_company=True,
        ondelete="restrict",
        copy=False,
        help="The invoices this reminder lists, shared with the other "
        "channels' reminders of the same run.",
    )
    move_ids = fields.Many2many(related="item_list_id.move_ids")
    move_line_ids = fields.Many2many(
        related="item_list_id.move_line_ids",
        help="Receivable journal items (instalments) this reminder claims.",
    )
    amount_overdue = fields.Monetary(
        string="Overdue Amount",
        readonly=True,
        help="Overdue balance claimed, net of credits, when the action was planned.",
    )
    cost = fields.Monetary(readonly=True, help="Level fee plus the channel's cost.")
    recipient = fields.Char(
        string="Address Used",
        readonly=True,
        help="Email address or phone number used by the channel.",
    )
    subject = fields.Char(readonly=True)
    email_message_id = fields.Many2one(
        "mail.message",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The email as logged in the chatter; it stays when the outgoing "
        "mail is deleted after sending.",
    )
    body_text = fields.Text(string="SMS Text", readonly=True)
    sms_text_custom = fields.Boolean(
        string="Custom SMS Text",
        readonly=True,
        copy=False,
        help="The SMS text was written in the composer: it is sent instead of "
        "the level's template.",
    )
    provider_ref = fields.Char(string="Provider Reference", readonly=True, copy=False)
    delivery_state = fields.Selection(
        [
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("delivered", "Delivered"),
            ("bounced", "Bounced"),
            ("failed", "Failed"),
        ],
        readonly=True,
        copy=False,
    )
    error = fields.Text(readonly=True, copy=False)
    missing_info = fields.Char(
        string="Missing Information",
        compute="_compute_missing_info",
        store=True,
        help="What the channel needs and the customer lacks (email, mobile, "
        "address), found before the run.",
    )
    mail_id = fields.Many2one("mail.mail", readonly=True, copy=False)
    # Calls
    user_id = fields.Many2one(
        "res.users", string="Agent", tracking=True, help="Who makes the call."
    )
    call_outcome = fields.Selection(const.CALL_OUTCOMES, readonly=True, copy=False)
    call_note = fields.Text(readonly=True, copy=False)
    call_promise_date = fields.Date(readonly=True, copy=False)
    call_promise_amount = fields.Monetary(readonly=True, copy=False)

    _open_action_uniq = models.UniqueIndex(
        "(partner_id, level_id, channel) WHERE state IN ('draft', 'scheduled')",
        "The customer already has an open reminder at this level on this channel.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """Invoices or journal items given to an action make its item list."""
        listed = []
        for vals in vals_list:
            items = self._pop_item_vals(vals)
            if items:
                company_id = vals.get("company_id") or self.env.company.id
                listed.append((vals, {**items, "company_id": company_id}))
        if listed:
            lists = self.env["relance.item.list"].create(
                [
                    {"partner_id": vals.get("partner_id"), **items}
                    for vals, items in listed
                ]
            )
            for (vals, __), items_list in zip(listed, lists, strict=True):
                vals["item_list_id"] = items_list.id
        return super().create(vals_list)

    def write(self, vals):
        """Changing the invoices of actions gives each of them a new item
        list: the list they shared with other actions stays as it was."""
        items = self._pop_item_vals(vals)
        if not items:
            return super().write(vals)
        lists = self.env["relance.item.list"].create(
            [
                {
                    "company_id": action.company_id.id,
                    "partner_id": action.partner_id.id,
                    **items,
                }
                for action in self
            ]
        )
        for action, items_list in zip(self, lists, strict=True):
            super(RelanceAction, action).write({**vals, "item_list_id": items_list.id})
        return True

    @api.model
    def _pop_item_vals(self, vals):
        """Remove the listed invoices and items from ``vals``; return them."""
        return {name: vals.pop(name) for name in ITEM_FIELDS if name in vals}

    @api.depends("contact_id", "partner_id")
    def _compute_recipient_id(self):
        for action in self:
            action.recipient_id = action.contact_id or action.partner_id

    @api.model
    def mail_allowed_qweb_expressions(self):
        """Field paths the reminder templates use: mail renders them by
        reading the fields, without evaluating code for each message (and
        users who do not edit templates may use them)."""
        return (
            *super().mail_allowed_qweb_expressions(),
            "object.company_id.name",
            "object.company_id.email_formatted",
            "object.recipient_id.id",
            "object.recipient_id.lang",
        )

    @api.depends("partner_id", "level_id", "channel")
    def _compute_name(self):
        labels = self._get_channel_labels()
        for action in self:
            action.name = self._make_name(
                action.partner_id, action.level_id, labels.get(action.channel)
            )

    @api.model
    def _get_channel_labels(self):
        return dict(self._fields["channel"]._description_selection(self.env))

    @api.model
    def _make_name(self, partner, level, channel_label):
        return " - ".join(filter(None, [partner.name, level.name, channel_label]))

    @api.depends(
        "channel",
        "contact_id.email",
        "contact_id.relance_phone_kind",
        "contact_id.street",
        "contact_id.city",
        "contact_id.phone",
    )
    def _compute_missing_info(self):
        for action in self:
            action.missing_info = action._get_missing_info() or False

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_validate(self):
        """Validate reviewed actions: they are sent at their scheduled time."""
        actions = self.filtered(lambda a: a.state == "draft")
        now = fields.Datetime.now()
        for action in actions:
            action.write(
                {
                    "state": "scheduled",
                    "scheduled_at": max(action.scheduled_at or now, now),
                }
            )
        self.env.ref("relance_nc.ir_cron_relance_execute")._trigger()
        return True

    def action_send_now(self):
        """Send now (within the allowed hours) instead of at the planned time."""
        self.filtered(lambda a: a.state in ("draft", "scheduled", "failed")).write(
            {"state": "scheduled", "scheduled_at": fields.Datetime.now()}
        )
        self.env.ref("relance_nc.ir_cron_relance_execute")._trigger()
        return True

    def action_retry(self):
        """Put failed actions back in the queue; nothing was sent for them."""
        self.filtered(lambda a: a.state == "failed").write(
            {"state": "scheduled", "error": False, "delivery_state": False}
        )
        self.env.ref("relance_nc.ir_cron_relance_execute")._trigger()
        return True

    def action_cancel(self):
        self.filtered(lambda a: a.state in ("draft", "scheduled", "failed")).write(
            {"state": "cancelled"}
        )
        return True

    def action_mark_done(self):
        """Close actions handled outside relance.nc (manual letter, hand-over)."""
        actions = self.filtered(lambda a: a.state in ("scheduled", "failed"))
        actions._set_done()
        return True

    def action_open_call_outcome(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Call outcome"),
            "res_model": "relance.call.outcome.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_action_id": self.id},
        }

    def action_open_sms_composer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send SMS"),
            "res_model": "relance.sms.composer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_action_id": self.id},
        }

    @api.model
    def _action_plan_now(self):
        """Plan the current company's reminders now and show what is to review."""
        actions = self._plan_company(self.env.company)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relance_nc.relance_action_action"
        )
        if actions:
            action["domain"] = [("id", "in", actions.ids)]
            action["context"] = {}
        return action

    def _set_done(self):
        """Mark actions done and move their invoices to the level reached."""
        today = self._company_today(self.company_id[:1] or self.env.company)
        self.write({"state": "done", "done_at": fields.Datetime.now(), "error": False})
        states = self.env["relance.move.level"].sudo()
        reached = self.move_ids._read_relance_state("level_id")
        for level, actions in self.grouped("level_id").items():
            targets = actions._get_levels_reached(level, today, reached)
            for target, moves in targets.items():
                states._record(moves, {"level_id": target.id, "last_date": today})
            untouched = actions.move_ids - self.env["account.move"].union(
                *targets.values()
            )
            states._record(untouched, {"last_date": today})

    def _get_levels_reached(self, level, today, reached):
        """``{level: invoices}`` that the actions of ``level`` move up, from
        the levels ``reached`` so far (``{invoice id: relance.level}``, see
        ``account.move._read_relance_state``).

        One message may list invoices due at lower levels, or coming due
        (several levels merged on one day, see ``_prepare_merged_vals``):
        each invoice reaches the level its oldest listed item is due for,
        at most ``level``, and never goes down.
        """
        levels = level.policy_id.level_ids
        delays = levels.mapped("delay")
        by_delay = {lv.delay: lv for lv in levels}
        oldest = {}
        for line in self.move_line_ids:
            move_id, due = line.move_id.id, line.date_maturity
            oldest[move_id] = min(oldest.get(move_id, due), due)
        targets = {}
        for move_id in self.move_ids.ids:
            target = level  # no item listed: the action's level
            if move_id in oldest:
                delay = dunning.level_for_days((today - oldest[move_id]).days, delays)
                target = None if delay is None else by_delay[min(delay, level.delay)]
            current = reached.get(move_id)
            if not target or (
                current
                and current.policy_id == target.policy_id
                and current.delay >= target.delay
            ):
                continue
            targets.setdefault(target, []).append(move_id)
        # ids gathered, then browsed: a union per invoice copies the set
        return {
            target: self.env["account.move"].browse(move_ids)
            for target, move_ids in targets.items()
        }

    def _set_failed(self, error):
        self.write({"state": "failed", "error": error, "delivery_state": "failed"})
        # A note notifying nobody: logged, without a post's recipients and
        # reply-to computation (a failed SMS report lands here).
        for action in self:
            action._message_log(
                body=self.env._("Sending failed: %(error)s", error=error)
            )

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _get_missing_info(self):
        """Translated description of what the channel needs and the recipient lacks."""
        self.ensure_one()
        return self._missing_info_for(self.channel, self.contact_id or self.partner_id)

    def _get_payment_link(self):
        """URL where the customer pays; relance_nc_payment provides it."""
        self.ensure_one()
        return False

    @api.model
    def _company_today(self, company):
        return company._relance_today()

    @api.model
    def _next_send_time(self, company):
        """Next UTC time at which the company may send an email or an SMS."""
        return company._relance_next_allowed(fields.Datetime.now(), "email")

    def _get_due_lines_info(self, section=None):
        """Invoices to list in templates, sorted by due date: all of them, or
        the ``overdue`` ones, or those ``coming`` due (today or later)."""
        self.ensure_one()
        # a batch of emails reads them beforehand (see _execute_email_batch)
        memo = self.env.cr.cache.get(const.FORMAT_MEMO_KEY, {})
        lines = memo.get(("lines", self.id))
        if lines is None:
            lines = self._read_due_lines()[self.id]
        if not section:
            return lines
        today = self._company_today(self.company_id)
        if section == "overdue":
            return [line for line in lines if line["due"] < today]
        return [line for line in lines if line["due"] >= today]

    def _read_due_lines(self):
        """``{action id: [invoice to list]}`` sorted by due date, read in one
        pass over the items of all the actions."""
        lines = self.move_line_ids
        # these columns only, not all those of the journal items
        lines.fetch(["move_id", "date_maturity", "amount_residual"])
        info = {
            line.id: {
                "name": line.move_id.name,
                "date": line.move_id.invoice_date,
                "due": line.date_maturity,
                "residual": line.amount_residual,
            }
            for line in lines
        }
        return {
            action.id: sorted(
                (info[line_id] for line_id in action.move_line_ids._ids),
                key=itemgetter("due"),
            )
            for action in self
        }

    def _get_due_lines_html(self):
        """The invoices of the reminder as HTML for its email: the overdue
        ones, then those coming due as a courtesy section."""
        self.ensure_one()
        # Dates and amounts repeat from one email to the next: a batch of
        # emails shares their formatting (see _execute_email_batch).
        lines = self._get_due_lines_info()
        today = self._company_today(self.company_id)
        return self.env["ir.qweb"]._render(
            "relance_nc.relance_reminder_lines",
            {
                "action": self,
                "overdue": [line for line in lines if line["due"] < today],
                "coming": [line for line in lines if line["due"] >= today],
                "format_date": self._format_date_memoized,
                "format_amount": self._format_amount_memoized,
            },
        )

    def _format_date_memoized(self, day):
        """``format_date`` in the context's language, shared by the emails of
        a batch (see _execute_email_batch)."""
        return self._memoized(
            ("date", self.env.lang, day), lambda: format_date(self.env, day)
        )

    def _format_amount_memoized(self, amount):
        """``format_amount`` in the action's currency, shared by the emails
        of a batch (see _execute_email_batch)."""
        currency = self.currency_id
        return self._memoized(
            ("amount", self.env.lang, currency.id, amount),
            lambda: format_amount(self.env, amount, currency),
        )

    def _memoized(self, key, func):
        memo = self.env.cr.cache.get(const.FORMAT_MEMO_KEY)
        if memo is None:
            return func()
        if key not in memo:
            memo[key] = func()
        return memo[key]

    def _get_notice_deadline(self):
        """Date by which a formal notice asks to pay: the policy's notice
        days after today, in the company's time zone."""
        self.ensure_one()
        return self._company_today(self.company_id) + timedelta(
            days=self.level_id.policy_id.notice_days
        )
