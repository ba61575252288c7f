# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    relance_pay_link_target = fields.Selection(
        related="company_id.relance_pay_link_target", readonly=False
    )
    relance_pay_url_pattern = fields.Char(
        related="company_id.relance_pay_url_pattern", readonly=False
    )
    relance_threeds_mode = fields.Selection(
        related="company_id.relance_threeds_mode", readonly=False
    )
