# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RelanceServiceOption(models.Model):
    """A service a provider sells and a client subscribes to (data records).

    Option add-ons refer to their option by ``code`` (see
    :meth:`relance.client._check_option`).
    """

    _name = "relance.service.option"
    _description = "relance.nc Service Option"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    product_ids = fields.Many2many(
        "product.product",
        string="Services",
        help="The products billed when this option is used.",
    )
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "An option code is unique.")
