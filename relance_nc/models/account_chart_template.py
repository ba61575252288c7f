# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _load(self, template_code, company, install_demo, force_create=True):
        """A provider flagged before its chart gets its TGC once the chart
        is there."""
        res = super()._load(template_code, company, install_demo, force_create)
        company = company or self.env.company
        company._relance_setup_tgc()
        return res
