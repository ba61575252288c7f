# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.fields import Domain

from .. import const


class RelanceProviderDashboard(models.AbstractModel):
    """Letter queues of the provider: to print per mail type, to validate."""

    _inherit = "relance.provider.dashboard"

    @api.model
    def _relance_queues(self):
        queues = super()._relance_queues()
        companies = self._relance_hosted_companies()
        clients = Domain("client_id", "!=", False) & (
            Domain("company_id", "in", companies.ids)
            | Domain("client_id.company_id", "in", self.env.companies.ids)
        )
        to_print = clients & Domain("state", "=", "validated")
        labels = dict(const.MAIL_TYPES)
        for index, (mail_type, __) in enumerate(const.MAIL_TYPES):
            queues.append(
                self._relance_queue(
                    f"letters_to_print_{mail_type}",
                    self.env._("Letters to print: %(type)s", type=labels[mail_type]),
                    "relance.letter",
                    to_print & Domain("mail_type", "=", mail_type),
                    sequence=10 + index,
                )
            )
        queues.append(
            self._relance_queue(
                "letters_to_validate",
                self.env._("Letters awaiting the client's validation"),
                "relance.letter",
                clients & Domain("state", "=", "to_validate"),
                sequence=30,
            )
        )
        return queues
