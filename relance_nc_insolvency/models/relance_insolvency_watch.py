# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from .. import const
from ..tools import identifiers, names


class RelanceInsolvencyWatch(models.Model):
    """One customer of one creditor watched for collective procedures.

    A hosted creditor's list is rebuilt from its live data before every
    match (customers under reminder, or its whole customer base when it
    chose so); customers without a valid RIDET, TAHITI or SIREN stay listed
    as not watchable, with the reason, since nothing can be matched for them.
    """

    _name = "relance.insolvency.watch"
    _description = "Watched Customer"
    _order = "watchable, name, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index="btree_not_null", ondelete="cascade"
    )
    name = fields.Char(required=True)
    ridet = fields.Char(string="RIDET")
    tahiti = fields.Char(string="TAHITI")
    siren = fields.Char(string="SIREN")
    rid = fields.Char(
        string="Company Number (RID)", compute="_compute_keys", store=True, index=True
    )
    name_key = fields.Char(compute="_compute_keys", store=True)
    origin = fields.Selection(const.WATCH_ORIGINS, required=True, default="reminder")
    watchable = fields.Boolean(compute="_compute_keys", store=True, index=True)
    reason = fields.Char(
        string="Not Watchable Because", compute="_compute_keys", store=True
    )

    @api.depends("ridet", "tahiti", "siren", "name")
    def _compute_keys(self):
        for watch in self:
            watch.rid = identifiers.rid_of(watch.ridet)
            watch.name_key = names.normalize(watch.name)
            watch.watchable = bool(
                watch.rid or watch.tahiti or identifiers.siren_of(watch.siren)
            )
            watch.reason = not watch.watchable and watch._unwatchable_reason()

    def _unwatchable_reason(self):
        if self.ridet:
            return self.env._("Invalid RIDET %(value)s", value=self.ridet)
        if self.siren:
            return self.env._("Invalid SIREN %(value)s", value=self.siren)
        return self.env._("No RIDET, TAHITI or SIREN number")

    # ------------------------------------------------------------
    # Hosted creditors: the list read from live data
    # ------------------------------------------------------------

    @api.model
    def _refresh_hosted(self, companies=None):
        """Rebuild the automatic lists of ``companies`` (all by default)."""
        companies = companies or self.env["res.company"].sudo().search(
            [("active", "=", True)]
        )
        for company in companies:
            self._refresh_company(company)

    @api.model
    def _refresh_company(self, company):
        """Bring ``company``'s automatic list in line with its customers.

        Rows are compared by customer: one read of the current list, one of
        the customers, then grouped create / write / unlink.
        """
        wanted = self._get_watched_partners(company)
        current = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("origin", "in", ("reminder", "customer")),
            ]
        )
        by_partner = {watch.partner_id.id: watch for watch in current}
        partners = self.env["res.partner"].sudo().browse(list(wanted))
        to_create = []
        for partner in partners:
            vals = self._prepare_partner_vals(partner, wanted[partner.id])
            watch = by_partner.pop(partner.id, None)
            if watch is None:
                to_create.append(dict(vals, company_id=company.id))
            elif watch._differs(vals):
                watch.write(vals)
        self.sudo().browse([w.id for w in by_partner.values()]).unlink()
        self.sudo().create(to_create)

    def _differs(self, vals):
        """True when ``vals`` (ids for relations) would change this entry."""
        self.ensure_one()
        current = self._convert_to_write({key: self[key] for key in vals})
        return any(current[key] != value for key, value in vals.items())

    @api.model
    def _prepare_partner_vals(self, partner, origin):
        return {
            "partner_id": partner.id,
            "name": partner.name or "",
            "ridet": partner.ridet or False,
            "tahiti": partner.tahiti or False,
            "siren": identifiers.siren_of(partner.company_registry) or False,
            "origin": origin,
        }

    @api.model
    def _get_watched_partners(self, company):
        """``{partner id: origin}`` of the customers ``company`` watches.

        The customer base of a company is its own partners and the shared
        customers it invoiced: a shared partner invoiced only by another
        creditor of the database is not its customer.
        """
        for model in (
            "account.move",
            "relance.action",
            "relance.move.level",
            "res.partner",
        ):
            self.env[model].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT move.commercial_partner_id
                  FROM account_move move
                  JOIN relance_move_level reached ON reached.move_id = move.id
                 WHERE move.company_id = %(company)s
                   AND move.state = 'posted'
                   AND move.move_type = 'out_invoice'
                   AND reached.level_id IS NOT NULL
                   AND move.payment_state IN ('not_paid', 'partial')
                 UNION
                SELECT action.partner_id
                  FROM relance_action action
                 WHERE action.company_id = %(company)s
                   AND action.state IN ('draft', 'scheduled')
                """,
                company=company.id,
            )
        )
        result = {row[0]: "reminder" for row in rows}
        if company.relance_insolvency_watch_all:
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT partner.id FROM res_partner partner
                     WHERE partner.active
                       AND partner.id = partner.commercial_partner_id
                       AND (partner.company_id = %(company)s
                            OR (partner.customer_rank > 0
                                AND partner.company_id IS NULL
                                AND EXISTS (
                                    SELECT 1 FROM account_move move
                                     WHERE move.commercial_partner_id = partner.id
                                       AND move.company_id = %(company)s
                                       AND move.state = 'posted'
                                       AND move.move_type IN
                                           ('out_invoice', 'out_refund'))))
                    """,
                    company=company.id,
                )
            )
            for (partner_id,) in rows:
                result.setdefault(partner_id, "customer")
        return result
