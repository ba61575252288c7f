# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartner(models.Model):
    """A relance.nc client on the provider side: a creditor whose debtors pay
    through the hosted shop, with its fee terms.

    Deliberately small: the client accounts of the provider back office will
    extend this notion (one flag per provider company, fee rules, payouts),
    not replace it.
    """

    _inherit = "res.partner"

    relance_client = fields.Boolean(
        string="relance.nc Client",
        company_dependent=True,
        help="The current company collects card payments for this creditor, "
        "pays them out monthly and invoices its collection fees.",
    )
    relance_fee_rule_ids = fields.One2many(
        "relance.fee.rule", "partner_id", string="Card Collection Fees"
    )
    relance_payout_ids = fields.One2many(
        "relance.payout", "partner_id", string="Card Payouts"
    )
