# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL, float_round, split_every

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

    client_id = fields.Many2one(
        "relance.client", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="client_id.company_id", store=True, index=True, string="Provider"
    )
    partner_id = fields.Many2one(
        related="client_id.partner_id", string="Creditor", store=True
    )
    product_id = fields.Many2one(
        "product.product", string="Service", required=True, ondelete="restrict"
    )
    date = fields.Date(required=True, index=True)
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit")
    currency_id = fields.Many2one(related="company_id.currency_id")
    price_unit = fields.Monetary(string="Unit Price")
    amount = fields.Monetary()
    res_model = fields.Char(string="Source Model", index=True)
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
        index=True,
    )

    _event_uniq = models.Constraint(
        "UNIQUE(client_id, event_key)",
        "A service event is recorded once per client.",
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
        companies = {client.id: client.company_id for client in clients}
        partners = {client.id: client.partner_id.id for client in clients}
        inserted = 0
        for chunk in split_every(INSERT_CHUNK, vals_list, list):
            rows = [
                self._relance_prepare_row(vals, prices, companies, partners)
                for vals in chunk
            ]
            inserted += self._relance_insert_rows(rows)
        self.invalidate_model()
        return inserted

    @api.model
    def _relance_prices(self, vals_list):
        """{(client id, product id, date, quantity): unit price}, one price
        list computation per distinct key."""
        keys = {
            (vals["client_id"], vals["product_id"], vals["date"], vals["quantity"])
            for vals in vals_list
            if "price_unit" not in vals
        }
        client_model = self.env["relance.client"].sudo()
        product_model = self.env["product.product"].sudo()
        return {
            key: client_model.browse(key[0])._relance_price(
                product_model.browse(key[1]), key[3], key[2]
            )
            for key in keys
        }

    @api.model
    def _relance_prepare_row(self, vals, prices, companies, partners):
        company = companies[vals["client_id"]]
        price = vals.get("price_unit")
        if price is None:
            price = prices[
                (vals["client_id"], vals["product_id"], vals["date"], vals["quantity"])
            ]
        digits = company.currency_id.decimal_places
        return (
            vals["client_id"],
            company.id,
            partners[vals["client_id"]],
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
        self.flush_model()
        uid = self.env.uid
        values = SQL(", ").join(
            SQL(
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'to_invoice', "
                "%s, %s, now() at time zone 'UTC', now() at time zone 'UTC')",
                *row,
                uid,
                uid,
            )
            for row in rows
        )
        self.env.cr.execute(
            SQL(
                "INSERT INTO relance_usage_line (client_id, company_id, partner_id, "
                "product_id, date, quantity, price_unit, amount, res_model, res_id, "
                "event_key, state, create_uid, write_uid, create_date, write_date) "
                "VALUES %s ON CONFLICT (client_id, event_key) DO NOTHING",
                values,
            )
        )
        return self.env.cr.rowcount

    def action_open_source(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }
