# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    relance_insolvency_watch_all = fields.Boolean(
        related="company_id.relance_insolvency_watch_all", readonly=False
    )
    relance_insolvency_user_id = fields.Many2one(
        related="company_id.relance_insolvency_user_id", readonly=False
    )
