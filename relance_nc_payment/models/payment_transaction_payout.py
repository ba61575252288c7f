# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .. import const

#: Odoo payment.method code -> Lyra brand code, for transactions that carry
#: no brand of their own (other providers, tests).
_METHOD_TO_BRAND = {}
for _brand, _method in const.PAYMENT_METHODS_MAPPING.items():
    _METHOD_TO_BRAND.setdefault(_method, _brand)


# The payout half of the model, kept apart from the hosted shop half while
# both are written in parallel.
class PaymentTransaction(models.Model):
    """Link each collected card payment to the relance.nc client it is for,
    and to the payout that paid it out."""

    _inherit = "payment.transaction"  # pylint: disable=consider-merging-classes-inherited

    relance_client_id = fields.Many2one(
        "res.partner",
        string="relance.nc Client",
        compute="_compute_relance_client_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="The creditor the funds are collected for and paid out to.",
    )
    relance_payout_id = fields.Many2one(
        "relance.payout",
        string="Payout",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    relance_rejection_ids = fields.One2many(
        "relance.payment.rejection", "transaction_id", string="Rejections"
    )

    @api.depends("invoice_ids", "company_id")
    def _compute_relance_client_id(self):
        for tx in self:
            if not tx.relance_client_id:
                tx.relance_client_id = tx._relance_get_client_partner()

    def _relance_get_client_partner(self):
        """The relance.nc client whose money this payment is.

        In a single database the creditor is the company that issued the paid
        invoice (or, without invoice, the provider's company); its partner is
        the client on the provider side. A value set on
        ``relance_client_id`` (e.g. by the provider connector) wins.
        """
        self.ensure_one()
        if self.relance_client_id:
            return self.relance_client_id
        company = self.invoice_ids[:1].company_id or self.company_id
        return company.partner_id

    def _relance_fee_brand(self):
        """Lyra brand code used for the fees: the brand reported by the
        processor when the provider records it, else the payment method's."""
        self.ensure_one()
        brand = self["relance_card_brand"] if "relance_card_brand" in self else False
        return brand or _METHOD_TO_BRAND.get(self.payment_method_id.code, False)

    def _create_payment(self, **extra_create_values):
        """Book hosted shop payments on the clearing account of the creditor."""
        if self.provider_id.relance_payout:
            self.provider_id._relance_setup_clearing_account()
        return super()._create_payment(**extra_create_values)
