# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
import os
import shutil
import subprocess
import tempfile
from datetime import date

from odoo.tests import new_test_user
from odoo.tools.pdf import PdfFileWriter

from odoo.addons.relance_nc.tests.common import RelanceInvoiceCommon

MM = 72 / 25.4  # PostScript points per millimetre


class EditionCommon(RelanceInvoiceCommon):
    """A New Caledonian creditor in XPF with its RIDET, a French-speaking
    customer with a postal address and an overdue invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # wkhtmltopdf must not fetch the report assets from the test server:
        # in a fresh database they are generated inside the test transaction,
        # and the server would wait on its locks forever (a deadlock).
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:1"
        )
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["relance_nc_edition", "relance_nc"], ["fr_FR"], overwrite=True
        )
        cls.company.write(
            {
                "name": "Quincaillerie du Caillou",
                "street": "12 rue de Sébastopol",
                "zip": "98800",
                "city": "Nouméa",
                "ridet": "1231083002",
                "relance_print_cost_page": 20,
                "relance_envelope_cost": 15,
            }
        )
        cls.customer.write(
            {
                "name": "Boulangerie du Caillou",
                "street": "5 avenue du Maréchal Foch",
                "zip": "98800",
                "city": "Nouméa",
                "lang": "fr_FR",
            }
        )
        cls.invoice = cls._invoice(
            cls.customer, 125000, date(2026, 9, 1), date(2026, 10, 1)
        )
        cls.Letter = cls.env["relance.letter"]
        cls.relance_user = new_test_user(
            cls.env,
            login="edition_user",
            groups="relance_nc.group_relance_user",
            company_id=cls.company.id,
        )
        cls.relance_manager = new_test_user(
            cls.env,
            login="edition_manager",
            groups="relance_nc.group_relance_manager",
            company_id=cls.company.id,
        )

    @classmethod
    def _letter(cls, kind="reminder", **vals):
        lines = cls.invoice.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        return cls.Letter.create(
            {
                "partner_id": cls.customer.id,
                "kind": kind,
                "origin": "engine",
                "date": date(2026, 10, 20),
                "move_line_ids": [(6, 0, lines.ids)],
                "amount_due": 125000,
                **vals,
            }
        )

    def _render(self, letter):
        """Real PDF of the letter (one wkhtmltopdf run)."""
        self.allow_pdf_render()
        letter.with_context(force_report_rendering=True)._render_document()
        data = base64.b64decode(letter.document)
        self.assertTrue(data.startswith(b"%PDF-"), "a real PDF is rendered")
        return data

    @staticmethod
    def _pdftotext(data, *args):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "letter.pdf")
            with open(path, "wb") as file:
                file.write(data)
            result = subprocess.run(
                ["pdftotext", *args, path, "-"],
                capture_output=True,
                check=True,
                timeout=60,
            )
        return result.stdout.decode()

    def _text(self, data):
        """Text of the PDF, whitespace normalised (non-breaking spaces too)."""
        text = self._pdftotext(data)
        return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())

    @staticmethod
    def _blank_pdf(pages):
        writer = PdfFileWriter()
        for __ in range(pages):
            writer.addBlankPage(595, 842)
        with io.BytesIO() as buffer:
            writer.write(buffer)
            return buffer.getvalue()

    @staticmethod
    def _b64(data):
        return base64.b64encode(data)

    @classmethod
    def _has_pdftotext(cls):
        return bool(shutil.which("pdftotext"))
