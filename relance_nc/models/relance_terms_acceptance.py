# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .. import const


class RelanceTermsAcceptance(models.Model):
    """Who accepted which version of the content-responsibility terms, when.

    Seed §E3, §F3, §G3: the creditor alone is responsible for the content of
    its reminders and claims only lawful, unambiguous and current invoices.
    Without an acceptance of the current version, reminders are planned but
    not sent.
    """

    _name = "relance.terms.acceptance"
    _description = "Content Responsibility Acceptance"
    _order = "accepted_on desc"

    company_id = fields.Many2one("res.company", required=True, index=True)
    user_id = fields.Many2one("res.users", required=True, readonly=True)
    accepted_on = fields.Datetime(required=True, readonly=True)
    version = fields.Char(required=True, readonly=True)
    text = fields.Text(readonly=True, help="The text as the user read it.")

    @api.model
    def _get_terms_text(self):
        return self.env._(
            "Content of the messages: you alone are entirely responsible for the "
            "content of the messages (emails, SMS, letters, calls) sent for your "
            "reminders; relance.nc and CRDC have no power, right or responsibility "
            "over that content. You undertake to claim only lawful, unambiguous "
            "and current invoices."
        )

    @api.model
    def _accept(self, company):
        """Record that the current user accepts the current terms for ``company``."""
        return self.sudo().create(
            {
                "company_id": company.id,
                "user_id": self.env.user.id,
                "accepted_on": fields.Datetime.now(),
                "version": const.TERMS_VERSION,
                "text": self._get_terms_text(),
            }
        )
