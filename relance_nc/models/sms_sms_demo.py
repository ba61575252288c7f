# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from .relance_sms_demo import RelanceSmsDemoApi


class SmsSms(models.Model):
    """The demo SMS gateway (models/relance_sms_demo.py): SMS of companies on
    the ``demo`` provider are accepted without a network call, then reported
    delivered."""

    _inherit = "sms.sms"  # pylint: disable=consider-merging-classes-inherited

    def _split_by_api(self):
        demo = self.filtered(
            lambda sms: sms._get_sms_company().relance_sms_provider == "demo"
        )
        for company, company_sms in demo.grouped(
            lambda sms: sms._get_sms_company()
        ).items():
            sms_api = RelanceSmsDemoApi(self.env)
            sms_api._set_company(company)
            yield sms_api, company_sms
        if self - demo:
            yield from super(SmsSms, self - demo)._split_by_api()

    def _handle_call_result_hook(self, results):
        """The demo gateway reports the accepted SMS delivered when the
        transaction commits, after their reminder is marked done."""
        res = super()._handle_call_result_hook(results)
        demo = self.filtered(
            lambda sms: sms._get_sms_company().relance_sms_provider == "demo"
        )
        if demo:
            self.env.cr.precommit.add(demo._relance_demo_deliver)
        return res

    def _relance_demo_deliver(self):
        """Apply the demo gateway's "delivered" report to the accepted SMS of
        ``self`` (the same path as a real gateway's report)."""
        for sms in self.exists().filtered(
            lambda sms: (
                sms.state == "pending"
                and sms._get_sms_company().relance_sms_provider == "demo"
            )
        ):
            sms._relance_apply_report("delivered")
        return True
