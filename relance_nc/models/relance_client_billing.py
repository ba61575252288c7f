# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, models
from odoo.tools import SQL


class RelanceClient(models.Model):
    """Month-end invoicing of the clients' usage."""

    _inherit = "relance.client"

    @api.model
    def _cron_invoice_usage(self, batch_size=100):
        """On the 1st (provider's time zone), invoice each client's usage
        dated before the month's first day: one posted invoice per client.

        Safe to re-run and to run on several workers: each client is locked
        (rows locked elsewhere are skipped) and its lines leave the
        ``to_invoice`` state in the same transaction as its invoice.
        """
        providers = self.env["res.company"].search([("relance_is_provider", "=", True)])
        for provider in providers:
            cutoff = provider._relance_today().replace(day=1)
            clients = self._relance_clients_to_invoice(provider, cutoff)
            self.env["ir.cron"]._commit_progress(remaining=len(clients))
            for client in clients:
                client = client.try_lock_for_update()
                if client:
                    client._relance_invoice_usage(cutoff)
                if not self.env["ir.cron"]._commit_progress(1):
                    return

    @api.model
    def _relance_clients_to_invoice(self, provider, cutoff):
        groups = self.env["relance.usage.line"]._read_group(
            [
                ("company_id", "=", provider.id),
                ("state", "=", "to_invoice"),
                ("date", "<", cutoff),
            ],
            ["client_id"],
        )
        return self.browse([client.id for (client,) in groups])

    def _relance_invoice_usage(self, cutoff):
        """Invoice this client's usage dated before ``cutoff``; returns the
        invoice, or an empty recordset when there is nothing to invoice."""
        self.ensure_one()
        usage_domain = [
            ("client_id", "=", self.id),
            ("state", "=", "to_invoice"),
            ("date", "<", cutoff),
        ]
        groups = self.env["relance.usage.line"]._read_group(
            usage_domain,
            ["product_id", "price_unit"],
            ["quantity:sum"],
            order="product_id, price_unit",
        )
        if not groups:
            return self.env["account.move"]
        move = (
            self.env["account.move"]
            .with_company(self.company_id)
            .create(self._relance_prepare_invoice_vals(groups, cutoff))
        )
        self._relance_link_usage(move, cutoff)
        move.action_post()
        self._relance_after_invoice(move)
        return move

    def _relance_prepare_invoice_vals(self, groups, cutoff):
        period_end = cutoff - relativedelta(days=1)
        return {
            "move_type": "out_invoice",
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "invoice_date": cutoff,
            "relance_client_id": self.id,
            "invoice_payment_term_id": (
                self.payment_term_id.id if self.billing_mode == "deferred" else False
            ),
            "ref": self.env._(
                "relance.nc services %(month)s", month=period_end.strftime("%m/%Y")
            ),
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "quantity": quantity,
                        "price_unit": price_unit,
                    }
                )
                for product, price_unit, quantity in groups
            ],
        }

    def _relance_link_usage(self, move, cutoff):
        """Link each usage line to the invoice line of its product and price,
        in one UPDATE."""
        lines = move.invoice_line_ids
        self.env["relance.usage.line"].flush_model()
        values = SQL(", ").join(
            SQL("(%s, %s, %s::numeric)", line.id, line.product_id.id, line.price_unit)
            for line in lines
        )
        self.env.cr.execute(
            SQL(
                """
                UPDATE relance_usage_line usage
                   SET invoice_line_id = v.line_id, move_id = %(move)s,
                       state = 'invoiced', write_date = now() at time zone 'UTC',
                       write_uid = %(uid)s
                  FROM (VALUES %(values)s) AS v(line_id, product_id, price_unit)
                 WHERE usage.client_id = %(client)s
                   AND usage.state = 'to_invoice'
                   AND usage.date < %(cutoff)s
                   AND usage.product_id = v.product_id
                   AND usage.price_unit = v.price_unit
                """,
                move=move.id,
                uid=self.env.uid,
                values=values,
                client=self.id,
                cutoff=cutoff,
            )
        )
        self.env["relance.usage.line"].invalidate_model()

    def _relance_after_invoice(self, move):
        """Hook: relance_nc_payment sends card clients a payment link."""
        return True
