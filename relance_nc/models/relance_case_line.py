# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..tools import case as case_tools

LINE_KINDS = [
    ("principal", "Principal"),
    ("late_penalty", "Late-payment Penalties"),
    ("fixed_indemnity", "Fixed Recovery Indemnity"),
    ("legal_interest", "Legal Interest"),
    ("penalty_clause", "Penalty Clause"),
    ("rejection_fee", "Rejected Payment Fees"),
]


class RelanceCaseLine(models.Model):
    """One invoice of a collection case, as a snapshot: the firm's staff reads
    the case without access to the creditor's books. Accessories (penalties,
    indemnity, interest, fees) are claimed only as invoices listed here."""

    _name = "relance.case.line"
    _description = "Collection Case Invoice"
    _order = "case_id, sequence, id"

    case_id = fields.Many2one(
        "relance.case", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    reference = fields.Char(string="Number", required=True)
    date = fields.Date(required=True)
    due_date = fields.Date(required=True)
    currency_id = fields.Many2one(related="case_id.currency_id")
    amount = fields.Monetary(
        string="Amount Due (incl. tax)", required=True, currency_field="currency_id"
    )
    kind = fields.Selection(LINE_KINDS, required=True, default="principal")

    def _to_tool_lines(self):
        return [
            case_tools.Line(
                line.reference, line.date, line.due_date, line.amount, line.kind
            )
            for line in self
        ]
