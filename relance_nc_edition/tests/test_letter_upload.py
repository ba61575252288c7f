# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
import zipfile
from unittest.mock import patch

import docx

from odoo.exceptions import UserError
from odoo.tests import tagged

from .. import const
from .common import EditionCommon


@tagged("post_install", "-at_install")
class TestLetterUpload(EditionCommon):
    """Uploads are recognised by their content; Word goes through LibreOffice."""

    def _upload(self, data, filename):
        return self.Letter.create(
            {
                "partner_id": self.customer.id,
                "origin": "creditor",
                "upload_file": self._b64(data),
                "upload_filename": filename,
            }
        )

    def test_pdf_upload_counts_pages(self):
        letter = self._upload(self._blank_pdf(3), "courrier.pdf")
        self.assertRecordValues(
            letter,
            [
                {
                    "kind": "upload",
                    "page_count": 3,
                    "address_page": True,
                    "document_name": "courrier.pdf",
                }
            ],
        )
        letter.action_submit()
        self.assertEqual(letter.state, "validated", "the creditor's own letter")

    def test_docx_upload_is_converted_by_libreoffice(self):
        """Fails (does not skip) when LibreOffice is not installed."""
        document = docx.Document()
        document.add_paragraph("Courrier du créancier : merci de régler 5 000 XPF.")
        buffer = io.BytesIO()
        document.save(buffer)
        letter = self._upload(buffer.getvalue(), "courrier.docx")
        pdf = base64.b64decode(letter.document)
        self.assertTrue(pdf.startswith(b"%PDF-"))
        self.assertEqual(letter.page_count, 1)
        self.assertEqual(letter.document_name, "courrier.pdf")
        self.assertIn("merci de régler 5 000 XPF", self._text(pdf))

    def test_docx_conversion_timeout_is_a_clear_error(self):
        """A conversion that does not finish in time is stopped, group and
        folder included (tests/test_tool_documents.py checks what remains)."""
        document = docx.Document()
        document.add_paragraph("Courrier")
        buffer = io.BytesIO()
        document.save(buffer)
        with (
            patch.object(const, "SOFFICE_TIMEOUT", 0.5),
            self.assertRaisesRegex(UserError, "timed out after 0.5 s"),
        ):
            self._upload(buffer.getvalue(), "courrier.docx")

    def test_not_a_pdf_nor_docx_is_refused(self):
        with self.assertRaisesRegex(UserError, "neither a PDF nor a Word"):
            self._upload(b"Just some text, named like a PDF", "courrier.pdf")

    def test_zip_without_word_document_is_refused(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("content.xml", "<office:document/>")
        with self.assertRaisesRegex(UserError, "neither a PDF nor a Word"):
            self._upload(buffer.getvalue(), "courrier.docx")

    def test_damaged_pdf_is_refused(self):
        with self.assertRaisesRegex(UserError, "damaged or has no page"):
            self._upload(b"%PDF-1.4\nthis is not a PDF body\n%%EOF", "courrier.pdf")

    def test_hostile_pdfs_are_refused_clearly(self):
        """Whatever the PDF parser raises becomes the same clear UserError."""
        hostile = {
            "huge xref": b"%PDF-1.4\nxref\n0 99999999\ntrailer<</Size 5>>\n"
            b"startxref\n9\n%%EOF",
            "negative startxref": b"%PDF-1.4\nstartxref\n-5\n%%EOF",
            "page tree loop": b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\n"
            b"trailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF",
            "deep nesting": b"%PDF-1.4\n1 0 obj"
            + b"[" * 5000
            + b"]" * 5000
            + b"endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF",
        }
        for name, data in hostile.items():
            with (
                self.subTest(name),
                self.assertRaisesRegex(UserError, "damaged or has no page"),
            ):
                self._upload(data, "courrier.pdf")

    def test_damaged_docx_is_refused(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", "not xml at all <<<")
        with self.assertRaises(UserError):
            self._upload(buffer.getvalue(), "courrier.docx")
