# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RelanceCaseJurisdiction(models.Model):
    """Legal mentions of the Eco email, per jurisdiction (data, not code).

    The structure follows the French rule for letters of amicable collectors
    (CPCE R124-4) as best practice: firm identity and activity, creditor
    identity, itemised amount, demand to pay with the payment means, a
    reference and date to recall. French articles are not quoted where they
    do not apply (New Caledonia, French Polynesia): see ``readme/USAGE.md``.
    """

    _name = "relance.case.jurisdiction"
    _description = "Collection Case Jurisdiction"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    country_id = fields.Many2one("res.country", required=True)
    lang = fields.Char(default="fr_FR", help="Language of the debtor's email.")
    firm_statement = fields.Text(
        required=True,
        help="States that the firm collects debts amicably on behalf of others.",
    )
    costs_statement = fields.Text(
        required=True, help="Who bears the costs of the amicable collection."
    )
    legal_mentions = fields.Html(sanitize=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "The code must be unique.")
