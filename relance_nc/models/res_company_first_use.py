# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern per file (STYLE.md: "a model file is a room"), as
# relance_nc_payment's res_company_payout.py.
# pylint: disable=consider-merging-classes-inherited
from odoo import api, models


class ResCompany(models.Model):
    """What a company has before its first reminder run: the standard policy
    (the demo creditor's run of the day is planned by
    ``_relance_demo_history``, models/res_company_demo_history.py)."""

    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        """A new company starts with the standard reminder policy.

        Whoever may create a company gets its policy, reminder rights or not.
        """
        companies = super().create(vals_list)
        policy_sudo = self.env["relance.policy"].sudo()
        policy_sudo._create_company_defaults(companies)
        return companies
