# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class RelanceClient(models.Model):
    """Credit limit of the deferred-account clients: what they owe the
    provider (usage not invoiced yet and unpaid invoices) may not pass it."""

    _inherit = "relance.client"  # pylint: disable=consider-merging-classes-inherited

    credit_exposure = fields.Monetary(
        compute="_compute_credit_exposure",
        help="Usage not invoiced yet plus the unpaid amount of the client's "
        "invoices: what a new service adds to.",
    )
    credit_exceeded = fields.Boolean(compute="_compute_credit_exposure")

    def _compute_credit_exposure(self):
        usage = dict(
            self.env["relance.usage.line"]
            .sudo()
            ._read_group(
                [("client_id", "in", self.ids), ("state", "=", "to_invoice")],
                ["client_id"],
                ["amount:sum"],
            )
        )
        unpaid = dict(
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("relance_client_id", "in", self.ids),
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("payment_state", "not in", ("paid", "in_payment", "reversed")),
                ],
                ["relance_client_id"],
                ["amount_residual_signed:sum"],
            )
        )
        for client in self:
            client.credit_exposure = usage.get(client, 0.0) + unpaid.get(client, 0.0)
            client.credit_exceeded = bool(
                client.billing_mode == "deferred"
                and client.credit_limit
                and client.currency_id.compare_amounts(
                    client.credit_exposure, client.credit_limit
                )
                >= 0
            )

    def _check_credit(self, amount=0.0):
        """Raise a translated UserError when a service of ``amount`` would
        take a deferred-account client past its credit limit."""
        self.ensure_one()
        if self.billing_mode != "deferred" or not self.credit_limit:
            return
        client_sudo = self.sudo()
        exposure = client_sudo.credit_exposure
        if self.currency_id.compare_amounts(
            exposure + amount, self.credit_limit
        ) > 0 or (client_sudo.credit_exceeded):
            raise UserError(
                self.env._(
                    "%(client)s has reached its credit limit (%(limit)s): it owes "
                    "%(exposure)s in services not invoiced yet and unpaid "
                    "invoices. Ask its account manager to raise the limit or "
                    "collect a payment before any new service.",
                    client=self.display_name,
                    limit=format_amount(self.env, self.credit_limit, self.currency_id),
                    exposure=format_amount(self.env, exposure, self.currency_id),
                )
            )

    def _check_option(self, code):
        """Also refuse a service past the client's credit limit."""
        res = super()._check_option(code)
        self._check_credit()
        return res
