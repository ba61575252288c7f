# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SmsSms(models.Model):
    _inherit = "sms.sms"

    relance_action_id = fields.Many2one(
        "relance.action", index="btree_not_null", ondelete="set null"
    )
