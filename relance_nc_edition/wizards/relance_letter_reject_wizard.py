# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RelanceLetterRejectWizard(models.TransientModel):
    """The creditor rejects letters and says what to change."""

    _name = "relance.letter.reject.wizard"
    _inherit = ["relance.wizard.mixin"]
    _description = "Reject Letters"

    letter_ids = fields.Many2many("relance.letter", required=True)
    comment = fields.Text(required=True, help="What the writer must change.")

    def action_reject(self):
        self.letter_ids._reject(self.comment)
        return {"type": "ir.actions.act_window_close"}
