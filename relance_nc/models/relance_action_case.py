# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RelanceAction(models.Model):
    """The engine's hand-over channel ends in a collection case."""

    _inherit = "relance.action"  # pylint: disable=consider-merging-classes-inherited

    relance_case_ids = fields.One2many(
        "relance.case", "relance_action_id", string="Collection Cases"
    )

    def _execute_handover(self):
        """Hand the reminder's invoices to the collection firm: a draft case
        the creditor completes and submits; the reminder is done."""
        self.ensure_one()
        if not self.relance_case_ids:
            self.env["relance.case"]._create_from_invoices(self.move_ids, action=self)
        self._set_done()

    def action_relance_create_case(self):
        """Button of hand-over reminders: create their cases and open them."""
        actions = self.filtered(
            lambda a: (
                a.channel == "handover" and a.state in ("draft", "scheduled", "failed")
            )
        )
        for action in actions:
            action._execute_handover()
        return self.relance_case_ids._action_open()
