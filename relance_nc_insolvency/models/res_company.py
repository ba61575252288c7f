# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    relance_insolvency_watch_all = fields.Boolean(
        string="Watch the Whole Customer Base",
        help="Watch every customer with a valid RIDET, TAHITI or SIREN number, "
        "not only the customers under reminder.",
    )
    relance_insolvency_user_id = fields.Many2one(
        "res.users",
        string="Collective Procedures Responsible",
        help="Alerted when a customer without a reminder responsible is under "
        "a collective procedure.",
    )
