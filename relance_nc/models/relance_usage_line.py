# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import float_round, split_every

INSERT_CHUNK = 5000


class RelanceUsageLine(models.Model):
    """One service performed for a client: what the month-end invoice bills.

    Written once per event: ``event_key`` is unique per client, so that a
    retried SMS, a re-rendered letter or a re-run cron records nothing twice
    (:meth:`_relance_record`, :meth:`_relance_record_many`).
    """

    _name = "relance.usage.line"
    _description = "relance.nc Service Usage"
    _order = "date desc, id desc"
    _rec_name = "product_id"

    # Indexes: few on purpose. Month-end invoicing updates every line once
    # and each index costs a write per line (issue 12's benchmark): lookups
    # by client use the (client_id, event_key) unique index, the lines still
    # to invoice the partial index below, which invoiced lines leave.
    client_id = fields.Many2one("relance.client", required=True, ondelete="restrict")
    company_id = fields.Many2one(
        related="client_id.company_id", store=True, string="Provider"
    )
    partner_id = fields.Many2one(
        related="client_id.partner_id", string="Creditor", store=True
    )
    product_id = fields.Many2one(
        "product.product", string="Service", required=True, ondelete="restrict"
    )
    date = fields.Date(required=True)
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit")
    currency_id = fields.Many2one(related="company_id.currency_id")
    price_unit = fields.Monetary(string="Unit Price")
    amount = fields.Monetary()
    res_model = fields.Char(string="Source Model")
    res_id = fields.Many2oneReference(string="Source ID", model_field="res_model")
    event_key = fields.Char(required=True, readonly=True)
    invoice_line_id = fields.Many2one(
        "account.move.line", index="btree_not_null", ondelete="set null", copy=False
    )
    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
    )
    state = fields.Selection(
        [("to_invoice", "To Invoice"), ("invoiced", "Invoiced")],
        default="to_invoice",
        required=True,
    )

    _event_uniq = models.Constraint(
        "UNIQUE(client_id, event_key)",
        "A service event is recorded once per client.",
    )
    _to_invoice_idx = models.Index(
        "(company_id, client_id, date) WHERE state = 'to_invoice'"
    )

    @api.depends("product_id", "date")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.product_id.display_name} ({line.date})"

    # ------------------------------------------------------------
    # RECORDING API (contract: _notes/BACKOFFICE_CONTRACT.md)
    # ------------------------------------------------------------

    @api.model
    def _relance_record(self, client, product, quantity, source, key, date=None):
        """Record one service event of ``client``; nothing when ``key`` is
        already recorded. Returns the usage line (new or existing)."""
        if not client:
            return self.browse()
        self._relance_record_many(
            [
                {
                    "client_id": client.id,
                    "product_id": product.id,
                    "quantity": quantity,
                    "res_model": source._name if source else False,
                    "res_id": source.id if source else False,
                    "event_key": key,
                    "date": date,
                }
            ]
        )
        return self.sudo().search(
            [("client_id", "=", client.id), ("event_key", "=", key)], limit=1
        )

    @api.model
    def _relance_record_many(self, vals_list):
        """Bulk-record service events, pricing them with each client's price
        list at their date; events already recorded are skipped
        (``INSERT … ON CONFLICT DO NOTHING``). Returns the number inserted."""
        if not vals_list:
            return 0
        today = fields.Date.context_today(self)
        for vals in vals_list:
            vals["date"] = fields.Date.to_date(vals.get("date") or today)
        prices = self._relance_prices(vals_list)
        clients = (
            self.env["relance.client"]
            .sudo()
            .browse({vals["client_id"] for vals in vals_list})
        )
        clients_info = {
            client.id: (
                client.company_id.id,
                client.partner_id.id,
                client.company_id.currency_id.decimal_places,
            )
            for client in clients
        }
        inserted = 0
        for chunk in split_every(INSERT_CHUNK, vals_list, list):
            rows = [
                self._relance_prepare_row(vals, prices, clients_info) for vals in chunk
            ]
            inserted += self._relance_insert_rows(rows)
        self.invalidate_model()
        return inserted

    @api.model
    def _relance_prices(self, vals_list):
        """{(client id, product id, date, quantity): unit price}: one price
        list computation per (price list, date, quantity), whatever the
        number of events."""
        keys = {
            (vals["client_id"], vals["product_id"], vals["date"], vals["quantity"])
            for vals in vals_list
            if "price_unit" not in vals
        }
        clients = self.env["relance.client"].sudo().browse({key[0] for key in keys})
        pricelists = {client.id: client.pricelist_id for client in clients}
        products = self.env["product.product"].sudo().browse({key[1] for key in keys})
        list_prices = {product.id: product.lst_price for product in products}
        groups = defaultdict(set)
        for client_id, product_id, day, quantity in keys:
            pricelist = pricelists[client_id]
            if pricelist:
                groups[pricelist, day, quantity].add(product_id)
        rule_prices = {}
        for (pricelist, day, quantity), product_ids in groups.items():
            prices = pricelist._get_products_price(
                products.browse(product_ids), quantity, date=day
            )
            for product_id, price in prices.items():
                rule_prices[pricelist.id, product_id, day, quantity] = price
        return {
            key: rule_prices[pricelists[key[0]].id, key[1], key[2], key[3]]
            if pricelists[key[0]]
            else list_prices[key[1]]
            for key in keys
        }

    @api.model
    def _relance_prepare_row(self, vals, prices, clients_info):
        company_id, partner_id, digits = clients_info[vals["client_id"]]
        price = vals.get("price_unit")
        if price is None:
            price = prices[
                (vals["client_id"], vals["product_id"], vals["date"], vals["quantity"])
            ]
        return (
            vals["client_id"],
            company_id,
            partner_id,
            vals["product_id"],
            vals["date"],
            vals["quantity"],
            price,
            float_round(price * vals["quantity"], precision_digits=digits),
            vals.get("res_model") or None,
            vals.get("res_id") or None,
            vals["event_key"],
        )

    @api.model
    def _relance_insert_rows(self, rows):
        """Insert ``rows`` (tuples in the column order below); returns the
        number inserted, events already recorded being skipped."""
        self.flush_model()
        inserted = self.env.cr.execute_values(
            """
            INSERT INTO relance_usage_line (client_id, company_id, partner_id,
                product_id, date, quantity, price_unit, amount, res_model, res_id,
                event_key, state, create_uid, write_uid, create_date, write_date)
            VALUES %s ON CONFLICT (client_id, event_key) DO NOTHING RETURNING id
            """,
            rows,
            template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'to_invoice', "
            f"{int(self.env.uid)}, {int(self.env.uid)}, "
            "now() at time zone 'UTC', now() at time zone 'UTC')",
            page_size=INSERT_CHUNK,
            fetch=True,
        )
        return len(inserted)

    def action_open_source(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }
