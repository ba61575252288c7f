# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .. import const

KINDS = [
    ("payment", "Card payment"),
    ("rejection", "Rejection deducted"),
    ("invoiced", "Rejection invoiced"),
]


class RelancePayoutLine(models.Model):
    """One line of a payout statement: a payment collected (+), a rejection
    deducted (-), or the part of a rejection invoiced instead (+)."""

    _name = "relance.payout.line"
    _description = "relance.nc Card Payout Line"
    _order = "payout_id, kind, date, id"

    payout_id = fields.Many2one(
        "relance.payout", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="payout_id.company_id", store=True)
    currency_id = fields.Many2one(related="payout_id.currency_id")
    kind = fields.Selection(KINDS, required=True)
    name = fields.Char(string="Reference")
    date = fields.Datetime()
    transaction_id = fields.Many2one(
        "payment.transaction", index="btree_not_null", ondelete="restrict"
    )
    rejection_id = fields.Many2one(
        "relance.payment.rejection", index="btree_not_null", ondelete="restrict"
    )
    brand = fields.Selection(const.CARD_BRANDS, string="Card Brand")
    amount = fields.Monetary()
    fee = fields.Monetary(string="Collection Fee")

    _payment_once = models.UniqueIndex(
        "(transaction_id) WHERE kind = 'payment'",
        "A payment is paid out once.",
    )
