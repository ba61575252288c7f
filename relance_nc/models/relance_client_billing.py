# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, api, models
from odoo.tools import SQL, split_every

INVOICE_BATCH = 100


class RelanceClient(models.Model):
    """Month-end invoicing of the clients' usage."""

    _inherit = "relance.client"

    @api.model
    def _cron_invoice_usage(self, batch_size=INVOICE_BATCH):
        """On the 1st (provider's time zone), invoice each client's usage
        dated before the month's first day: one posted invoice per client.

        Safe to re-run and to run on several workers: the clients of a batch
        are locked (rows locked elsewhere are skipped) and their lines leave
        the ``to_invoice`` state in the same transaction as their invoices.
        """
        providers = self.env["res.company"].search([("relance_is_provider", "=", True)])
        todo = [
            (provider, cutoff, self._relance_clients_to_invoice(provider, cutoff))
            for provider in providers
            for cutoff in [provider._relance_today().replace(day=1)]
        ]
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=sum(len(clients) for __, __, clients in todo))
        for __, cutoff, clients in todo:
            for batch in split_every(batch_size, clients.ids, self.browse):
                batch.try_lock_for_update()._relance_invoice_usage(cutoff)
                if not cron._commit_progress(len(batch)):
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
        """Invoice the usage of the clients of ``self`` dated before
        ``cutoff``: one posted invoice per client with usage, created and
        linked in bulk. Returns the invoices."""
        groups = self.env["relance.usage.line"]._read_group(
            [
                ("company_id", "in", self.company_id.ids),
                ("client_id", "in", self.ids),
                ("state", "=", "to_invoice"),
                ("date", "<", cutoff),
            ],
            ["client_id", "product_id", "price_unit"],
            ["quantity:sum"],
            order="client_id, product_id, price_unit",
        )
        by_client = defaultdict(list)
        for client, product, price_unit, quantity in groups:
            by_client[client].append((product, price_unit, quantity))
        if not by_client:
            return self.env["account.move"]
        # Bulk-issued invoices: no creation message, follower or field
        # tracking per invoice (each costs queries per move).
        move_model = self.env["account.move"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        )
        moves = move_model
        # Without analytic distribution models, each invoice line would still
        # query them (per partner and product): say there is none.
        no_analytic = (
            not self.env["account.analytic.distribution.model"]
            .sudo()
            .search([], limit=1)
        )
        for company, clients in (
            self.browse([client.id for client in by_client])
            .grouped("company_id")
            .items()
        ):
            moves |= move_model.with_company(company).create(
                [
                    client._relance_prepare_invoice_vals(
                        by_client[client], cutoff, no_analytic=no_analytic
                    )
                    for client in clients
                ]
            )
        self._relance_link_usage(moves, cutoff)
        moves.action_post()
        moves = moves.with_env(self.env)
        for move in moves:
            move.relance_client_id._relance_after_invoice(move)
        return moves

    def _relance_prepare_invoice_vals(self, groups, cutoff, no_analytic=False):
        self.ensure_one()
        period_end = cutoff - relativedelta(days=1)
        line_defaults = {"analytic_distribution": False} if no_analytic else {}
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
                        **line_defaults,
                        "product_id": product.id,
                        "quantity": quantity,
                        "price_unit": price_unit,
                    }
                )
                for product, price_unit, quantity in groups
            ],
        }

    @api.model
    def _relance_link_usage(self, moves, cutoff):
        """Link each usage line to the invoice line of its client, product
        and price, in one UPDATE."""
        self.env["relance.usage.line"].flush_model()
        values = SQL(", ").join(
            SQL(
                "(%s, %s, %s, %s, %s, %s::numeric)",
                line.id,
                move.id,
                move.company_id.id,
                move.relance_client_id.id,
                line.product_id.id,
                line.price_unit,
            )
            for move in moves
            for line in move.invoice_line_ids
        )
        self.env.cr.execute(
            SQL(
                """
                UPDATE relance_usage_line usage
                   SET invoice_line_id = v.line_id, move_id = v.move_id,
                       state = 'invoiced', write_date = now() at time zone 'UTC',
                       write_uid = %(uid)s
                  FROM (VALUES %(values)s)
                       AS v(line_id, move_id, company_id, client_id, product_id,
                            price_unit)
                 WHERE usage.company_id = v.company_id
                   AND usage.client_id = v.client_id
                   AND usage.state = 'to_invoice'
                   AND usage.date < %(cutoff)s
                   AND usage.product_id = v.product_id
                   AND usage.price_unit = v.price_unit
                """,
                uid=self.env.uid,
                values=values,
                cutoff=cutoff,
            )
        )
        self.env["relance.usage.line"].invalidate_model()

    def _relance_after_invoice(self, move):
        """Hook: relance_nc_payment sends card clients a payment link."""
        return True
