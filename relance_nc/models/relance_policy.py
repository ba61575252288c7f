# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .. import const


class RelancePolicy(models.Model):
    """A reminder policy: ordered levels, thresholds and pacing for a segment of
    customers. Each company has one default policy; a customer may have its own.
    """

    _name = "relance.policy"
    _description = "Reminder Policy"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    is_default = fields.Boolean(
        string="Default Policy",
        help="Used for the customers of the company that have no policy of their own.",
    )
    level_ids = fields.One2many(
        "relance.level", "policy_id", string="Levels", copy=True
    )
    min_amount = fields.Monetary(
        string="Minimum Overdue Amount",
        help="Nothing is sent to a customer whose overdue balance, net of credit "
        "notes and unreconciled payments, is below this amount.",
    )
    notice_days = fields.Integer(
        string="Days Given by a Formal Notice",
        default=const.DEFAULT_NOTICE_DAYS,
        help="A formal notice asks for payment within this number of days "
        "after it is sent; the deadline is stated in its texts.",
    )
    min_days_between = fields.Integer(
        string="Days Between Contacts",
        default=const.DEFAULT_MIN_DAYS_BETWEEN,
        help="Minimum number of days between two reminders to the same customer.",
    )

    _company_default_uniq = models.UniqueIndex(
        "(company_id) WHERE is_default IS TRUE AND active IS TRUE",
        "A company has only one default reminder policy.",
    )
    _min_days_between_positive = models.Constraint(
        "CHECK (min_days_between >= 0)",
        "The number of days between contacts cannot be negative.",
    )

    @api.model
    def _get_company_default(self, company):
        """Return the default policy of ``company``, creating the standard one."""
        policy = self.search(
            [("company_id", "=", company.id), ("is_default", "=", True)], limit=1
        )
        return policy or self.sudo().create(self._prepare_default_policy_vals(company))

    @api.model
    def _create_company_defaults(self, companies):
        """Create the standard policy of the ``companies`` that have no default.

        Its names are written in every active language, so that a French user
        reviews "Relances standard" before the first run.
        """
        policies = self.browse()
        for company in companies:
            policies |= self._get_company_default(company)
        for lang in self.env["res.lang"].search([("code", "!=", "en_US")]):
            for policy in policies.with_context(lang=lang.code):
                vals = policy._prepare_default_policy_vals(policy.company_id)
                policy.name = vals["name"]
                names = {
                    cmd[2]["sequence"]: cmd[2]["name"] for cmd in vals["level_ids"]
                }
                for level in policy.level_ids:
                    level.name = names.get(level.sequence, level.name)
        return policies

    @api.model
    def _prepare_default_policy_vals(self, company):
        """Standard policy: a courtesy email, two reminders, a call, a formal
        notice by registered letter, then the hand-over to the collection firm."""

        def level(sequence, name, delay, channels, review="auto", fee=0.0):
            return fields.Command.create(
                {
                    "sequence": sequence,
                    "name": name,
                    "delay": delay,
                    "review": review,
                    "fee": fee,
                    **{f"use_{channel}": True for channel in channels},
                }
            )

        return {
            "name": self.env._("Standard reminders"),
            "company_id": company.id,
            "is_default": True,
            "level_ids": [
                level(10, self.env._("Courtesy reminder"), -3, ["email"]),
                level(20, self.env._("First reminder"), 7, ["email", "sms"]),
                level(30, self.env._("Second reminder"), 21, ["email", "sms", "call"]),
                level(
                    40,
                    self.env._("Formal notice"),
                    45,
                    ["registered_letter"],
                    review="manual",
                ),
                level(
                    50,
                    self.env._("Hand-over to collection"),
                    75,
                    ["handover"],
                    review="manual",
                ),
            ],
        }
