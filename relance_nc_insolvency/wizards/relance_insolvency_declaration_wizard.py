# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

REPORT = "relance_nc_insolvency.action_report_declaration"


class RelanceInsolvencyDeclarationWizard(models.TransientModel):
    """Prepare, print and send the declaration of claims of a case."""

    _name = "relance.insolvency.declaration.wizard"
    _inherit = ["relance.wizard.mixin"]
    _description = "Declaration of Claims"

    case_id = fields.Many2one("relance.insolvency.case", required=True)
    company_id = fields.Many2one(related="case_id.company_id")
    currency_id = fields.Many2one(related="case_id.currency_id")
    administrator_partner_id = fields.Many2one(
        "res.partner", string="Administrator", required=True
    )
    securities = fields.Text(string="Securities and Privileges")
    interest_rule = fields.Text(string="Interest")
    attachment_ids = fields.Many2many("ir.attachment", string="Supporting Documents")
    amount_due = fields.Monetary(related="case_id.amount_due")
    amount_not_yet_due = fields.Monetary(related="case_id.amount_not_yet_due")
    send_method = fields.Selection(
        [("letter", "Registered letter"), ("email", "Email")],
        required=True,
        default=lambda self: "letter" if self._letters_available() else "email",
    )
    letters_available = fields.Boolean(default=lambda self: self._letters_available())
    declarant = fields.Selection(
        [
            ("creditor", "The creditor"),
            ("provider", "The provider, under the client's mandate"),
        ],
        required=True,
        default="creditor",
        help="A provider declares for a client only under the client's recorded "
        "claim-declaration mandate.",
    )

    @api.model
    def _letters_available(self):
        """relance_nc_edition prints and posts registered letters, when installed."""
        return "relance.letter" in self.env and bool(
            self.env["ir.module.module"]
            .sudo()
            .search_count(
                [("name", "=", "relance_nc_edition"), ("state", "=", "installed")]
            )
        )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        case = self.env["relance.insolvency.case"].browse(values.get("case_id"))
        if case:
            values.update(
                declarant="provider"
                if case._relance_is_provider_side()
                else "creditor",
                administrator_partner_id=case.administrator_partner_id.id,
                securities=case.securities,
                interest_rule=case.interest_rule,
                attachment_ids=[fields.Command.set(case.attachment_ids.ids)],
            )
        return values

    def _save(self):
        self.ensure_one()
        case = self.case_id
        if case.state != "active":
            raise UserError(
                self.env._(
                    "Claims are declared only for a customer under procedure "
                    "(%(case)s).",
                    case=case.display_name,
                )
            )
        case.write(
            {
                "administrator_partner_id": self.administrator_partner_id.id,
                "securities": self.securities,
                "interest_rule": self.interest_rule,
                "attachment_ids": [fields.Command.set(self.attachment_ids.ids)],
            }
        )
        return case

    def action_print(self):
        """Save the declaration's contents and show its PDF."""
        case = self._save()
        return self.env.ref(REPORT).report_action(case)

    def action_send(self):
        """Send the declaration to the administrator; the case is declared."""
        case = self._save()
        case._check_declarable(self.declarant)
        pdf = case._render_declaration()
        if self.send_method == "letter":
            if not self._letters_available():
                raise UserError(
                    self.env._("Registered letters need the add-on relance_nc_edition.")
                )
            case._send_declaration_letter(pdf)
        else:
            case._send_declaration_email(pdf)
        case.write(
            {
                "declaration_state": "declared",
                "declared_on": fields.Date.context_today(self),
                "declared_by_provider": self.declarant == "provider",
            }
        )
        if self.declarant == "provider":
            case._record_declaration_usage()
        return {"type": "ir.actions.act_window_close"}
