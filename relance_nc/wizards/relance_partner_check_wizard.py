# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class RelancePartnerCheckWizard(models.TransientModel):
    _name = "relance.partner.check.wizard"
    _inherit = ["relance.wizard.mixin"]
    _description = "Check Customers Against the Registers"

    scope = fields.Selection(
        [("selected", "Selected customers"), ("all", "All customers")],
        required=True,
        default=lambda self: (
            "selected"
            if self.env.context.get("active_model") == "res.partner"
            and self.env.context.get("active_ids")
            else "all"
        ),
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        compute="_compute_partner_ids",
        store=True,
        readonly=False,
    )
    partner_count = fields.Integer(compute="_compute_partner_count")

    @api.depends("scope")
    def _compute_partner_ids(self):
        context = self.env.context
        for wizard in self:
            if (
                wizard.scope == "selected"
                and context.get("active_model") == "res.partner"
            ):
                wizard.partner_ids = self.env["res.partner"].browse(
                    context.get("active_ids", [])
                )
            else:
                wizard.partner_ids = False

    @api.depends("scope", "partner_ids")
    def _compute_partner_count(self):
        check_model = self.env["relance.partner.check"]
        for wizard in self:
            wizard.partner_count = (
                len(wizard.partner_ids.commercial_partner_id)
                if wizard.scope == "selected"
                else self.env["res.partner"].search_count(
                    check_model._get_customer_domain()
                )
            )

    def action_check(self):
        self.ensure_one()
        partners = self._get_partners()
        if not partners:
            raise UserError(self.env._("There is no customer to check."))
        check = self.env["relance.partner.check"].create({})
        check._run(partners)
        return check.action_open_updates()

    def _get_partners(self):
        if self.scope == "selected":
            return self.partner_ids.commercial_partner_id
        return self.env["res.partner"].search(
            self.env["relance.partner.check"]._get_customer_domain()
        )
