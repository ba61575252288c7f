# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RelanceLevel(models.Model):
    _inherit = "relance.level"

    relance_letter_text = fields.Text(
        string="Letter Text",
        translate=True,
        help="Main paragraph of the reminder letter of this level; empty: the "
        "standard text for the level's rank.",
    )
