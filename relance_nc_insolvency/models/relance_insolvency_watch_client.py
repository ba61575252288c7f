# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Watch lists of portal clients (uploaded files) and the monthly usage."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import feed, watchlist


class RelanceInsolvencyWatch(models.Model):
    _inherit = "relance.insolvency.watch"

    client_id = fields.Many2one(
        "relance.client",
        index="btree_not_null",
        ondelete="cascade",
        help="Portal client whose uploaded customer file lists this customer.",
    )
    address = fields.Char()

    @api.model
    def _replace_client_list(self, client, content, filename):
        """Replace ``client``'s uploaded list by the file; return the report.

        At most one upload per day (the seed's daily transmission). The
        report gives the numbers added and removed and the rejected rows.
        """
        client = client.sudo()
        client._check_option("insolvency")
        today = client.company_id._relance_today()
        if client.relance_insolvency_upload_on == today:
            raise UserError(
                self.env._(
                    "The customer file of %(client)s was already received today: "
                    "one transmission a day.",
                    client=client.display_name,
                )
            )
        try:
            entries, rejected = watchlist.parse_rows(
                watchlist.read_rows(content, filename)
            )
        except feed.FeedError as err:
            raise UserError(
                self.env._("The customer file cannot be read: %(error)s", error=err)
            ) from err
        report = self._apply_client_entries(client, entries)
        client.relance_insolvency_upload_on = today
        report["rejected"] = [
            {"line": r.position, "reason": r.reason} for r in rejected
        ]
        return report

    @api.model
    def _apply_client_entries(self, client, entries):
        """Keep, create and remove entries by RIDET: one read, grouped writes."""
        current = self.sudo().search([("client_id", "=", client.id)])
        by_ridet = {watch.ridet: watch for watch in current}
        to_create, kept = [], self.browse()
        for entry in entries:
            watch = by_ridet.pop(entry["ridet"], None)
            if watch:
                kept |= watch
                if (watch.name, watch.address or "") != (
                    entry["name"],
                    entry["address"],
                ):
                    watch.write({"name": entry["name"], "address": entry["address"]})
                continue
            to_create.append(
                dict(
                    entry,
                    client_id=client.id,
                    company_id=client.company_id.id,
                    origin="upload",
                )
            )
        removed = self.sudo().browse([w.id for w in by_ridet.values()])
        count_removed = len(removed)
        removed.unlink()
        self.sudo().create(to_create)
        return {"added": len(to_create), "removed": count_removed, "kept": len(kept)}

    @api.model
    def _cron_record_usage(self):
        """Bill the watched customers of each client once a month."""
        product = self.env.ref(
            "relance_nc.product_service_insolvency_watch", raise_if_not_found=False
        )
        if not product:
            return
        clients = self.env["relance.client"].sudo().search([("state", "=", "active")])
        clients = clients.filtered(lambda c: c._has_option("insolvency"))
        counts = self._count_watched(clients)
        vals_list = []
        for client in clients:
            month = client.company_id._relance_today().strftime("%Y-%m")
            if counts.get(client.id):
                vals_list.append(
                    {
                        "client_id": client.id,
                        "product_id": product.id,
                        "quantity": counts[client.id],
                        "event_key": f"insolvency_watch:{client.id}:{month}",
                        "res_model": "relance.client",
                        "res_id": client.id,
                    }
                )
        return self.env["relance.usage.line"].sudo()._relance_record_many(vals_list)

    @api.model
    def _count_watched(self, clients):
        """``{client id: watchable customers}``: uploaded or hosted lists."""
        Watch = self.sudo()
        uploaded = dict(
            Watch._read_group(
                [("client_id", "in", clients.ids), ("watchable", "=", True)],
                ["client_id"],
                ["__count"],
            )
        )
        hosted = dict(
            Watch._read_group(
                [
                    ("company_id", "in", clients.hosted_company_id.ids),
                    ("client_id", "=", False),
                    ("watchable", "=", True),
                ],
                ["company_id"],
                ["__count"],
            )
        )
        return {
            client.id: uploaded.get(client, 0) + hosted.get(client.hosted_company_id, 0)
            for client in clients
        }


class RelanceClient(models.Model):
    _inherit = "relance.client"

    relance_insolvency_upload_on = fields.Date(
        string="Last Customer File", readonly=True, copy=False
    )
    relance_insolvency_watch_ids = fields.One2many(
        "relance.insolvency.watch", "client_id", string="Watched Customers"
    )
