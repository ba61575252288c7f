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
        submitted = Domain("state", "=", "submitted")
        # key, name, domain (besides the firm's cases); sequences from 25
        queues = [
            (
                "case_eco",
                self.env._("Eco emails to send"),
                Domain("kind", "=", "eco") & submitted,
            ),
            (
                "case_classic",
                self.env._("Classic collection cases"),
                Domain("state", "=", "escalated"),
            ),
            (
                "case_terms",
                self.env._("Cases awaiting a call (terms of sale)"),
                Domain("apply_terms_of_sale", "=", True)
                & Domain("state", "in", ("submitted", "escalated")),
            ),
        ]
        return super()._relance_queues() + [
            self._relance_queue(
                key,
                name,
                "relance.case",
                firm & domain,
                sequence=25 + index,
                context={"search_default_group_creditor": 1},
            )
            for index, (key, name, domain) in enumerate(queues)
        ]
