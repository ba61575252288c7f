# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    relance_is_provider = fields.Boolean(
        string="relance.nc Provider",
        help="This company sells relance.nc services to client creditors "
        "(CRDC Nouméa, CRDC Tahiti).",
    )
    relance_client_ids = fields.One2many(
        "relance.client", "company_id", string="relance.nc Clients"
    )

    def _relance_client(self):
        """The ``relance.client`` (sudo, maybe empty) of this hosted creditor
        company: the active client record of a provider."""
        self.ensure_one()
        return (
            self.env["relance.client"]
            .sudo()
            .search(
                [("hosted_company_id", "=", self.id), ("state", "!=", "closed")],
                order="state, id",
                limit=1,
            )
        )
