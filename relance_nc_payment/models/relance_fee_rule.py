# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import const
from ..tools import payout as payout_tools


class RelanceFeeRule(models.Model):
    """Collection fee terms of a relance.nc client, per card brand.

    A rule without a brand is the client's default; a brand rule wins over
    it. Fees of a transaction: ``percent`` of its amount (rounded half up to
    the currency unit) plus ``fixed``.
    """

    _name = "relance.fee.rule"
    _description = "relance.nc Card Collection Fee"
    _order = "partner_id, brand, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="The provider company that collects the funds and invoices the fees.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", True)],
    )
    brand = fields.Selection(
        const.CARD_BRANDS,
        string="Card Brand",
        help="Leave empty for the client's default fees (every other brand).",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    percent = fields.Float(string="Fee (%)", digits=(5, 3))
    fixed = fields.Monetary(string="Fixed Fee per Payment")

    _brand_uniq = models.UniqueIndex(
        "(company_id, partner_id, COALESCE(brand, ''))",
        "A client has one fee rule per card brand and one default rule.",
    )
    _fees_positive = models.Constraint(
        "CHECK (percent >= 0 AND percent < 100 AND fixed >= 0)",
        "Fees must be positive and the percentage below 100.",
    )

    @api.depends("partner_id", "brand")
    def _compute_display_name(self):
        labels = dict(self._fields["brand"]._description_selection(self.env))
        for rule in self:
            brand = labels.get(rule.brand) or self.env._("Default")
            rule.display_name = f"{rule.partner_id.name} - {brand}"

    @api.constrains("percent", "fixed")
    def _check_relance_fee(self):
        for rule in self:
            if rule.percent < 0 or rule.fixed < 0 or rule.percent >= 100:
                raise ValidationError(
                    self.env._(
                        "The fees of %(rule)s must be positive and the percentage "
                        "below 100: %(percent)s %%, %(fixed)s.",
                        rule=rule.display_name,
                        percent=rule.percent,
                        fixed=rule.fixed,
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _relance_rules_by_brand(self, company, client):
        """{brand code or False: rule} of ``client`` in ``company``."""
        rules = self.search(
            [("company_id", "=", company.id), ("partner_id", "=", client.id)]
        )
        return {rule.brand: rule for rule in rules}

    @api.model
    def _relance_match(self, rules_by_brand, brand):
        """The rule for a payment made with ``brand`` (a Lyra brand code or
        False): the brand's rule, else the default rule, else an empty
        recordset (no fee)."""
        return rules_by_brand.get(brand) or rules_by_brand.get(False) or self.browse()

    def _relance_fee(self, amount, currency):
        """Fee of one payment of ``amount`` under this rule (0 if no rule)."""
        if not self:
            return 0.0
        self.ensure_one()
        return payout_tools.collection_fee(
            amount, self.percent, self.fixed, currency.decimal_places
        )
