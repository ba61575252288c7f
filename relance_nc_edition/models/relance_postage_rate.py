# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .. import const
from ..tools import mailing


class RelancePostageRate(models.Model):
    """One postage price: a mail type up to a weight, in XPF.

    Rates without a company are shared by every company; a company's own rate
    for the same type and bracket takes precedence.
    """

    _name = "relance.postage.rate"
    _description = "Postage Rate"
    _order = "mail_type, weight_max, id"

    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the rate."
    )
    mail_type = fields.Selection(const.MAIL_TYPES, required=True)
    weight_max = fields.Integer(
        string="Up to (g)", required=True, help="Heaviest letter of this bracket."
    )
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self._default_currency()
    )
    price = fields.Monetary(required=True)
    note = fields.Char()

    _weight_positive = models.Constraint(
        "CHECK (weight_max > 0)", "The weight of a postage bracket must be positive."
    )
    _price_positive = models.Constraint(
        "CHECK (price >= 0)", "A postage price cannot be negative."
    )

    def _default_currency(self):
        xpf = self.env.ref("base.XPF", raise_if_not_found=False)
        return xpf if xpf and xpf.active else self.env.company.currency_id

    @api.model
    def _get_price(self, company, mail_type, grams, rates=None):
        """Postage of a letter of ``grams`` grams, in the rate's currency
        converted to ``company``'s; None when no bracket takes it.

        ``rates``: the rates already read (batch pricing), else searched.
        """
        if rates is None:
            rates = self.search([("company_id", "in", [False, company.id])])
        rates = rates.filtered(
            lambda rate: (
                rate.mail_type == mail_type
                and rate.company_id in (company, rate.company_id.browse())
            )
        )
        rates = rates.filtered("company_id") or rates
        by_id = {rate.id: rate for rate in rates}
        rate_id = mailing.pick_rate(
            [(rate.weight_max, rate.id) for rate in rates], grams
        )
        if rate_id is None:
            return None
        rate = by_id[rate_id]
        return rate.currency_id._convert(
            rate.price, company.currency_id, company, fields.Date.today()
        )
