# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    relance_item_list_ids = fields.Many2many(
        "relance.item.list",
        "relance_item_list_account_move_line_rel",
        "line_id",
        "list_id",
        string="Reminded In",
        copy=False,
        readonly=True,
    )

    # The planning query (relance.action._get_overdue_items) reads the open
    # items of one company up to a due date: this index holds the open items
    # only, so the query does not grow with the paid history of the journal.
    _relance_open_item_idx = models.Index(
        "(company_id, date_maturity) WHERE NOT reconciled"
        " AND parent_state = 'posted' AND amount_residual != 0"
    )
