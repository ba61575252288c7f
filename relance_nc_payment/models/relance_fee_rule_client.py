# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class RelanceFeeRule(models.Model):
    """A fee rule belongs to the client file of its (provider, partner)."""

    _inherit = "relance.fee.rule"

    client_id = fields.Many2one(
        "relance.client",
        string="Client File",
        compute="_compute_client_id",
        store=True,
        index="btree_not_null",
        ondelete="cascade",
    )

    @api.depends("company_id", "partner_id")
    def _compute_client_id(self):
        clients = (
            self.env["relance.client"]
            .sudo()
            .search(
                [
                    ("company_id", "in", self.company_id.ids),
                    ("partner_id", "in", self.partner_id.ids),
                ]
            )
        )
        by_key = {(c.company_id, c.partner_id): c for c in clients}
        for rule in self:
            rule.client_id = by_key.get((rule.company_id, rule.partner_id))
