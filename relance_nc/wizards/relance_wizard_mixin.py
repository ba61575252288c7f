# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class RelanceWizardMixin(models.AbstractModel):
    """A transient screen titled by what it does: without a name field, Odoo
    would title its dialog and breadcrumb ``<model>,NewId_…``; the title is
    the description of the screen's model, in the user's language."""

    _name = "relance.wizard.mixin"
    _description = "relance.nc Screen"

    @api.depends_context("lang")
    def _compute_display_name(self):
        self.display_name = self.env["ir.model"]._get(self._name).name
