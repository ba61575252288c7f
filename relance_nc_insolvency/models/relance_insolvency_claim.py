# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RelanceInsolvencyClaim(models.Model):
    """The claim of one invoice at the judgment date, in its currency."""

    _name = "relance.insolvency.claim"
    _description = "Claim at the Judgment Date"
    _order = "case_id, move_id"
    _check_company_auto = True

    case_id = fields.Many2one(
        "relance.insolvency.case", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    move_id = fields.Many2one(
        "account.move", string="Invoice", required=True, check_company=True
    )
    invoice_date = fields.Date(related="move_id.invoice_date")
    currency_id = fields.Many2one("res.currency", required=True)
    amount_total = fields.Monetary(string="Invoice Total")
    amount_due = fields.Monetary(string="Due at Judgment")
    amount_not_yet_due = fields.Monetary(string="Not Yet Due")
    not_yet_due_dates = fields.Char(string="Due Dates")
    paid_after = fields.Monetary(
        string="Paid after Judgment",
        help="Payments received after the opening judgment: a debt born before "
        "it may not be paid any more; they are shown apart and not deducted.",
    )
    paid_after_dates = fields.Char(string="Payment Dates")
