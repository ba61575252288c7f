# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.fields import Domain


class RelanceProviderDashboard(models.AbstractModel):
    _inherit = "relance.provider.dashboard"

    @api.model
    def _relance_queues(self):
        """Add the insolvency alerts: matches to review and claims to declare."""
        queues = super()._relance_queues()
        companies = self._relance_hosted_companies() | self.env.company
        queues.append(
            self._relance_queue(
                "insolvency",
                self.env._("Insolvency alerts"),
                "relance.insolvency.case",
                Domain("company_id", "in", companies.ids)
                & (
                    Domain("state", "=", "proposed")
                    | (
                        Domain("state", "=", "active")
                        & Domain("declaration_state", "=", "to_declare")
                    )
                ),
                sequence=30,
            )
        )
        return queues
