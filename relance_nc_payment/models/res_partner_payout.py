# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models


class ResPartner(models.Model):
    """A creditor whose debtors pay through the hosted shop of the current
    (provider) company: a ``relance.client`` of that company subscribed to
    the card payment option. The flag is a shortcut over the client file,
    kept for the payout code and the partner form."""

    _inherit = "res.partner"

    relance_client = fields.Boolean(
        string="relance.nc Client",
        compute="_compute_relance_client",
        inverse="_inverse_relance_client",
        search="_search_relance_client",
        help="The current company collects card payments for this creditor, "
        "pays them out monthly and invoices its collection fees.",
    )
    relance_fee_rule_ids = fields.One2many(
        "relance.fee.rule", "partner_id", string="Card Collection Fees"
    )
    relance_payout_ids = fields.One2many(
        "relance.payout", "partner_id", string="Card Payouts"
    )

    @api.model
    def _relance_card_clients(self, partners=None):
        """Active clients of the current company with the card payment option."""
        domain = [
            ("company_id", "=", self.env.company.id),
            ("state", "=", "active"),
            ("option_ids.code", "=", "payment"),
        ]
        if partners is not None:
            domain.append(("partner_id", "in", partners.ids))
        return self.env["relance.client"].sudo().search(domain)

    @api.depends_context("company")
    def _compute_relance_client(self):
        clients = self._relance_card_clients(self)
        for partner in self:
            partner.relance_client = partner in clients.partner_id

    def _inverse_relance_client(self):
        option = self.env.ref("relance_nc.service_option_payment")
        company = self.env.company
        clients = (
            self.env["relance.client"]
            .sudo()
            .search([("company_id", "=", company.id), ("partner_id", "in", self.ids)])
        )
        by_partner = {client.partner_id: client for client in clients}
        for partner in self:
            client = by_partner.get(partner)
            if partner.relance_client and client:
                client.write(
                    {"state": "active", "option_ids": [Command.link(option.id)]}
                )
            elif partner.relance_client:
                self.env["relance.client"].sudo().create(
                    partner._relance_prepare_card_client_vals(company, option)
                )
            elif client:
                client.option_ids = [Command.unlink(option.id)]

    def _relance_prepare_card_client_vals(self, company, option):
        self.ensure_one()
        hosted = (
            self.env["res.company"]
            .sudo()
            .search([("partner_id", "=", self.id)], limit=1)
        )
        return {
            "company_id": company.id,
            "partner_id": self.id,
            "hosted_company_id": hosted.id if hosted != company else False,
            "state": "active",
            "billing_mode": "card",
            "option_ids": [Command.link(option.id)],
        }

    def _search_relance_client(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        partners = self._relance_card_clients().partner_id
        positive = (operator == "in") == (True in value)
        return [("id", "in" if positive else "not in", partners.ids)]
