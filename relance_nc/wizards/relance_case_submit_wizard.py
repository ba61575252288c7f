# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class RelanceCaseSubmitWizard(models.TransientModel):
    """Show the Eco conditions, record their acceptance, submit the case."""

    _name = "relance.case.submit.wizard"
    _inherit = ["relance.wizard.mixin"]
    _description = "Submit a Collection Case"

    case_id = fields.Many2one("relance.case", required=True, ondelete="cascade")
    conditions_text = fields.Text(
        readonly=True, default=lambda self: self._default_conditions_text()
    )
    accept = fields.Boolean(string="I accept these conditions")

    @api.model
    def _default_conditions_text(self):
        return self.env["relance.case"]._get_conditions_text()

    def action_confirm(self):
        self.ensure_one()
        if not self.accept:
            raise UserError(self.env._("Accept the conditions to submit the case."))
        self.case_id._accept_conditions()
        self.case_id.action_submit()
        return {"type": "ir.actions.act_window_close"}
