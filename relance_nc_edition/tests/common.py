# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
import re
from datetime import date

from odoo.tests import new_test_user
from odoo.tools.pdf import PdfFileWriter

from odoo.addons.relance_nc.tests.common import RelanceInvoiceCommon
from odoo.addons.relance_nc.tests.common_pdf import PdfDownloadCase
from odoo.addons.relance_nc_edition import const

MM = 72 / 25.4  # PostScript points per millimetre


class EditionCommon(RelanceInvoiceCommon, PdfDownloadCase):
    """A New Caledonian creditor in XPF with its RIDET, a French-speaking
    customer with a postal address and an overdue invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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

    def _render(self, letter, login="edition_user"):
        """The letter's PDF as its user prints it from the running server."""
        self.authenticate(login, login)
        return self._download_report("relance_nc_edition.report_letter", letter.ids)

    def _generate(self, batch):
        """Generate the batch's PDF as the user does; its bytes as downloaded."""
        batch.with_context(force_report_rendering=True).action_generate()
        self.authenticate("edition_user", "edition_user")
        return self._download_pdf(f"/web/content/{batch._name}/{batch.id}/pdf_file")

    def _assert_address_in_window(self, pdf, page, first_word):
        """On ``page`` of ``pdf``, the address starts at the recommended
        position (const.WINDOW_*, within 3 mm: wkhtmltopdf's smart shrinking
        varies with the report stylesheet) and every line of the customer's
        address prints inside the DL envelope's window."""
        bbox = self._pdftotext(pdf, "-bbox", "-f", str(page), "-l", str(page))
        words = {
            text: [float(v) / MM for v in box]
            for *box, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                r'yMax="([\d.]+)">([^<]*)</word>',
                bbox,
            )
        }
        first = words[first_word]
        self.assertAlmostEqual(first[0], const.WINDOW_LEFT_MM, delta=3)
        self.assertAlmostEqual(first[1], const.WINDOW_TOP_MM, delta=3)
        x_from, x_to, y_from, y_to = const.ENVELOPE_WINDOW_ON_SHEET_MM
        for word in (first_word, "avenue", "Maréchal", "Foch"):
            x_min, y_min, x_max, y_max = words[word]
            self.assertTrue(
                x_from <= x_min and x_max <= x_to and y_from <= y_min and y_max <= y_to,
                f"{word} at {words[word]} is outside the window",
            )

    def _pdftotext(self, data, *args):
        return self._poppler("pdftotext", data, *args)

    def _text(self, data):
        """Text of the PDF, whitespace normalised (non-breaking spaces too)."""
        return " ".join(self._pdf_pages(data))

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
