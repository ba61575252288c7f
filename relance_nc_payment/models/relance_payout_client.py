# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class RelancePayout(models.Model):
    """A payout belongs to the client file; its fees are that client's card
    fee usage, invoiced by the payout's fee invoice."""

    _name = "relance.payout"
    _inherit = ["relance.payout", "relance.client.file.mixin"]

    def _relance_invoice_fees(self):
        res = super()._relance_invoice_fees()
        self._relance_record_fee_usage()
        return res

    def _relance_record_fee_usage(self):
        """One card fee usage line per payment, already invoiced by the fee
        invoice (never billed again at month end)."""
        self.ensure_one()
        client = self.client_id
        if not client or not self.fee_move_id:
            return
        usage_model = self.env["relance.usage.line"].sudo()
        invoice_lines = self.fee_move_id.invoice_line_ids
        product = invoice_lines.product_id[:1] or self.env.ref(
            "relance_nc.product_service_card_fee"
        )
        fee_lines = self.line_ids.filtered(lambda line: line.fee)
        usage_model._relance_record_many(
            [
                {
                    "client_id": client.id,
                    "product_id": product.id,
                    "quantity": 1,
                    "price_unit": line.fee,
                    "res_model": "payment.transaction",
                    "res_id": line.transaction_id.id,
                    "event_key": f"payment.transaction:{line.transaction_id.id}:fee",
                    "date": self.company_id._relance_local_date(line.date),
                }
                for line in fee_lines
            ]
        )
        usage = usage_model.search(
            [
                ("client_id", "=", client.id),
                ("res_model", "=", "payment.transaction"),
                ("res_id", "in", fee_lines.transaction_id.ids),
                ("state", "=", "to_invoice"),
            ]
        )
        # the fee invoice has one line per brand, in the order of grouped()
        by_brand = fee_lines.grouped("brand")
        for lines, invoice_line in zip(
            by_brand.values(), invoice_lines.sorted("id"), strict=False
        ):
            usage.filtered(
                lambda u, lines=lines: u.res_id in lines.transaction_id.ids
            ).write(
                {
                    "state": "invoiced",
                    "move_id": self.fee_move_id.id,
                    "invoice_line_id": invoice_line.id,
                }
            )
