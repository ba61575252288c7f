# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

REPORT = "relance_nc_insolvency.action_report_declaration"


class RelanceInsolvencyDeclarationWizard(models.TransientModel):
    """Prepare, print and send the declaration of claims of a case."""

    _name = "relance.insolvency.declaration.wizard"
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


class RelanceInsolvencyCase(models.Model):
    _inherit = "relance.insolvency.case"

    declared_by_provider = fields.Boolean(readonly=True, copy=False)

    def _relance_is_provider_side(self):
        """True when the provider declares: a portal client's case, or a
        provider agent working on a client's case."""
        self.ensure_one()
        if self.watch_id.client_id:
            return True
        return bool(self.client_id) and self.env.user.has_group(
            "relance_nc.group_relance_provider_agent"
        )

    def _check_declarable(self, declarant="creditor"):
        """A declaration is filed once; the provider only under mandate."""
        self.ensure_one()
        if self.declaration_state != "to_declare":
            raise UserError(
                self.env._(
                    "The claims of %(case)s are already declared.", case=self.name
                )
            )
        if declarant == "provider" or self.watch_id.client_id:
            client = self.client_id or self.company_id._relance_client()
            if not client:
                raise UserError(
                    self.env._(
                        "%(case)s belongs to no client of the provider: the "
                        "provider cannot declare for it.",
                        case=self.name,
                    )
                )
            client._check_option("insolvency")
            client._check_mandate(represent=False)

    def _record_declaration_usage(self):
        """A declaration filed by the provider is a billable service."""
        product = self.env.ref(
            "relance_nc.product_service_insolvency_declaration",
            raise_if_not_found=False,
        )
        client = self.client_id or self.company_id._relance_client()
        if product and client:
            self.env["relance.usage.line"].sudo()._relance_record(
                client,
                product,
                1.0,
                self,
                f"relance.insolvency.case:{self.id}:declaration",
            )

    def _render_declaration(self):
        """Render the declaration PDF and keep it attached to the case."""
        self.ensure_one()
        pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(REPORT, self.ids)
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._(
                    "Declaration of claims - %(customer)s.pdf", customer=self.name
                ),
                "datas": base64.b64encode(pdf),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        self.declaration_attachment_id = attachment
        return attachment

    def _send_declaration_email(self, attachment):
        admin = self.administrator_partner_id
        if not admin.email:
            raise UserError(
                self.env._(
                    "The administrator %(admin)s has no email address.",
                    admin=admin.display_name,
                )
            )
        self.message_post(
            body=self.env._(
                "Please find attached our declaration of claims against %(debtor)s.",
                debtor=self.procedure_id.debtor_name,
            ),
            subject=self.env._("Declaration of claims - %(debtor)s", debtor=self.name),
            partner_ids=admin.ids,
            attachment_ids=(attachment | self.attachment_ids).ids,
            subtype_xmlid="mail.mt_comment",
        )

    def _send_declaration_letter(self, attachment):
        """Hand the PDF to relance_nc_edition as a registered letter."""
        letter = self.env["relance.letter"].create(
            {
                "company_id": self.company_id.id,
                "partner_id": self.administrator_partner_id.id,
                "kind": "upload",
                "origin": "creditor",
                "mail_type": "registered",
                "subject": attachment.name,
                "upload_file": attachment.datas,
                "upload_filename": attachment.name,
            }
        )
        letter.action_submit()
        self.message_post(
            body=self.env._(
                "Declaration sent by registered letter %(letter)s.", letter=letter.name
            )
        )
        return letter
