# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    relance_insolvency_case_ids = fields.One2many(
        "relance.insolvency.case", "partner_id", string="Collective Procedures"
    )
    relance_insolvency = fields.Boolean(
        string="Under Collective Procedure",
        compute="_compute_relance_insolvency",
        search="_search_relance_insolvency",
        help="A collective procedure is open against this customer in the "
        "current company: its reminders are stopped.",
    )

    @api.depends("relance_insolvency_case_ids.state")
    @api.depends_context("company")
    def _compute_relance_insolvency(self):
        flagged = set(
            self.env["relance.insolvency.case"]
            .search(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "=", self.env.company.id),
                    ("state", "=", "active"),
                ]
            )
            .partner_id.ids
        )
        for partner in self:
            partner.relance_insolvency = partner.commercial_partner_id.id in flagged

    def _search_relance_insolvency(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on collective procedures."))
        query = self.env["relance.insolvency.case"]._search(
            [("company_id", "=", self.env.company.id), ("state", "=", "active")]
        )
        positive = (operator == "=") == value
        ids_domain = ("commercial_partner_id", "in", query.subselect("partner_id"))
        return [ids_domain] if positive else ["!", ids_domain]

    def action_relance_open_insolvency(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relance_nc_insolvency.action_relance_insolvency_case"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        return action
