# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

BLOCKS = [
    ("dispute", "Dispute"),
    ("promise", "Promise to pay"),
    ("insolvency", "Collective procedure"),
]


class AccountMove(models.Model):
    _inherit = "account.move"

    # The reminder state lives in relance.move.level (see there why): these
    # fields read it, write it, search it and group by it.
    relance_level_id = fields.Many2one(
        "relance.level",
        string="Reminder Level",
        compute="_compute_relance_level_id",
        inverse="_inverse_relance_level_id",
        search="_search_relance_level_id",
        readonly=True,
        help="Last reminder level sent for this invoice. Its history is the list "
        "of reminders, not the chatter: a run may move thousands of invoices.",
    )
    relance_last_date = fields.Date(
        string="Last Reminder",
        compute="_compute_relance_last_date",
        inverse="_inverse_relance_last_date",
        search="_search_relance_last_date",
        readonly=True,
    )
    relance_next_date = fields.Date(
        string="Next Reminder",
        compute="_compute_relance_next_date",
        help="Day of the next planned reminder, in the company's time zone.",
    )
    relance_excluded = fields.Boolean(
        string="Excluded from Reminders", copy=False, tracking=True
    )
    relance_block = fields.Selection(
        BLOCKS, string="Reminder Block", copy=False, tracking=True
    )
    relance_block_reason = fields.Char(string="Block Reason", copy=False)
    relance_promise_date = fields.Date(string="Promised Payment Date", copy=False)
    relance_promise_amount = fields.Monetary(string="Promised Amount", copy=False)
    relance_action_ids = fields.Many2many(
        "relance.action",
        string="Reminders",
        compute="_compute_relance_action_ids",
        search="_search_relance_action_ids",
        help="Reminders listing this invoice.",
    )

    def _compute_relance_level_id(self):
        levels = self._read_relance_state("level_id")
        for move in self:
            move.relance_level_id = levels.get(move.id)

    def _compute_relance_last_date(self):
        dates = self._read_relance_state("last_date")
        for move in self:
            move.relance_last_date = dates.get(move.id)

    def _read_relance_state(self, fname):
        """``{invoice id: value of fname}`` of relance.move.level."""
        states = (
            self.env["relance.move.level"]
            .sudo()
            .search_fetch([("move_id", "in", self.ids)], ["move_id", fname])
        )
        return {state.move_id.id: state[fname] for state in states}

    def _inverse_relance_level_id(self):
        for level, moves in self.grouped("relance_level_id").items():
            self.env["relance.move.level"].sudo()._record(moves, {"level_id": level.id})

    def _inverse_relance_last_date(self):
        for last_date, moves in self.grouped("relance_last_date").items():
            self.env["relance.move.level"].sudo()._record(
                moves, {"last_date": last_date}
            )

    def _search_relance_level_id(self, operator, value):
        return self._search_relance_level("relance_level_id", operator, value)

    def _search_relance_last_date(self, operator, value):
        return self._search_relance_level("relance_last_date", operator, value)

    def _search_relance_level(self, fname, operator, value):
        """Compare the column of relance.move.level behind ``fname`` (see
        ``_field_to_sql``), as a stored field of the invoice would be."""
        field = self._fields[fname]
        if field.type == "many2one" and operator in ("any", "not any"):
            levels = self.env[field.comodel_name].search(value)
            operator, value = operator.replace("any", "in"), levels.ids
        if operator not in ("in", "not in", "<", "<=", ">", ">="):
            return NotImplemented

        def to_sql(model, alias, query):
            return field._condition_to_sql(fname, operator, value, model, alias, query)

        return Domain.custom(to_sql=to_sql)

    def _field_to_sql(self, alias, field_expr, query=None):
        """The reminder level and date read from relance.move.level, joined:
        invoices can be grouped by them, and SQL reports read them."""
        column = {"relance_level_id": "level_id", "relance_last_date": "last_date"}
        if field_expr not in column:
            return super()._field_to_sql(alias, field_expr, query)
        self._check_field_access(self._fields[field_expr], "read")
        state_alias = query.make_alias(alias, "relance_state")
        if state_alias not in query._tables:
            query.add_join(
                "LEFT JOIN",
                state_alias,
                "relance_move_level",
                SQL(
                    "%s = %s",
                    SQL.identifier(state_alias, "move_id"),
                    SQL.identifier(alias, "id"),
                ),
            )
        model = self.env["relance.move.level"]
        return SQL.identifier(
            state_alias,
            column[field_expr],
            to_flush=model._fields[column[field_expr]],
        )

    @api.depends("line_ids.relance_item_list_ids.action_ids")
    def _compute_relance_action_ids(self):
        for move in self:
            move.relance_action_ids = move.line_ids.relance_item_list_ids.action_ids

    def _search_relance_action_ids(self, operator, value):
        return [("line_ids.relance_item_list_ids.action_ids", operator, value)]

    @api.depends(
        "line_ids.relance_item_list_ids.action_ids.state",
        "line_ids.relance_item_list_ids.action_ids.scheduled_at",
    )
    def _compute_relance_next_date(self):
        """Read from the open reminders, in one grouped query: a run plans
        tens of thousands of invoices without writing on any of them."""
        groups = self.env["relance.action"]._read_group(
            [("move_ids", "in", self.ids), ("state", "in", ("draft", "scheduled"))],
            ["item_list_id"],
            ["scheduled_at:min"],
        )
        next_at = {}
        for items, moment in groups:
            for move in items.move_ids:
                next_at[move] = min(next_at.get(move, moment), moment)
        for move in self:
            moment = next_at.get(move)
            move.relance_next_date = moment and move.company_id._relance_local_date(
                moment
            )

    @api.constrains("relance_block", "relance_promise_date")
    def _check_relance_promise(self):
        for move in self:
            if move.relance_block == "promise" and not move.relance_promise_date:
                raise UserError(
                    self.env._(
                        "A promise to pay on %(invoice)s needs the promised date.",
                        invoice=move.display_name,
                    )
                )

    def _relance_is_blocked(self, today):
        """True when reminders are stopped for this invoice on ``today``.

        A promise to pay only blocks until its date.
        """
        self.ensure_one()
        if self.relance_excluded or self.payment_state == "blocked":
            return True
        if self.relance_block == "promise":
            return self.relance_promise_date >= today
        return bool(self.relance_block)

    def action_relance_unblock(self):
        self.write(
            {
                "relance_block": False,
                "relance_block_reason": False,
                "relance_promise_date": False,
                "relance_promise_amount": 0.0,
            }
        )
