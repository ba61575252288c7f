# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import logging
import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount, split_every

from .. import const
from ..tools import dunning, sms as sms_tools

_logger = logging.getLogger(__name__)

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
    policy_id = fields.Many2one(related="level_id.policy_id", store=True)
    level_id = fields.Many2one(
        "relance.level", required=True, readonly=True, index=True, ondelete="restrict"
    )
    channel = fields.Selection(const.CHANNELS, required=True, readonly=True)
    state = fields.Selection(
        STATES, default="draft", required=True, index=True, tracking=True, copy=False
    )
    scheduled_at = fields.Datetime(index=True, tracking=True, copy=False)
    done_at = fields.Datetime(readonly=True, copy=False)
    move_ids = fields.Many2many(
        "account.move",
        "relance_action_account_move_rel",
        "action_id",
        "move_id",
        string="Invoices",
        readonly=True,
    )
    move_line_ids = fields.Many2many(
        "account.move.line",
        string="Overdue Items",
        readonly=True,
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
    body = fields.Html(
        string="Content",
        related="email_message_id.body",
        help="Content of the email, as rendered when it was queued.",
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

    # ------------------------------------------------------------
    # PLANNING
    # ------------------------------------------------------------

    @api.model
    def _cron_plan(self):
        """Plan the due reminders of every company, one company per commit."""
        companies = self._get_companies_with_receivables()
        self.env["ir.cron"]._commit_progress(remaining=len(companies))
        for company in companies:
            self.with_company(company)._plan_company(company)
            if not self.env["ir.cron"]._commit_progress(1):
                break

    @api.model
    def _get_companies_with_receivables(self):
        """Companies with posted customer invoices: the ones a run may chase."""
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_receipt")),
                ],
                ["company_id"],
            )
        )
        return self.env["res.company"].browse([company.id for (company,) in groups])

    @api.model
    def _plan_company(self, company, today=None):
        """Create the reminder actions due for ``company``; return them.

        Takes a transaction-scoped advisory lock so that two workers never plan
        the same company at once; the second one finds the first one's actions
        (open actions are unique per customer, level and channel) and creates
        nothing.
        """
        self.env.cr.execute(
            SQL(
                "SELECT pg_try_advisory_xact_lock(%s, %s)",
                const.PLAN_LOCK_KEY,
                company.id,
            )
        )
        if not self.env.cr.fetchone()[0]:
            _logger.info("Reminder planning of %s runs elsewhere", company.name)
            return self.browse()
        today = today or self._company_today(company)
        items = self._get_overdue_items(company, today)
        if not items:
            return self.browse()
        vals_list = self._prepare_plan_vals(company, items, today)
        return self._create_planned(vals_list)

    @api.model
    def _create_planned(self, vals_list):
        """Insert the planned actions in bulk; return them.

        A run plans tens of thousands of actions. The ORM's create spends
        about a millisecond on each (defaults, monetary rounding through a
        draft record, many2many commands, cache), half a minute for the
        benchmark's 29 000 actions (tests/benchmarks/bench_reminders.py).
        The values built by :meth:`_prepare_level_vals` are complete and
        already rounded, so the rows and their invoice links are inserted
        with a few statements, as ``_create`` does, and the ORM then computes
        the stored computed fields not given in batch (:meth:`modified`, as
        after any create). Fields added by other modules get their default,
        read once. No chatter: the action's create_date is its history.
        """
        if not vals_list:
            return self.browse()
        self.check_access("create")
        given = {name for vals in vals_list for name in vals}
        magic = set(models.MAGIC_COLUMNS)
        defaults = self.default_get(
            [
                name
                for name, field in self._fields.items()
                if field.store and field.column_type and name not in given | magic
            ]
        )
        now, uid = self.env.cr.now(), self.env.uid
        columns, links = [], []
        for name in sorted(given | set(defaults)):
            field = self._fields[name]
            if field.type == "many2many":
                links.append(field)
            elif field.column_type:
                columns.append(field)

        def to_column(field, value):
            if field.type == "monetary":  # rounded by _prepare_level_vals
                return float(value or 0.0)
            return field.convert_to_column_insert(value, self)

        rows = [
            [
                to_column(field, vals.get(field.name, defaults.get(field.name)))
                for field in columns
            ]
            + [uid, now, uid, now]  # create_uid, create_date, write_uid, write_date
            for vals in vals_list
        ]
        names = [field.name for field in columns] + models.LOG_ACCESS_COLUMNS
        ids = []
        for chunk in split_every(1000, rows):
            ids += self.env.execute_query(
                SQL(
                    "INSERT INTO %s (%s) VALUES %s RETURNING id",
                    SQL.identifier(self._table),
                    SQL(", ").join(map(SQL.identifier, names)),
                    SQL(", ").join(tuple(row) for row in chunk),
                )
            )
        actions = self.browse(action_id for (action_id,) in ids)
        for field in links:
            sources, targets = [], []
            for action, vals in zip(actions, vals_list, strict=True):
                for command, __, target_ids in vals.get(field.name, ()):
                    if command != fields.Command.SET:
                        raise ValueError(f"{field}: only SET commands are supported")
                    sources += [action.id] * len(target_ids)
                    targets += target_ids
            self.env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s, %s)"
                    " SELECT unnest(%s::int[]), unnest(%s::int[])",
                    SQL.identifier(field.relation),
                    SQL.identifier(field.column1),
                    SQL.identifier(field.column2),
                    sources,
                    targets,
                )
            )
            for inverse in self.pool.field_inverses[field]:
                self.env[inverse.model_name].invalidate_model([inverse.name])
        given_computed = [
            self._fields[name] for name in given if self._fields[name].compute
        ]
        with self.env.protecting(given_computed, actions):
            actions.modified(self._fields, create=True)
        actions.check_access("create")  # record rules, as after any create
        return actions

    @api.model
    def _get_overdue_items(self, company, today):
        """Receivable items of customer invoices that may be due, in one query.

        Returns rows (line id, move id, partner id, due date, residual,
        reached level id, credit flag).
        """
        lead_days = max(
            [0]
            + [
                -delay
                for delay in self.env["relance.level"]
                .search([("company_id", "=", company.id)])
                .mapped("delay")
            ]
        )
        for model in ("account.move", "account.move.line", "account.account"):
            self.env[model].flush_model()
        return self.env.execute_query(
            SQL(
                """
                SELECT line.id, move.id, move.commercial_partner_id,
                       line.date_maturity, line.amount_residual,
                       move.relance_level_id, move.move_type = 'out_refund'
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  JOIN account_account account ON account.id = line.account_id
                 WHERE line.company_id = %(company)s
                   AND line.parent_state = 'posted'
                   AND account.account_type = 'asset_receivable'
                   AND NOT line.reconciled
                   AND line.amount_residual != 0
                   AND (line.amount_residual < 0
                        OR (move.move_type IN ('out_invoice', 'out_receipt')
                            AND line.date_maturity <= %(horizon)s
                            AND NOT COALESCE(move.relance_excluded, FALSE)
                            AND move.payment_state NOT IN
                                ('paid', 'in_payment', 'reversed', 'blocked')
                            AND (move.relance_block IS NULL
                                 OR (move.relance_block = 'promise'
                                     AND move.relance_promise_date < %(today)s))))
                 ORDER BY move.commercial_partner_id, line.date_maturity, line.id
                """,
                company=company.id,
                horizon=today + timedelta(days=lead_days),
                today=today,
            )
        )

    @api.model
    def _prepare_plan_vals(self, company, rows, today):
        """Turn overdue rows into action values, grouped per customer and level."""
        by_partner = {}
        for row in rows:
            by_partner.setdefault(row[2], []).append(row)
        partners = (
            self.env["res.partner"].with_company(company).browse(list(by_partner))
        )
        partners.fetch(
            [
                "relance_policy_id",
                "relance_pause_until",
                "relance_contact_id",
                "relance_responsible_id",
                "relance_optout_email",
                "relance_optout_sms",
                "relance_optout_call",
                "relance_optout_letter",
            ]
        )
        default_policy = self.env["relance.policy"]._get_company_default(company)
        context = self._get_plan_context(company, partners, today)
        vals_list = []
        for partner in partners:
            policy = partner.relance_policy_id or default_policy
            vals_list += self._prepare_partner_plan_vals(
                partner, policy, by_partner[partner.id], today, context
            )
        return vals_list

    @api.model
    def _get_plan_context(self, company, partners, today):
        """Data shared by all customers of a planning run, read in bulk."""
        open_actions = self.search_fetch(
            [
                ("company_id", "=", company.id),
                ("partner_id", "in", partners.ids),
                ("state", "in", ("draft", "scheduled")),
            ],
            ["partner_id", "level_id", "channel"],
        )
        last_contacts = dict(
            self._read_group(
                [
                    ("company_id", "=", company.id),
                    ("partner_id", "in", partners.ids),
                    ("state", "=", "done"),
                ],
                ["partner_id"],
                ["done_at:max"],
            )
        )
        return {
            "company": company,
            "open": {(a.partner_id.id, a.level_id.id, a.channel) for a in open_actions},
            "last_contact": last_contacts,
            "send_at": self._next_send_time(company),
            "costs": company._relance_channel_costs(),
            "channel_labels": self._get_channel_labels(),
        }

    @api.model
    def _prepare_partner_plan_vals(self, partner, policy, rows, today, context):
        """Action values for one customer: one per due level and channel."""
        if partner.relance_pause_until and partner.relance_pause_until >= today:
            return []
        last = context["last_contact"].get(partner)
        if last and (today - last.date()).days < policy.min_days_between:
            return []
        levels = policy.level_ids
        level_by_id = {level.id: level for level in levels}
        delays = {level.delay: level for level in levels}
        items, credits = [], []
        for line_id, move_id, __, due, residual, level_id, is_credit in rows:
            if residual < 0 or is_credit:
                credits.append(-residual)
                continue
            reached = level_by_id.get(level_id)
            items.append(
                dunning.Item(
                    line_id, move_id, due, residual, reached.delay if reached else None
                )
            )
        overdue_items = [i for i in items if i.due_date < today]
        if dunning.net_overdue(overdue_items or items, credits) < policy.min_amount:
            return []
        vals_list = []
        for delay, due_items in dunning.due_levels(items, list(delays), today).items():
            vals_list += self._prepare_level_vals(
                partner, delays[delay], due_items, credits, context
            )
        return vals_list

    @api.model
    def _prepare_level_vals(self, partner, level, items, credits, context):
        """Action values of one customer at one level, one per channel."""
        optouts = {
            "email": partner.relance_optout_email,
            "sms": partner.relance_optout_sms,
            "call": partner.relance_optout_call,
            "letter": partner.relance_optout_letter,
            "registered_letter": partner.relance_optout_letter,
        }
        company = context["company"]
        amount = company.currency_id.round(dunning.net_overdue(items, credits))
        vals_list = []
        contact = partner.relance_contact_id or partner
        for channel in level._get_channels():
            key = (partner.id, level.id, channel)
            if optouts.get(channel) or key in context["open"]:
                continue
            vals_list.append(
                {
                    # stored computed fields, given: computed here in batch
                    "name": self._make_name(
                        partner, level, context["channel_labels"][channel]
                    ),
                    "policy_id": level.policy_id.id,
                    "missing_info": self._missing_info_for(channel, contact) or False,
                    "company_id": company.id,
                    "partner_id": partner.id,
                    "contact_id": contact.id,
                    "level_id": level.id,
                    "channel": channel,
                    "state": "scheduled" if level.review == "auto" else "draft",
                    "scheduled_at": context["send_at"],
                    "move_ids": [fields.Command.set(sorted({i.move for i in items}))],
                    "move_line_ids": [fields.Command.set([i.key for i in items])],
                    "amount_overdue": amount,
                    "cost": company.currency_id.round(
                        level.fee + context["costs"].get(channel, 0.0)
                    ),
                    "user_id": partner.relance_responsible_id.id,
                    "uuid": str(uuid.uuid4()),
                }
            )
        return vals_list

    # ------------------------------------------------------------
    # EXECUTION
    # ------------------------------------------------------------

    @api.model
    def _cron_execute(self, batch_size=const.EXECUTE_BATCH_SIZE):
        """Send the scheduled actions whose time has come, in locked batches.

        Plain emails are rendered and queued by chunks of EMAIL_CHUNK_SIZE, one
        commit per chunk: a crash rolls back the queued emails with the action
        states, so nothing is sent twice. Other channels reach a gateway or a
        person, so each of them is committed on its own. Rows locked by another
        worker are skipped.
        """
        domain = self._get_due_domain()
        actions = self.search(domain, limit=batch_size, order="scheduled_at, id")
        remaining = (
            len(actions) if len(actions) < batch_size else self.search_count(domain)
        )
        self.env["ir.cron"]._commit_progress(remaining=remaining)
        emails = actions.filtered(lambda action: action._is_batch_email())
        for chunk in split_every(const.EMAIL_CHUNK_SIZE, emails.ids, self.browse):
            chunk = chunk.try_lock_for_update().filtered_domain(domain)
            chunk._execute_email_batch()
            if not self.env["ir.cron"]._commit_progress(len(chunk)):
                return
        for action in actions - emails:
            action = action.try_lock_for_update().filtered_domain(domain)
            if action:
                action._execute()
            if not self.env["ir.cron"]._commit_progress(1):
                break

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
            ("channel", "not in", const.MANUAL_CHANNELS),
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

    def _recheck(self):
        """Drop invoices paid or blocked since planning; cancel if none is left."""
        today = self._company_today(self.company_id)
        moves = self.move_ids.filtered(
            lambda m: (
                m.payment_state in ("not_paid", "partial")
                and not m._relance_is_blocked(today)
            )
        )
        if moves == self.move_ids:
            return True
        if not moves:
            self.write({"state": "cancelled", "error": False})
            self.message_post(
                body=self.env._("Cancelled: the invoices were paid or blocked.")
            )
            return False
        lines = self.move_line_ids.filtered(lambda line: line.move_id in moves)
        self.write(
            {
                "move_ids": [fields.Command.set(moves.ids)],
                "move_line_ids": [fields.Command.set(lines.ids)],
                "amount_overdue": sum(lines.mapped("amount_residual")),
            }
        )
        return True

    def _is_batch_email(self):
        """Emails without per-action attachments can be rendered in batch."""
        self.ensure_one()
        level = self.level_id
        return self.channel == "email" and not (
            level.attach_invoices or level.attach_statement
        )

    def _execute_email_batch(self):
        """Re-check, then render and queue the emails of ``self`` in batch.

        A rendering error falls back to one action at a time, so that only
        the faulty action fails.
        """
        now = fields.Datetime.now()
        ready = self.browse()
        for action in self:
            if not action._recheck():
                continue
            allowed = action.company_id._relance_next_allowed(now, "email")
            if allowed > now:
                action.scheduled_at = allowed
            elif not action.contact_id.email:
                action._set_failed(action._get_missing_info())
            else:
                ready |= action
        default = self.env.ref(const.DEFAULT_TEMPLATES["email"])
        for template, actions in ready.grouped(
            lambda a: a.level_id.email_template_id or default
        ).items():
            try:
                with self.env.cr.savepoint():
                    mails = template.with_context(
                        relance_reuse_compiled_qweb=True
                    ).send_mail_batch(
                        actions.ids,
                        email_layout_xmlid="mail.mail_notification_light",
                    )
            except UserError:
                for action in actions:
                    action._execute()
                continue
            actions._record_emails(mails)

    def _record_emails(self, mails):
        """Link the queued ``mails`` to their actions and mark these done.

        The email itself is logged in the action's chatter: no tracking
        message on top of it.
        """
        actions = self.with_context(mail_notrack=True)
        by_action = {mail.res_id: mail for mail in mails}
        for action in actions:
            action.write(action._get_email_vals(by_action[action.id]))
        actions._set_done()

    def _get_email_vals(self, mail):
        return {
            "mail_id": mail.id,
            "email_message_id": mail.mail_message_id.id,
            "subject": mail.subject,
            "recipient": self.contact_id.email,
            "delivery_state": "queued",
        }

    def _execute_email(self):
        template = self.level_id.email_template_id or self.env.ref(
            const.DEFAULT_TEMPLATES["email"]
        )
        if not self.contact_id.email:
            raise UserError(
                self.env._(
                    "%(customer)s has no email address.",
                    customer=self.contact_id.display_name,
                )
            )
        mail_id = template.send_mail(
            self.id,
            force_send=False,
            email_layout_xmlid="mail.mail_notification_light",
            email_values=self._prepare_email_values(),
        )
        self._record_emails(self.env["mail.mail"].browse(mail_id))

    def _prepare_email_values(self):
        """Extra values of the email: invoice PDFs and the account statement
        when the level asks (one document per rendering, see §10 of the notes)."""
        reports = self.env["ir.actions.report"]
        documents = []
        if self.level_id.attach_invoices:
            report = self.env.ref("account.account_invoices")
            documents += [
                (f"{move.name.replace('/', '_')}.pdf", report, move)
                for move in self.move_ids
            ]
        if self.level_id.attach_statement:
            report = self.env.ref("relance_nc.action_report_relance_statement")
            name = self.env._("Statement - %(customer)s", customer=self.partner_id.name)
            documents.append((f"{name}.pdf", report, self.partner_id))
        attachments = []
        for name, report, record in documents:
            content, __ = reports._render_qweb_pdf(report, record.ids)
            attachments.append((name, base64.b64encode(content)))
        return {"attachments": attachments} if attachments else {}

    def _execute_sms(self):
        """Send the SMS, split into separate messages of 160 units (70 when a
        character is outside GSM), through the company's SMS provider.

        A part refused or lost in transport leaves the action failed with the
        reason; the SMS records stay, so that a retry sends the same keys
        again (see :meth:`_get_sms_records`).
        """
        contact = self.contact_id or self.partner_id
        if contact.relance_phone_kind != "mobile":
            raise UserError(
                self.env._(
                    "%(customer)s has no valid mobile number: SMS only go to mobiles.",
                    customer=contact.display_name,
                )
            )
        text = self._render_sms_text()
        parts = sms_tools.split_sms(text)
        messages = self._get_sms_records(contact, parts)
        messages.send(unlink_failed=False, unlink_sent=False, raise_exception=False)
        refs = messages.filtered("relance_provider_ref").mapped("relance_provider_ref")
        vals = {
            "recipient": contact.relance_phone_e164,
            "provider_ref": ", ".join(refs) or False,
        }
        failed = messages.filtered(lambda sms: sms.state == "error")
        if failed:
            self.write(vals)
            self._set_failed(failed[0]._relance_get_error_message())
            return
        self.write(
            dict(
                vals,
                body_text=text,
                delivery_state="sent",
                cost=self.level_id.fee + len(parts) * self.company_id.relance_cost_sms,
            )
        )
        self._set_done()

    def _get_sms_records(self, contact, parts):
        """The ``sms.sms`` of each part of the text, in order.

        The uuid of a part, the gateway's idempotency key, derives from the
        action, the number, the part and an attempt number. A part whose
        earlier SMS is queued, accepted or lost in transport (``sms_server``)
        reuses it, so a retry or a run after a crash sends the same key and
        the gateway does not deliver it twice; after a definitive failure
        (refused number, no credit, not delivered) the next attempt gets a
        new key.
        """
        number = contact.relance_phone_e164
        sms_model = self.env["sms.sms"].sudo()
        existing = sms_model.search([("relance_action_id", "=", self.id)])
        by_uuid = existing.grouped("uuid")
        slots = []
        for index, part in enumerate(parts):
            attempt = 0
            while True:
                key = self._get_sms_key(number, index, part, attempt)
                sms = by_uuid.get(key)
                if not sms or not sms._relance_is_spent():
                    break
                attempt += 1
            slots.append(
                sms
                or {
                    "uuid": key,
                    "number": number,
                    "body": part,
                    "partner_id": contact.id,
                    "relance_action_id": self.id,
                }
            )
        created = iter(sms_model.create([s for s in slots if isinstance(s, dict)]))
        messages = sms_model.union(
            *(next(created) if isinstance(s, dict) else s for s in slots)
        )
        messages.filtered(lambda sms: sms.state == "error").write(
            {"state": "outgoing", "failure_type": False, "relance_error": False}
        )
        return messages

    def _get_sms_key(self, number, index, part, attempt):
        """Deterministic uuid (32 hex digits, as core's) of one SMS part."""
        namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"relance.action:{self.uuid}")
        return uuid.uuid5(namespace, f"{attempt}:{index}:{number}:{part}").hex

    def _render_sms_text(self):
        """SMS text written in the composer, else from the level's template,
        transliterated to stay in GSM."""
        if self.sms_text_custom and self.body_text:
            return self.body_text
        template = self.level_id.sms_template_id or self.env.ref(
            const.DEFAULT_TEMPLATES["sms"]
        )
        text = template._render_field("body", self.ids, compute_lang=True)[self.id]
        return sms_tools.transliterate(text or "")

    def _execute_call(self):
        """A call becomes a task for the agent on the scheduled day."""
        self.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=fields.Date.to_date(self.scheduled_at),
            summary=self.env._("Call %(customer)s", customer=self.partner_id.name),
            note=self._get_call_brief(),
            user_id=(self.user_id or self.env.user).id,
        )
        self.write({"delivery_state": "queued"})

    def _set_done(self):
        """Mark actions done and move their invoices to the level reached."""
        today = self._company_today(self.company_id[:1] or self.env.company)
        self.write({"state": "done", "done_at": fields.Datetime.now(), "error": False})
        for level, actions in self.grouped("level_id").items():
            self._write_invoices(
                actions.move_ids,
                {"relance_level_id": level.id, "relance_last_date": today},
            )

    def _message_receive_bounce(self, email, partner):
        """A reminder email bounced: mark the action and the contact, so that
        the next run lists the address as missing information."""
        self.write(
            {
                "delivery_state": "bounced",
                "error": self.env._("The email to %(email)s bounced.", email=email),
            }
        )
        contacts = partner or self.contact_id.filtered(
            lambda contact: contact.email_normalized == email
        )
        contacts.sudo().write({"relance_email_bounced": True})
        return super()._message_receive_bounce(email, partner)

    def _set_failed(self, error):
        self.write({"state": "failed", "error": error, "delivery_state": "failed"})
        for action in self:
            action.message_post(
                body=self.env._("Sending failed: %(error)s", error=error)
            )

    def _apply_sms_report(self, sms, status):
        """Follow the delivery report ``status`` of one of the action's SMS.

        Delivered when all its parts are; a part not delivered fails the
        action (retryable) and is noted on the contact, never dropped.
        """
        self.ensure_one()
        if sms.state == "sent":
            parts = (
                self.env["sms.sms"]
                .sudo()
                .search(
                    [
                        ("relance_action_id", "=", self.id),
                        ("state", "in", ("pending", "sent")),
                    ]
                )
            )
            if self.state == "done" and all(p.state == "sent" for p in parts):
                self.delivery_state = "delivered"
            return
        if sms.state != "error":
            return
        error = self.env._(
            "SMS to %(number)s not delivered (%(status)s): %(error)s",
            number=sms.number,
            status=sms._relance_report_label(status),
            error=sms.relance_error or "-",
        )
        if self.state == "done":
            self._set_failed(error)
        else:
            self.message_post(body=error)
        contact = self.contact_id or self.partner_id
        contact.message_post(
            body=self.env._(
                "Reminder SMS failed: %(error)s (%(action)s)",
                error=error,
                action=self.display_name,
            )
        )

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    @api.model
    def _write_invoices(self, moves, vals):
        """Write reminder fields (``relance_*``) on invoices.

        They touch no journal item, so account.move.write's synchronisation of
        the dynamic lines (taxes, payment terms), which re-reads every line of
        every invoice, and its balance check have nothing to do: skipping them,
        as core does for writes that leave the lines alone, makes planning and
        sending several times faster (tests/benchmarks/bench_reminders.py).
        Tracking still applies.
        """
        return moves.with_context(
            skip_invoice_sync=True,
            check_move_validity=False,
            skip_is_manually_modified=True,
        ).write(vals)

    def _get_missing_info(self):
        """Translated description of what the channel needs and the recipient lacks."""
        self.ensure_one()
        return self._missing_info_for(self.channel, self.contact_id or self.partner_id)

    @api.model
    def _missing_info_for(self, channel, contact):
        if channel == "email" and not contact.email:
            return self.env._("No email address")
        if channel == "email" and contact.relance_email_bounced:
            return self.env._("Email address bounced")
        if channel == "sms" and contact.relance_phone_kind != "mobile":
            return self.env._("No valid mobile number")
        if channel == "call" and contact.relance_phone_kind in (False, "invalid"):
            return self.env._("No valid phone number")
        if channel in ("letter", "registered_letter") and not (
            contact.street and contact.city
        ):
            return self.env._("Incomplete postal address")
        return ""

    @api.model
    def _preview_company(self, company, day):
        """Action values the run of ``day`` would create, without creating them."""
        rows = self._get_overdue_items(company, day)
        return self._prepare_plan_vals(company, rows, day) if rows else []

    def _get_call_brief(self):
        """What the agent needs at hand: numbers, invoices, amounts."""
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "relance_nc.relance_call_brief", {"action": self}
        )

    def _get_sms_amount(self):
        """Overdue amount for an SMS: plain spaces, so that it stays in GSM."""
        self.ensure_one()
        amount = format_amount(self.env, self.amount_overdue, self.currency_id)
        return " ".join(sms_tools.transliterate(amount).split())

    def _get_sms_payment_suffix(self):
        link = self._get_payment_link()
        return self.env._(" Pay online: %(link)s", link=link) if link else ""

    def _get_call_outcome_label(self):
        self.ensure_one()
        labels = dict(self._fields["call_outcome"]._description_selection(self.env))
        return labels.get(self.call_outcome, "")

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

    def _get_due_lines_info(self):
        """Invoices to list in templates: (move, due date, residual) sorted."""
        self.ensure_one()
        return [
            {
                "name": line.move_id.name,
                "date": line.move_id.invoice_date,
                "due": line.date_maturity,
                "residual": line.amount_residual,
            }
            for line in self.move_line_ids.sorted(lambda line: line.date_maturity)
        ]
