# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RelanceCase(models.Model):
    """The fee of a case is paid by card on the firm's hosted shop before
    the case starts (clients without a deferred account, prospects)."""

    _inherit = "relance.case"

    relance_transaction_ids = fields.Many2many(
        "payment.transaction",
        "relance_case_payment_transaction_rel",
        "case_id",
        "transaction_id",
        string="Card Payments",
        readonly=True,
        copy=False,
        groups="relance_nc.group_relance_provider_agent",
    )

    def _relance_fee_payment_url(self):
        self.ensure_one()
        if self.state != "fee":
            return False
        return "/relance/case/%s/fee?access_token=%s" % (
            self.id,
            self._portal_ensure_token(),
        )
