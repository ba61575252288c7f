# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import shutil
import subprocess
import tempfile

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import InsolvencyCommon


@tagged("post_install", "-at_install")
class TestDeclaration(InsolvencyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(cls.customer, 120_000, "2026-01-05", "2026-01-20")
        cls.admin_partner = cls.env["res.partner"].create(
            {
                "name": "SELARL Mandataire Exemple",
                "email": "mj@mandataire.example.nc",
                "street": "1 rue de Sébastopol",
                "city": "Nouméa",
                "country_id": cls.env.ref("base.nc").id,
            }
        )
        cls.case = cls.Case._match_procedures(
            cls._procedure(administrator_partner_id=cls.admin_partner.id)
        )
        cls.proof = cls.env["ir.attachment"].create(
            {"name": "Bon de livraison 42.pdf", "datas": base64.b64encode(b"%PDF-1.4")}
        )

    def _wizard(self, **vals):
        wizard = Form(
            self.env["relance.insolvency.declaration.wizard"].with_context(
                default_case_id=self.case.id
            )
        )
        for key, value in vals.items():
            setattr(wizard, key, value)
        return wizard.save()

    def test_email_declaration_and_states(self):
        wizard = self._wizard(send_method="email", securities="Réserve de propriété")
        wizard.attachment_ids = self.proof
        wizard.action_send()
        self.assertEqual(self.case.declaration_state, "declared")
        self.assertTrue(self.case.declared_on)
        self.assertEqual(self.case.securities, "Réserve de propriété")
        message = self.case.message_ids[0]
        self.assertIn(self.admin_partner, message.partner_ids)
        self.assertEqual(
            set(message.attachment_ids.mapped("name")),
            {self.case.declaration_attachment_id.name, "Bon de livraison 42.pdf"},
        )
        mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertIn(self.admin_partner, mails.recipient_ids)
        with self.assertRaisesRegex(UserError, "already declared"):
            self._wizard(send_method="email").action_send()
        self.case.action_set_contested()
        self.case.action_set_admitted()
        self.assertEqual(self.case.declaration_state, "admitted")

    def test_states_need_a_declaration_first(self):
        with self.assertRaises(UserError):
            self.case.action_set_admitted()

    def test_administrator_without_email_is_refused(self):
        self.admin_partner.email = False
        with self.assertRaisesRegex(UserError, "has no email address"):
            self._wizard(send_method="email").action_send()
        self.assertEqual(self.case.declaration_state, "to_declare")

    def test_registered_letter_through_edition(self):
        wizard = self._wizard()
        if not wizard._letters_available():
            self.skipTest("relance_nc_edition is not installed")
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not available")
        self.assertEqual(wizard.send_method, "letter")
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:1"
        )
        with self.allow_pdf_render():
            wizard.with_context(force_report_rendering=True).action_send()
        letter = self.env["relance.letter"].search(
            [("partner_id", "=", self.admin_partner.id)]
        )
        self.assertRecordValues(letter, [{"mail_type": "registered", "kind": "upload"}])
        self.assertEqual(self.case.declaration_state, "declared")

    def test_declaration_pdf_text(self):
        report_model = self.env["ir.actions.report"]
        if report_model.get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not available")
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not available")
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:1"
        )
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["relance_nc_insolvency"], ["fr_FR"], overwrite=True
        )
        self.company.partner_id.lang = "fr_FR"
        self.case.attachment_ids = self.proof
        html = report_model._render_qweb_html(
            "relance_nc_insolvency.action_report_declaration", self.case.ids
        )[0].decode()
        self.assertIn("o_rnc_decl h2", html)  # styled
        with self.allow_pdf_render():
            pdf, _type = report_model.with_context(
                force_report_rendering=True
            )._render_qweb_pdf(
                "relance_nc_insolvency.action_report_declaration", self.case.ids
            )
        text = self._pdf_text(pdf)
        for expected in (
            "Déclaration de créances",
            "SARL Boulangerie du Caillou",
            "Tribunal mixte de commerce de Nouméa",
            "JONC n° 10512",
            "délibération n° 352 du 18 janvier 2008",
            "120 000",
            self.invoice.name,
            "Bordereau des pièces jointes",
            "Bon de livraison 42.pdf",
            "sincère",
        ):
            self.assertIn(expected, text)

    def _pdf_text(self, pdf):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            return subprocess.run(
                ["pdftotext", "-layout", file.name, "-"],
                capture_output=True,
                check=True,
                text=True,
            ).stdout
