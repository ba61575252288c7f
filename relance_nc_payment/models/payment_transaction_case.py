# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PaymentTransaction(models.Model):
    """Card payments of collection case fees (relance_nc's relance.case)."""

    _inherit = "payment.transaction"  # pylint: disable=consider-merging-classes-inherited

    relance_case_ids = fields.Many2many(
        "relance.case",
        "relance_case_payment_transaction_rel",
        "transaction_id",
        "case_id",
        string="Collection Cases",
        readonly=True,
        copy=False,
    )

    def _post_process(self):
        """A paid fee starts its case (once: only cases awaiting it move)."""
        res = super()._post_process()
        self.filtered(
            lambda tx: tx.state == "done"
        ).relance_case_ids.sudo()._relance_fee_paid()
        return res
