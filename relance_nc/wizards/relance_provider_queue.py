# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RelanceProviderQueue(models.TransientModel):
    """A dashboard card: one work queue and its count, clickable."""

    _name = "relance.provider.queue"
    _description = "relance.nc Work Queue"
    _order = "sequence, id"

    key = fields.Char(required=True)
    name = fields.Char(required=True)
    count = fields.Integer()
    sequence = fields.Integer()
    action_data = fields.Json()

    def action_open(self):
        self.ensure_one()
        return self.action_data
