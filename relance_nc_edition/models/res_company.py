# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .. import const


class ResCompany(models.Model):
    _inherit = "res.company"

    relance_print_cost_page = fields.Monetary(
        string="Printing Cost per Page",
        help="Charged by the provider for each printed page of this creditor's "
        "letters.",
    )
    relance_envelope_cost = fields.Monetary(
        string="Enveloping Cost per Letter",
        help="Envelope and insertion, charged per letter.",
    )
    relance_print_duplex = fields.Boolean(
        string="Print Duplex", help="Default of new print batches."
    )
    relance_notice_days = fields.Integer(
        string="Days to Pay after a Formal Notice",
        default=const.DEFAULT_NOTICE_DAYS,
    )
    relance_penalty_claim = fields.Boolean(
        string="Claim Late-payment Penalties",
        help="Formal notices add late-payment penalties to the principal. They "
        "are only claimed when your invoices stated the rate.",
    )
    relance_penalty_rate = fields.Float(
        string="Penalty Rate (% per year)",
        help="Rate stated on your invoices and terms of sale (Lp. 441-6: not "
        "below three times the legal interest rate).",
    )
    relance_penalty_stated = fields.Boolean(
        string="Invoices State the Penalty Rate",
        help="Confirm that your invoices state the late-payment penalty rate "
        "(Lp. 441-3): without it no penalty is claimed.",
    )
