# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        """An invoice posted for a customer under procedure is blocked at once,
        so that the engine never plans a reminder for it."""
        posted = super()._post(soft=soft)
        invoices = posted.filtered(
            lambda m: (
                m.move_type in ("out_invoice", "out_receipt") and not m.relance_block
            )
        )
        if not invoices:
            return posted
        cases = (
            self.env["relance.insolvency.case"]
            .sudo()
            .search(
                [
                    ("state", "=", "active"),
                    ("partner_id", "in", invoices.commercial_partner_id.ids),
                    ("company_id", "in", invoices.company_id.ids),
                ]
            )
        )
        for case in cases:
            invoices.filtered(
                lambda m, c=case: (
                    m.commercial_partner_id == c.partner_id
                    and m.company_id == c.company_id
                )
            ).write(
                {
                    "relance_block": "insolvency",
                    "relance_block_reason": case._block_reason(),
                }
            )
        return posted
