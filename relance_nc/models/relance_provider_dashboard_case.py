# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.fields import Domain


class RelanceProviderDashboard(models.AbstractModel):
    """The collection cases' queues of the provider's staff."""

    _inherit = "relance.provider.dashboard"

    @api.model
    def _relance_queues(self):
        firm = Domain("provider_company_id", "=", self.env.company.id)
        context = {"search_default_group_creditor": 1}
        return super()._relance_queues() + [
            self._relance_queue(
                "case_eco",
                self.env._("Eco emails to send"),
                "relance.case",
                firm & Domain("kind", "=", "eco") & Domain("state", "=", "submitted"),
                sequence=25,
                context=context,
            ),
            self._relance_queue(
                "case_classic",
                self.env._("Classic collection cases"),
                "relance.case",
                firm & Domain("state", "=", "escalated"),
                sequence=26,
                context=context,
            ),
            self._relance_queue(
                "case_terms",
                self.env._("Cases awaiting a call (terms of sale)"),
                "relance.case",
                firm
                & Domain("apply_terms_of_sale", "=", True)
                & Domain("state", "in", ("submitted", "escalated")),
                sequence=27,
                context=context,
            ),
        ]
