# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RelanceFeeRule(models.Model):
    """A fee rule belongs to the client file of its (provider, partner)."""

    _name = "relance.fee.rule"
    _inherit = ["relance.fee.rule", "relance.client.file.mixin"]

    client_id = fields.Many2one(ondelete="cascade")
