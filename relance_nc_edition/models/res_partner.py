# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

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
            address_changed = self.filtered("relance_address_invalid")
        else:
            address_changed = self.browse()
        result = super().write(vals)
        if address_changed:
            # the address was corrected: the returned letter's proposal is done
            self.env["relance.partner.update"].search(
                [
                    ("partner_id", "in", address_changed.ids),
                    ("kind", "=", "address_unknown"),
                    ("state", "=", "pending"),
                ]
            ).state = "obsolete"
        return result

    def _relance_flag_address(self, letters):
        """Flag the addresses of returned ``letters`` and propose, in a
        customer data check per creditor, to update them."""
        by_partner = letters.grouped("partner_id")
        self.relance_address_invalid = True
        for partner in self:
            names = ", ".join(by_partner[partner].mapped("name"))
            partner.message_post(
                body=self.env._(
                    "Letter %(letters)s returned: address unknown. Please update "
                    "the postal address.",
                    letters=names,
                )
            )
        for company, company_letters in letters.grouped("company_id").items():
            self._relance_create_address_check(company, company_letters)

    @api.model
    def _relance_create_address_check(self, company, letters):
        """The data check holding the proposals of ``letters`` returned
        "address unknown", one per customer, the previous ones obsolete."""
        partners = letters.partner_id
        Update = self.env["relance.partner.update"]
        Update.search(
            [
                ("partner_id", "in", partners.ids),
                ("kind", "=", "address_unknown"),
                ("state", "=", "pending"),
            ]
        ).state = "obsolete"
        check = self.env["relance.partner.check"].create(
            {
                "name": self.env._("Returned letters"),
                "company_id": company.id,
                "partner_count": len(partners),
            }
        )
        # one proposal per customer, from its latest returned letter
        latest = [group[-1] for group in letters.grouped("partner_id").values()]
        Update.create(
            [self._relance_prepare_address_update_vals(check, rec) for rec in latest]
        )
        return check

    @api.model
    def _relance_prepare_address_update_vals(self, check, letter):
        partner = letter.partner_id
        address = ", ".join(
            filter(None, [partner.street, partner.street2, partner.zip, partner.city])
        )
        return {
            "check_id": check.id,
            "partner_id": partner.id,
            "kind": "address_unknown",
            "field_name": "street",
            "current_value": address,
            "relance_letter_id": letter.id,
        }

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
