# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class RelanceAction(models.Model):
    _inherit = "relance.action"

    def _relance_moves_to_pay(self):
        """Invoices of the reminder that can still be paid online."""
        self.ensure_one()
        return self.move_ids.filtered(
            lambda m: (
                m.state == "posted"
                and m.move_type == "out_invoice"
                and m.payment_state in ("not_paid", "partial")
                and not m.currency_id.is_zero(m.amount_residual)
            )
        )

    def _get_payment_link(self):
        """Payment link of the creditor's chosen target (short in SMS)."""
        self.ensure_one()
        company = self.company_id
        target = company.relance_pay_link_target
        moves = self._relance_moves_to_pay()
        if (
            not moves
            or target not in ("own", "hosted")
            or (target == "hosted" and not company._relance_hosted_payment_allowed())
        ):
            return super()._get_payment_link()
        links = self.env["relance.payment.link"].sudo()
        if target == "own":
            url = self._relance_own_shop_link(moves)
            if self.channel != "sms":
                return url
            # Short in SMS too: /r/<token> redirects to the own shop.
            return links._get_or_create(self, moves, shop_url=url)._get_short_url()
        if len(moves) == 1 and self.channel != "sms":
            move = moves.sudo()
            return (
                move.get_base_url().rstrip("/")
                + "/"
                + move.get_portal_url().lstrip("/")
            )
        link = links._get_or_create(self, moves)
        if self.channel == "sms":
            return link._get_short_url()
        return link._get_target_url()

    def _relance_own_shop_link(self, moves):
        self.ensure_one()
        currency = moves[0].currency_id
        reference = moves.name if len(moves) == 1 else ",".join(moves.mapped("name"))
        partner = self.partner_id
        return self.company_id._relance_own_shop_url(
            reference=reference,
            amount=sum(moves.mapped("amount_residual")),
            partner=partner.ref or str(partner.id),
            currency=currency,
        )
