# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _relance_client(self, provider_company=None):
        """The ``relance.client`` (sudo, maybe empty) of this creditor at
        ``provider_company`` (any provider when None)."""
        self.ensure_one()
        domain = [("partner_id", "=", self.commercial_partner_id.id)]
        if provider_company:
            domain.append(("company_id", "=", provider_company.id))
        return self.env["relance.client"].sudo().search(domain, limit=1)
