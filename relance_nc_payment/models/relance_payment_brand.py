# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .. import const


class RelancePaymentBrand(models.Model):
    """A card brand accepted for one creditor.

    CB, VISA and MASTERCARD are always accepted; any other brand is accepted
    only when it has an active line here. Its own price is a fee rule of the
    client (relance.fee.rule, per card brand), read by the monthly invoicing.
    """

    _name = "relance.payment.brand"
    _description = "Card Brand of a Creditor"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Creditor",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
    )
    brand = fields.Selection(const.CARD_BRANDS, required=True)
    _brand_company_uniq = models.Constraint(
        "UNIQUE(company_id, brand)",
        "A card brand is listed once per creditor.",
    )

    def _compute_display_name(self):
        labels = dict(const.CARD_BRANDS)
        for line in self:
            line.display_name = labels.get(line.brand, line.brand or "")
