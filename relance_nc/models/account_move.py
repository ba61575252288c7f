# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

BLOCKS = [
    ("dispute", "Dispute"),
    ("promise", "Promise to pay"),
    ("insolvency", "Collective procedure"),
]


class AccountMove(models.Model):
    _inherit = "account.move"

    relance_level_id = fields.Many2one(
        "relance.level",
        string="Reminder Level",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Last reminder level sent for this invoice. Its history is the list "
        "of reminders, not the chatter: a run may move thousands of invoices.",
    )
    relance_last_date = fields.Date(string="Last Reminder", copy=False, readonly=True)
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
