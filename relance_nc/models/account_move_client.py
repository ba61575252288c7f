# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    relance_client_id = fields.Many2one(
        "relance.client",
        string="relance.nc Client",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The client whose month-end services this invoice bills.",
    )
    relance_usage_line_ids = fields.One2many(
        "relance.usage.line", "move_id", string="Services Used"
    )
