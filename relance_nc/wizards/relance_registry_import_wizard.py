# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.relance_registry_import import FORMATS


class RelanceRegistryImportWizard(models.TransientModel):
    _name = "relance.registry.import.wizard"
    _inherit = ["relance.wizard.mixin"]
    _description = "Import a Registry Extract"

    origin = fields.Selection(
        [("url", "Download from the public register"), ("file", "Upload a file")],
        required=True,
        default="url",
    )
    file_format = fields.Selection(FORMATS, string="Register", default="ridet_company")
    url = fields.Char(string="URL", compute="_compute_url", store=True, readonly=False)
    file = fields.Binary()
    file_name = fields.Char()
    complete = fields.Boolean(
        string="Complete Extract",
        default=True,
        help="Untick for a partial file: otherwise the units it does not list are "
        "flagged as ceased.",
    )
    confirm_ceased = fields.Boolean(
        string="Confirm Mass Cessation",
        help="A complete extract that would flag more than a fifth of the "
        "register as ceased is refused unless this is ticked.",
    )

    @api.depends("file_format")
    def _compute_url(self):
        imports = self.env["relance.registry.import"]
        for wizard in self:
            wizard.url = (
                imports._get_registry_url(wizard.file_format)
                if wizard.file_format
                else False
            )

    def action_import(self):
        self.ensure_one()
        imports = self.env["relance.registry.import"]
        if self.origin == "url":
            if not self.url:
                raise UserError(self.env._("Please give the URL of the extract."))
            record = imports._import_url(
                self.url, complete=self.complete, confirm_ceased=self.confirm_ceased
            )
        else:
            if not self.file:
                raise UserError(self.env._("Please choose a file to import."))
            record = imports.with_context(
                relance_registry_confirm_ceased=self.confirm_ceased
            )._import_file(
                base64.b64decode(self.file), self.file_name, complete=self.complete
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "relance.registry.import",
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }
