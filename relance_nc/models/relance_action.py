# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import uuid
from datetime import timedelta
from operator import itemgetter

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import float_round, format_date, get_lang

from .. import const
from ..tools import amounts

# The invoice table of a reminder email (_render_due_lines): every value is
# escaped before it is set in.
TABLE_START = '<table style="border-collapse: collapse; width: 100%;">'
TABLE_HEADER = '<th style="text-align: %s; border-bottom: 1px solid #ccc;">%s</th>'
TABLE_ALIGN = ("left", "left", "left", "right")
TABLE_ROW = (
    '<tr><td>{}</td><td>{}</td><td>{}</td><td style="text-align: right;">{}</td></tr>'
)

# The columns of the listed journal items that sending reads
# (_read_due_lines, _prefetch_recheck).
ITEM_COLUMNS = ["move_id", "date_maturity", "amount_residual"]

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

    def _get_items(self):
        """The journal items the actions list (their ``move_line_ids``; their
        invoices are ``_get_items().move_id``), read from the shared lists.

        Sending goes this way: the related fields are computed action by
        action, each through the ORM's write of a many2many in cache, which
        made up a tenth of the time of a reminder email
        (tests/benchmarks/bench_reminders.py).
        """
        return self.item_list_id.move_line_ids

    def _set_done(self):
        """Mark actions done and move their invoices to the level reached."""
        today = self._company_today(self.company_id[:1] or self.env.company)
        self.write({"state": "done", "done_at": fields.Datetime.now(), "error": False})
        states = self.env["relance.move.level"].sudo()
        moves = self.env["account.move"]
        lines = self._get_due_lines_batch()
        oldest = {}  # {invoice id: due date of its oldest item listed}
        for action_lines in lines.values():
            for line in action_lines:
                move_id, due = line["move_id"], line["due"]
                oldest[move_id] = min(oldest.get(move_id, due), due)
        reached = moves.browse(oldest)._read_relance_state("level_id")
        for level, actions in self.grouped("level_id").items():
            listed = {line["move_id"] for a in actions.ids for line in lines[a]}
            targets = level._get_levels_reached(
                {move_id: oldest[move_id] for move_id in listed}, today, reached
            )
            for target, move_ids in targets.items():
                states._record(
                    moves.browse(move_ids), {"level_id": target.id, "last_date": today}
                )
            untouched = listed.difference(*targets.values())
            states._record(moves.browse(sorted(untouched)), {"last_date": today})

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
        lines = self._get_due_lines_batch()[self.id]
        if not section:
            return lines
        today = self._company_today(self.company_id)
        if section == "overdue":
            return [line for line in lines if line["due"] < today]
        return [line for line in lines if line["due"] >= today]

    def _get_due_lines_batch(self):
        """``{action id: [invoice listed]}`` as ``_read_due_lines``, from the
        batch of emails being sent when it read them (_execute_email_batch)."""
        batch = self.env.cr.cache.get(const.FORMAT_MEMO_KEY, {}).get("lines", {})
        if all(action_id in batch for action_id in self.ids):
            return {action_id: batch[action_id] for action_id in self.ids}
        return self._read_due_lines()

    def _read_due_lines(self):
        """``{action id: [invoice to list]}`` sorted by due date, read in one
        pass over the items of all the actions."""
        lines = self._get_items()
        # these columns only, not all those of the journal items
        lines.fetch(ITEM_COLUMNS)
        moves = {move.id: (move.name, move.invoice_date) for move in lines.move_id}
        info = {}
        for line in lines:
            move_id = line.move_id.id
            name, date = moves[move_id]
            info[line.id] = {
                "move_id": move_id,
                "name": name,
                "date": date,
                "due": line.date_maturity,
                "residual": line.amount_residual,
            }
        return {
            action.id: sorted(
                (info[line_id] for line_id in action._get_items()._ids),
                key=itemgetter("due"),
            )
            for action in self
        }

    def _get_due_lines_html(self):
        """The invoices of the reminder as HTML for its email: the overdue
        ones, then those coming due as a courtesy section
        (``_render_due_lines``).

        In a batch of emails (see _execute_email_batch), the first call
        writes the lists of every email of the batch in the context's
        language.
        """
        self.ensure_one()
        memo = self.env.cr.cache.get(const.FORMAT_MEMO_KEY, {})
        batch = memo.get("lines", {})
        if self.id not in batch:
            return self._render_due_lines()[self.id]
        rendered = memo.setdefault(("lines html", self.env.lang), {})
        if self.id not in rendered:
            rendered.update(self.browse(batch)._render_due_lines())
        return rendered[self.id]

    def _render_due_lines(self):
        """``{action id: HTML of its invoices}``, in the context's language:
        a table of the overdue invoices, then one of those coming due after
        a courtesy sentence. The wording around it is the template's.

        Written here rather than in a QWeb template: rendering the table of
        each email with QWeb, even all of them in one rendering, took a
        tenth of the time of a reminder email
        (tests/benchmarks/bench_reminders.py). Dates and amounts repeat from
        one email to the next: they are formatted once per batch.
        """
        format_date = self._get_date_formatter()
        titles = [
            self.env._("Invoice"),
            self.env._("Date"),
            self.env._("Due date"),
            self.env._("Amount due"),
        ]
        headers = Markup("").join(
            Markup(TABLE_HEADER) % (align, title)
            for align, title in zip(TABLE_ALIGN, titles, strict=True)
        )
        table = f"{TABLE_START}<tr>{headers}</tr>"
        courtesy = Markup("<p>%s</p>") % self.env._(
            "For your information, these invoices will be due soon:"
        )
        result = {}
        for action in self:
            lines = action._get_due_lines_info()
            today = action._company_today(action.company_id)
            format_amount = action._get_amount_formatter()
            overdue = [line for line in lines if line["due"] < today]
            coming = [line for line in lines if line["due"] >= today]
            parts = []
            for section in (overdue, coming):
                if not section:
                    continue
                if section is coming and overdue:
                    parts.append(courtesy)
                parts.append(table)
                parts.extend(
                    TABLE_ROW.format(
                        escape(line["name"]),
                        escape(format_date(line["date"])),
                        escape(format_date(line["due"])),
                        escape(format_amount(line["residual"])),
                    )
                    for line in section
                )
                parts.append("</table>")
            result[action.id] = Markup("".join(parts))
        return result

    def _get_date_formatter(self):
        """A function writing dates as ``format_date`` does in the context's
        language, each date written once for the emails of a batch (see
        _execute_email_batch)."""
        env = self.env

        def build():
            dates = {}

            def format_day(day):
                text = dates.get(day)
                if text is None:
                    text = dates[day] = format_date(env, day)
                return text

            return format_day

        return self._memoized(("dates", env.lang), build)

    def _get_amount_formatter(self, currency=None):
        """A function writing amounts in ``currency`` (the action's by
        default) as ``odoo.tools.format_amount`` does in the context's
        language, the language's settings read once for the emails of a
        batch (see _execute_email_batch): ``format_amount`` reads them for
        each amount (``tools/amounts.py``)."""
        currency = currency or self.currency_id

        def build():
            lang = get_lang(self.env)
            amount_format = amounts.AmountFormat(
                currency.decimal_places,
                lang.decimal_point,
                lang.thousands_sep or "",
                amounts.parse_grouping(lang.grouping),
                currency.symbol or "",
                before=currency.position == "before",
            )
            rounding = currency.rounding
            return lambda amount: amount_format.format(
                float_round(amount, precision_rounding=rounding)
            )

        return self._memoized(("amounts", self.env.lang, currency.id), build)

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
