# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class RelanceClientFileMixin(models.AbstractModel):
    """A record of a provider company about a creditor partner belongs to the
    client file (``relance.client``) of that (company, partner) pair."""

    _name = "relance.client.file.mixin"
    _description = "Record of a Client File"

    client_id = fields.Many2one(
        "relance.client",
        string="Client File",
        compute="_compute_client_id",
        store=True,
        index="btree_not_null",
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
        for record in self:
            record.client_id = by_key.get((record.company_id, record.partner_id))
