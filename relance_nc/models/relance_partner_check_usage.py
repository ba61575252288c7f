# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class RelancePartnerCheck(models.Model):
    """A customer data check of a hosted client is billed per customer."""

    _inherit = "relance.partner.check"

    def _run(self, partners):
        client = self.company_id._relance_client()
        if client:
            client._check_option("data_update")
        res = super()._run(partners)
        if client and self.partner_count:
            self.env["relance.usage.line"].sudo()._relance_record(
                client,
                self.env.ref("relance_nc.product_service_data_check"),
                self.partner_count,
                self,
                f"relance.partner.check:{self.id}",
                date=self.company_id._relance_today(),
            )
        return res
