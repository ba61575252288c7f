# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import uuid
from datetime import date, timedelta
from typing import NamedTuple

from odoo import api, fields, models
from odoo.tools import SQL

from .. import const
from ..tools import dunning
from .bulk_create import bulk_create

_logger = logging.getLogger(__name__)

# rows of the planning query read at a time (see _iter_overdue_items)
OVERDUE_FETCH_ROWS = 10_000


def _command_set_ids(commands):
    """Ids of a many2many value given as ``[Command.set(ids)]``."""
    ids = []
    for command, __, target_ids in commands or ():
        if command != fields.Command.SET:
            raise ValueError("planned items accept only Command.set")
        ids += target_ids
    return ids


class OverdueRow(NamedTuple):
    """A receivable item read by the planning query
    (:meth:`RelanceAction._get_overdue_items`)."""

    line_id: int
    move_id: int
    partner_id: int  # the invoice's commercial partner
    due_date: date
    residual: float  # negative for credits (refunds, unreconciled payments)
    reached_level_id: int | None  # level the invoice already reached
    is_credit: bool  # a credit note


class RelanceAction(models.Model):
    """Planning: which reminders are due, created in bulk (cron path 1)."""

    _inherit = "relance.action"  # pylint: disable=consider-merging-classes-inherited

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
        action_ids = []
        items = self._iter_overdue_items(company, today)
        for rows in self._split_per_customers(items):
            vals_list = self._prepare_plan_vals(company, rows, today)
            action_ids += self._create_planned(vals_list).ids
            # the next slice reads other customers: the cache of this one
            # would only grow the run's memory and its lookups
            self.env.invalidate_all()
        return self.browse(action_ids)

    @api.model
    def _split_per_customers(self, rows, size=None):
        """Slices of ``rows`` (sorted per customer) holding at most ``size``
        customers each (``const.PLAN_CHUNK_CUSTOMERS``): a run builds and
        inserts the actions of one slice at a time, so that its memory does
        not grow with the customer count."""
        size = size or const.PLAN_CHUNK_CUSTOMERS
        chunk, customers, previous = [], 0, None
        for row in rows:
            if row.partner_id != previous:
                previous = row.partner_id
                customers += 1
                if customers > size:
                    yield chunk
                    chunk, customers = [], 1
            chunk.append(row)
        if chunk:
            yield chunk

    @api.model
    def _create_planned(self, vals_list):
        """Insert the planned actions in bulk; return them.

        A run plans tens of thousands of actions; the ORM's create spends
        about a millisecond on each (tests/benchmarks/bench_reminders.py).
        The values built by :meth:`_prepare_level_vals` are complete and
        already rounded, so they go through :func:`.bulk_create.bulk_create`,
        which says what it skips (every ``create()`` override) and how a
        module adds a value. No chatter: the action's create_date is its
        history. The invoices and items of the values become item lists
        (:meth:`_list_planned_items`).
        """
        self._list_planned_items(vals_list)
        return bulk_create(self, vals_list)

    @api.model
    def _list_planned_items(self, vals_list):
        """Replace the invoices and items of planned action values
        (``move_ids``, ``move_line_ids``, as ``Command.set``) by item lists,
        inserted in bulk: one list per customer and set of items, shared by
        the actions of every channel that list the same items."""
        given = [self._pop_item_vals(vals) for vals in vals_list]
        moves_only = {
            move_id
            for items in given
            if "move_line_ids" not in items
            for move_id in _command_set_ids(items.get("move_ids"))
        }
        receivable = (
            self.env["relance.item.list"]._get_receivable_items(list(moves_only))
            if moves_only
            else {}
        )
        lists, list_vals = {}, []
        # the actions of one customer share their value (see _get_plan_listed)
        by_value = {}
        for vals, items in zip(vals_list, given, strict=True):
            if not items:
                continue
            value = items.get("move_line_ids")
            if value is not None and id(value) in by_value:
                vals["item_list_id"] = by_value[id(value)]
                continue
            if "move_line_ids" in items:
                line_ids = _command_set_ids(items["move_line_ids"])
            else:
                line_ids = [
                    line_id
                    for move_id in _command_set_ids(items.get("move_ids"))
                    for line_id in receivable.get(move_id, ())
                ]
            key = (vals["company_id"], vals["partner_id"], tuple(sorted(line_ids)))
            if key not in lists:
                lists[key] = len(list_vals)
                list_vals.append(
                    {
                        "company_id": key[0],
                        "partner_id": key[1],
                        "move_line_ids": [fields.Command.set(list(key[2]))],
                    }
                )
            vals["item_list_id"] = lists[key]  # index, replaced by the id below
            if value is not None:
                by_value[id(value)] = lists[key]
        list_ids = bulk_create(self.env["relance.item.list"], list_vals).ids
        for vals, items in zip(vals_list, given, strict=True):
            if items:
                vals["item_list_id"] = list_ids[vals["item_list_id"]]

    @api.model
    def _get_overdue_items(self, company, today):
        """Receivable items of customer invoices that may be due, in one query.

        Returns :class:`OverdueRow` tuples, sorted per customer and due date.
        """
        query = self._get_overdue_items_query(company, today)
        return [OverdueRow._make(row) for row in self.env.execute_query(query)]

    @api.model
    def _iter_overdue_items(self, company, today, fetch=OVERDUE_FETCH_ROWS):
        """The rows of :meth:`_get_overdue_items`, read ``fetch`` at a time
        through a cursor of PostgreSQL (``DECLARE … CURSOR``, ``FETCH``), so
        that a run holds one slice of customers in memory, not the whole
        ledger. The cursor lives in the transaction; other statements (the
        inserts of the slices) run between two fetches."""
        name = SQL.identifier(f"relance_overdue_{uuid.uuid4().hex}")
        # every row is read: plan for all of them, not for the first tenth
        self.env.cr.execute("SET LOCAL cursor_tuple_fraction = 1.0")
        self.env.cr.execute(
            SQL(
                "DECLARE %s NO SCROLL CURSOR FOR %s",
                name,
                self._get_overdue_items_query(company, today),
            )
        )
        while rows := self.env.execute_query(SQL("FETCH %s FROM %s", fetch, name)):
            yield from map(OverdueRow._make, rows)
        self.env.cr.execute(SQL("CLOSE %s", name))

    @api.model
    def _get_overdue_items_query(self, company, today):
        """The planning query (see :meth:`_get_overdue_items`)."""
        lead_days = max(
            [0]
            + [
                -delay
                for delay in self.env["relance.level"]
                .search([("company_id", "=", company.id)])
                .mapped("delay")
            ]
        )
        for model in (
            "account.move",
            "account.move.line",
            "account.account",
            "relance.move.level",
        ):
            self.env[model].flush_model()
        return SQL(
            """
            SELECT line.id, move.id, move.commercial_partner_id,
                   line.date_maturity, line.amount_residual,
                   reached.level_id, move.move_type = 'out_refund'
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN account_account account ON account.id = line.account_id
              LEFT JOIN relance_move_level reached ON reached.move_id = move.id
             WHERE line.company_id = %(company)s
               AND line.parent_state = 'posted'
               AND account.account_type = 'asset_receivable'
               AND NOT line.reconciled
               AND line.amount_residual != 0
               AND (line.amount_residual < 0
                    OR (move.move_type IN ('out_invoice', 'out_receipt')
                        AND line.date_maturity <= %(horizon)s
                        AND NOT COALESCE(move.relance_excluded, FALSE)
                        AND move.payment_state NOT IN %(paid_states)s
                        AND (move.relance_block IS NULL
                             OR (move.relance_block = 'promise'
                                 AND move.relance_promise_date < %(today)s))))
             ORDER BY move.commercial_partner_id, line.date_maturity, line.id
            """,
            company=company.id,
            horizon=today + timedelta(days=lead_days),
            today=today,
            paid_states=const.NOT_REMINDED_PAYMENT_STATES,
        )

    @api.model
    def _prepare_plan_vals(self, company, rows, today):
        """Turn overdue rows into action values, grouped per customer and level."""
        by_partner = {}
        for row in rows:
            by_partner.setdefault(row.partner_id, []).append(row)
        partners = (
            self.env["res.partner"].with_company(company).browse(list(by_partner))
        )
        partners.fetch(
            [
                "relance_policy_id",
                "relance_pause_until",
                "relance_contact_id",
                "relance_responsible_id",
                *self._get_optout_fields(),
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
        """Data shared by all customers of a planning run, read in bulk.

        ``policies`` and ``levels`` are filled as the run meets them
        (:meth:`_get_plan_policy`, :meth:`_get_plan_level`): what a level
        gives every action is computed once per run, not once per action.
        """
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
            "channels": self._get_channel_registry(),
            "today": today,
            "policies": {},
            "levels": {},
        }

    @api.model
    def _get_plan_policy(self, policy, context):
        """``(levels by id, levels by delay)`` of ``policy``, once per run."""
        cached = context.setdefault("policies", {}).get(policy.id)
        if cached is None:
            levels = policy.level_ids
            cached = context["policies"][policy.id] = (
                {level.id: level for level in levels},
                {level.delay: level for level in levels},
            )
        return cached

    @api.model
    def _get_plan_level(self, level, context):
        """What ``level`` gives each of its actions, once per run: its
        channels, the action values it fixes, the cost per channel."""
        cached = context.setdefault("levels", {}).get(level.id)
        if cached is None:
            channels = level._get_channels(context["channels"])
            labels = context["channel_labels"]
            cached = context["levels"][level.id] = {
                "channels": channels,
                # what follows the customer in the action's name
                "names": {
                    channel: self._make_name(
                        self.env["res.partner"], level, labels[channel]
                    )
                    for channel in channels
                },
                "vals": {
                    "policy_id": level.policy_id.id,
                    "company_id": context["company"].id,
                    "level_id": level.id,
                    "state": "scheduled" if level.review == "auto" else "draft",
                    "scheduled_at": context["send_at"],
                },
                "costs": {
                    channel: context["company"].currency_id.round(
                        level.fee + context["costs"].get(channel, 0.0)
                    )
                    for channel in channels
                },
            }
        return cached

    @api.model
    def _prepare_partner_plan_vals(self, partner, policy, rows, today, context):
        """Action values for one customer: one per due level and channel."""
        if partner.relance_pause_until and partner.relance_pause_until >= today:
            return []
        last = context["last_contact"].get(partner)
        if last and (today - last.date()).days < policy.min_days_between:
            return []
        level_by_id, delays = self._get_plan_policy(policy, context)
        items, credits = [], []
        for row in rows:
            if row.residual < 0 or row.is_credit:
                credits.append(-row.residual)
                continue
            reached = level_by_id.get(row.reached_level_id)
            items.append(
                dunning.Item(
                    row.line_id,
                    row.move_id,
                    row.due_date,
                    row.residual,
                    reached.delay if reached else None,
                )
            )
        overdue_items = [i for i in items if i.due_date < today]
        if dunning.net_overdue(overdue_items or items, credits) < policy.min_amount:
            return []
        due = dunning.due_levels(items, list(delays), today)
        return self._prepare_merged_vals(partner, delays, due, credits, context)

    @api.model
    def _prepare_merged_vals(self, partner, levels_by_delay, due, credits, context):
        """One action per channel for the customer's levels due today.

        Never two reminders on the same channel to the same customer on the
        same day: each channel goes out once, at the highest due level that
        uses it, and lists every invoice due at any level (those coming due
        appear in the courtesy section of the texts).
        """
        every_item = sorted(
            {item for items in due.values() for item in items},
            key=lambda item: (item.due_date, item.key),
        )
        vals_list, claimed = [], set()
        for delay in sorted(due, reverse=True):
            level = levels_by_delay[delay]
            level_channels = self._get_plan_level(level, context)["channels"]
            channels = [c for c in level_channels if c not in claimed]
            claimed.update(channels)
            items = every_item if len(due) > 1 else due[delay]
            vals_list += self._prepare_level_vals(
                partner, level, items, credits, context, channels=channels
            )
        return vals_list

    @api.model
    def _prepare_level_vals(
        self, partner, level, items, credits, context, channels=None
    ):
        """Action values of one customer at one level, one per channel (the
        level's channels, or ``channels``).

        The amount claimed is the net balance of the overdue ``items``; items
        all coming due (a courtesy reminder) count in full.
        """
        info = self._get_plan_level(level, context)
        listed = self._get_plan_listed(partner, items, credits, context)
        partner_id, level_id = partner.id, level.id
        vals_list = []
        for channel in info["channels"] if channels is None else channels:
            optout = context["channels"][channel].optout_field
            if (optout and partner[optout]) or (
                partner_id,
                level_id,
                channel,
            ) in context["open"]:
                continue
            vals_list.append(
                {
                    **info["vals"],
                    **listed["vals"],
                    # stored computed fields, given: computed here in batch
                    "name": " - ".join(
                        filter(None, [listed["name"], info["names"][channel]])
                    ),
                    "missing_info": listed["missing"](channel),
                    "channel": channel,
                    "cost": info["costs"][channel],
                    "uuid": str(uuid.uuid4()),
                }
            )
        return vals_list

    @api.model
    def _get_plan_listed(self, partner, items, credits, context):
        """What every action of ``partner`` listing ``items`` shares, once per
        customer: the amount claimed, the items, the recipient, and what each
        channel misses (the levels merged on one day list the same items,
        see :meth:`_prepare_merged_vals`).

        The amount claimed is the net balance of the overdue ``items``; items
        all coming due (a courtesy reminder) count in full.
        """
        cached = context.get("listed")
        if cached and cached[0] is items and cached[1] == partner.id:
            return cached[2]
        company = context["company"]
        today = context.get("today") or self._company_today(company)
        overdue = [i for i in items if i.due_date < today] or items
        contact = partner.relance_contact_id or partner
        missing = {}

        def missing_info(channel):
            if channel not in missing:
                missing[channel] = (
                    self._missing_info_for(channel, contact, context["channels"])
                    or False
                )
            return missing[channel]

        listed = {
            "name": partner.name or "",
            "missing": missing_info,
            "vals": {
                "partner_id": partner.id,
                "contact_id": contact.id,
                "move_line_ids": [fields.Command.set([i.key for i in items])],
                "amount_overdue": company.currency_id.round(
                    dunning.net_overdue(overdue, credits)
                ),
                "user_id": partner.relance_responsible_id.id,
            },
        }
        context["listed"] = (items, partner.id, listed)
        return listed

    @api.model
    def _preview_company(self, company, day):
        """Action values the run of ``day`` would create, without creating them."""
        rows = self._get_overdue_items(company, day)
        return self._prepare_plan_vals(company, rows, day) if rows else []
