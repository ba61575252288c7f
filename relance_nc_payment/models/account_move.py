# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    relance_payment_url = fields.Char(
        string="Card Payment Link",
        readonly=True,
        copy=False,
        help="Link to pay this month-end invoice by card on the hosted shop.",
    )
