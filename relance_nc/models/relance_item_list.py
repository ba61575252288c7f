# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class RelanceItemList(models.Model):
    """The receivable items a reminder lists, shared by the actions that list
    the same ones.

    A planning run reminds a customer on several channels at once (email,
    SMS, call, letter…), and every one of these actions lists the same
    invoices: they share one list, written once, instead of each linking
    every invoice and journal item. On a run of 50 000 invoices the link rows
    were four fifths of the planning's database time
    (tests/benchmarks/bench_reminders.py).

    A list is not changed once written: an action whose items change (an
    invoice paid meanwhile, see ``relance.action._recheck``) gets a new list,
    so that the other actions keep what they listed when they were sent.
    """

    _name = "relance.item.list"
    _description = "Reminded Items"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        help="Commercial entity reminded.",
    )
    move_line_ids = fields.Many2many(
        "account.move.line",
        "relance_item_list_account_move_line_rel",
        "list_id",
        "line_id",
        string="Overdue Items",
        help="Receivable journal items (instalments) listed.",
    )
    move_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        compute="_compute_move_ids",
        inverse="_inverse_move_ids",
        search="_search_move_ids",
        help="Invoices of the items listed.",
    )
    action_ids = fields.One2many("relance.action", "item_list_id", string="Reminders")

    @api.depends("move_line_ids.move_id")
    def _compute_move_ids(self):
        for items in self:
            items.move_ids = items.move_line_ids.move_id

    def _inverse_move_ids(self):
        """Listing invoices lists their receivable items; the items already
        listed of these invoices (one instalment of two) are kept."""
        receivable = self._get_receivable_items(self.move_ids.ids)
        for items in self:
            kept = items.move_line_ids.filtered(
                lambda line, moves=items.move_ids: line.move_id in moves
            )
            added = [
                line_id
                for move_id in (items.move_ids - kept.move_id).ids
                for line_id in receivable.get(move_id, ())
            ]
            items.move_line_ids = kept.ids + added

    @api.model
    def _get_receivable_items(self, move_ids):
        """``{invoice id: [receivable journal item ids]}``: what listing an
        invoice lists, read in one query."""
        lines = self.env["account.move.line"].search_fetch(
            [("move_id", "in", move_ids), ("account_type", "=", "asset_receivable")],
            ["move_id"],
        )
        receivable = {}
        for line in lines:
            receivable.setdefault(line.move_id.id, []).append(line.id)
        return receivable

    def _search_move_ids(self, operator, value):
        return [("move_line_ids.move_id", operator, value)]

    @api.autovacuum
    def _gc_unused_lists(self):
        """Delete the lists no reminder uses any more (its actions deleted,
        or all of them moved to lists of their own)."""
        self.search([("action_ids", "=", False)]).unlink()
