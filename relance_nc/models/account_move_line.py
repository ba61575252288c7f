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
    # items of one company: this index holds the open items only, so the query
    # does not grow with the paid history of the journal. It is keyed by
    # invoice and carries the columns the query reads: PostgreSQL reads the
    # index alone (an index-only scan) and joins the invoices in their order,
    # instead of fetching each item and its invoice at random once the ledger
    # outgrows its shared buffers (tests/benchmarks/bench_reminders.py
    # --scale).
    _relance_open_item_idx = models.Index(
        "(company_id, move_id) INCLUDE (id, date_maturity, amount_residual,"
        " account_id) WHERE NOT reconciled AND parent_state = 'posted'"
        " AND amount_residual != 0"
    )
