# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .. import const


# The payout half of the model, kept apart from the hosted shop half while
# both are written in parallel.
class PaymentProvider(models.Model):
    """Which providers collect funds that relance.nc pays out monthly."""

    _inherit = "payment.provider"  # pylint: disable=consider-merging-classes-inherited

    relance_payout = fields.Boolean(
        string="Paid Out by relance.nc",
        compute="_compute_relance_payout",
        store=True,
        readonly=False,
        help="Payments confirmed through this provider are collected by "
        "relance.nc, which pays them out to the creditor on the 5th of the "
        "next month. On the creditor's books they go to the hosted shop "
        "clearing account until the payout.",
    )

    @api.depends("code")
    def _compute_relance_payout(self):
        for provider in self:
            provider.relance_payout = provider.code == const.PROVIDER_CODE

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            # Odoo creates the provider's payment method line the first time
            # its (non-stored) journal is read; left to the first payments,
            # concurrent notifications each create one and every later payment
            # fails on the duplicate. Set it up while the provider is saved.
            self.filtered(
                lambda p: p.relance_payout and p.state in ("enabled", "test")
            )._relance_setup_clearing_account()
        return res

    def _relance_setup_clearing_account(self):
        """Book this provider's payments on its company's clearing account.

        The provider's inbound payment method line gets the hosted shop
        clearing account as outstanding account, so that a debtor's card
        payment debits clearing (not the bank) until the payout arrives.
        """
        for provider in self.filtered("relance_payout"):
            lines = provider.journal_id.inbound_payment_method_line_ids.filtered(
                lambda line, p=provider: line.payment_provider_id == p
            )
            clearing = provider.company_id._relance_shop_clearing_account()
            lines.filtered(lambda line, c=clearing: line.payment_account_id != c).write(
                {"payment_account_id": clearing.id}
            )
