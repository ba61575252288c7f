# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

ADDRESS_FIELDS = ("street", "street2", "zip", "city", "country_id")


class ResPartner(models.Model):
    _inherit = "res.partner"

    relance_address_invalid = fields.Boolean(
        string="Postal Address Invalid",
        tracking=True,
        copy=False,
        help="A letter came back: address unknown. Cleared when the address changes.",
    )
    relance_letter_ids = fields.One2many(
        "relance.letter", "partner_id", string="Printed Letters"
    )

    def write(self, vals):
        if (
            any(f in vals for f in ADDRESS_FIELDS)
            and "relance_address_invalid" not in vals
        ):
            vals = dict(vals, relance_address_invalid=False)
        return super().write(vals)

    def _relance_flag_address(self, letters):
        """Flag the addresses of returned ``letters`` for the data update."""
        by_partner = letters.grouped("partner_id")
        for partner in self:
            partner.relance_address_invalid = True
            names = ", ".join(by_partner[partner].mapped("name"))
            partner.message_post(
                body=self.env._(
                    "Letter %(letters)s returned: address unknown. Please update "
                    "the postal address.",
                    letters=names,
                )
            )

    def action_relance_print_statement(self):
        """Create the account statement letter of the customer and open it."""
        self.ensure_one()
        letter = self.env["relance.letter"].create(
            self.env["relance.letter"]._prepare_statement_vals(self, self.env.company)
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "relance.letter",
            "res_id": letter.id,
            "view_mode": "form",
        }
