# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import const


class RelanceAction(models.Model):
    """Letter channels: the execution cron turns a due letter or registered
    letter action into a ``relance.letter``, printed in a batch. The action
    stays scheduled (delivery queued) until the letter is posted, then it is
    done and its invoices reach the level."""

    _inherit = "relance.action"

    relance_letter_ids = fields.One2many(
        "relance.letter", "action_id", string="Letters", readonly=True
    )

    @api.model
    def _get_due_domain(self):
        """Due actions; a letter action already turned into a letter waits
        for its posting (the base sends letters since this add-on gives them
        an executor, see ``_get_executed_channels``)."""
        return super()._get_due_domain() + [
            "|",
            ("channel", "not in", list(const.CHANNEL_LETTERS)),
            ("relance_letter_ids", "=", False),
        ]

    def _execute_letter(self):
        self._create_relance_letter()

    def _execute_registered_letter(self):
        self._create_relance_letter()

    def _create_relance_letter(self):
        """Create the letter of the action; it waits for a print batch."""
        self.ensure_one()
        contact = self.contact_id or self.partner_id
        if not (contact.street and contact.city):
            raise UserError(
                self.env._(
                    "The postal address of %(customer)s is incomplete.",
                    customer=contact.display_name,
                )
            )
        if contact.relance_address_invalid:
            raise UserError(
                self.env._(
                    "A letter to %(customer)s came back (address unknown): update "
                    "the address first.",
                    customer=contact.display_name,
                )
            )
        letter = self.env["relance.letter"].create(
            self.env["relance.letter"]._prepare_action_letter_vals(self)
        )
        self.write(
            {
                "recipient": ", ".join(letter._get_address_lines()),
                "delivery_state": "queued",
            }
        )
        return letter
