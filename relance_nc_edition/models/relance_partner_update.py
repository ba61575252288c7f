# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RelancePartnerUpdate(models.Model):
    """A letter returned "address unknown" proposes to update the customer's
    postal address: a finding without a value, reviewed like the registry's."""

    _inherit = "relance.partner.update"

    kind = fields.Selection(
        selection_add=[("address_unknown", "Letter returned: address unknown")],
        ondelete={"address_unknown": "cascade"},
    )
    relance_letter_id = fields.Many2one(
        "relance.letter",
        string="Returned Letter",
        readonly=True,
        index="btree_not_null",
    )
