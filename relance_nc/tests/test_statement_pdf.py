# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user, tagged

from .common_pdf import PdfDownloadCase
from .common_report import TODAY, RelanceReportCommon


@tagged("post_install", "-at_install")
class TestStatementPdf(RelanceReportCommon, PdfDownloadCase):
    """The styled statement, downloaded as a user, carries its text."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        (cls.customer | cls.other_customer).lang = "fr_FR"
        new_test_user(
            cls.env,
            login="statement_user",
            groups="base.group_user,account.group_account_invoice",
            company_id=cls.company.id,
        )

    def test_statement_pdf_has_a_text_layer(self):
        """Two statements in one download: one page each, with the company's
        report font (Lato, a system font) embedded as text, not outlines."""
        self.authenticate("statement_user", "statement_user")
        customers = self.customer | self.other_customer
        pdf = self._download_report(
            "relance_nc.report_statement",
            customers.ids,
            relance_statement_date=TODAY,
        )
        self.assertRealText(pdf, "Lato")
        pages = self._pdf_pages(pdf)
        self.assertEqual(len(pages), 2)
        self.assertIn("Boulangerie du Caillou", pages[0])
        self.assertIn("1 231 083.002", pages[0])
        self.assertIn("158 000 XPF", pages[0])  # French grouping
        self.assertIn("Quincaillerie de Koné", pages[1])
        self.assertIn("12 345 XPF", pages[1])
        self.assertNotIn("Boulangerie du Caillou", pages[1])
