# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class RelanceClient(models.Model):
    """Card payment side of a client: its fee rules and payouts."""

    _inherit = "relance.client"

    fee_rule_ids = fields.One2many(
        "relance.fee.rule", "client_id", string="Card Collection Fees"
    )
    payout_ids = fields.One2many("relance.payout", "client_id", string="Card Payouts")
    payout_count = fields.Integer(compute="_compute_payout_count")

    @api.model_create_multi
    def create(self, vals_list):
        clients = super().create(vals_list)
        clients._relance_link_fee_rules()
        return clients

    def _relance_link_fee_rules(self):
        """Attach the fee rules recorded for the client's partner before its
        client file existed."""
        rules = (
            self.env["relance.fee.rule"]
            .sudo()
            .search(
                [
                    ("client_id", "=", False),
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                ]
            )
        )
        for rule in rules:
            rule.client_id = self.filtered(
                lambda c, rule=rule: (
                    c.partner_id == rule.partner_id and c.company_id == rule.company_id
                )
            )[:1]

    def _compute_payout_count(self):
        counts = dict(
            self.env["relance.payout"]._read_group(
                [("client_id", "in", self.ids)], ["client_id"], ["__count"]
            )
        )
        for client in self:
            client.payout_count = counts.get(client, 0)

    def action_view_payouts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relance_nc_payment.relance_payout_action"
        )
        action["domain"] = [("client_id", "=", self.id)]
        return action

    def _relance_after_invoice(self, move):
        """Card clients pay their month-end invoice on the hosted shop."""
        res = super()._relance_after_invoice(move)
        if self.billing_mode == "card":
            url = move._get_portal_payment_link()
            move.relance_payment_url = url
            move.message_post(
                body=self.env._(
                    "Pay this invoice by card on the hosted shop: %(url)s", url=url
                )
            )
        return res
