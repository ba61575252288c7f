# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from odoo.addons.base.models import ir_actions_report

from .common import EditionCommon


@tagged("post_install", "-at_install")
class TestLetterBatch(EditionCommon):
    def test_batch_merged_pdf_counts_and_postage(self):
        """Duplex batch: every letter starts on a new sheet."""
        reminder = self._letter("reminder", state="validated")
        notice = self._letter(
            "formal_notice", mail_type="registered", state="validated"
        )
        upload = self.Letter.create(
            {
                "partner_id": self.customer.id,
                "origin": "creditor",
                "upload_file": self._b64(self._blank_pdf(3)),
                "upload_filename": "courrier.pdf",
            }
        )
        upload.action_submit()
        letters = reminder | notice | upload
        action = letters.action_create_batch()
        batch = self.env["relance.letter.batch"].browse(action["res_id"])
        batch.duplex = True
        pdf = self._generate(batch)
        self.assertEqual((reminder | notice).mapped("page_count"), [1, 1])
        # reminder 1+1 blank, notice 1+1 blank, upload: address 1+1 blank, 3+1 blank
        pages = PdfFileReader(io.BytesIO(pdf), strict=False).getNumPages()
        self.assertEqual(pages, 10)
        self.assertEqual(batch.page_count, 10)
        # weights: 1 sheet + envelope = 10 g; + AR card = 13 g; 3 sheets = 20 g
        self.assertEqual(letters.mapped("weight"), [10, 13, 20])
        self.assertEqual(letters.mapped("postage_cost"), [110, 700, 110])
        self.assertRecordValues(
            batch,
            [
                {
                    "state": "ready",
                    "letter_count": 3,
                    "envelope_count": 3,
                    "sheet_count": 5,
                    "weight_total": 43,
                    "postage_total": 920,
                    # printing 20 XPF a page (1, 1, 1 + 3), enveloping 15 a letter
                    "cost_total": 920 + 20 * 6 + 15 * 3,
                }
            ],
        )
        text = self._text(pdf)
        self.assertIn("Document joint : courrier.pdf (3 page(s)).", text)
        batch.action_mark_printed()
        self.assertEqual(set(letters.mapped("state")), {"printed"})
        notice.tracking_number = "RR123456785NC"
        batch.action_mark_posted()
        self.assertEqual(batch.state, "posted")
        self.assertEqual(set(letters.mapped("state")), {"posted"})

    def test_simplex_adds_no_blank_back(self):
        upload = self.Letter.create(
            {
                "partner_id": self.customer.id,
                "origin": "creditor",
                "upload_file": self._b64(self._blank_pdf(3)),
                "upload_filename": "courrier.pdf",
                "address_page": False,
            }
        )
        upload.address_page = False
        upload.action_submit()
        batch = self.env["relance.letter.batch"].create(
            {"letter_ids": [(6, 0, upload.ids)], "duplex": False}
        )
        batch.action_generate()
        self.assertRecordValues(batch, [{"page_count": 3, "sheet_count": 3}])

    def test_letters_printed_together_keep_their_pages_and_window(self):
        """Letters are rendered by one wkhtmltopdf run and cut apart: in the
        duplex batch each letter keeps its pages together, starts on a new
        sheet with its own address in the window, and its stored document is
        its own; the page marks do not stay in the PDFs."""
        customers = self.customer
        for name in ("Pharmacie de Koutio", "Garage de Ducos"):
            customers |= self.customer.copy({"name": name})
        long_body = "".join(
            f"<p>Paragraphe {index} : conditions de règlement.</p>"
            for index in range(1, 31)
        )
        reminder = self._letter("reminder", state="validated")
        free = self._letter(
            "free",
            partner_id=customers[1].id,
            origin="provider",
            subject="Nouvelles conditions",
            body=long_body,
            state="validated",
        )
        notice = self._letter(
            "formal_notice",
            partner_id=customers[2].id,
            mail_type="registered",
            state="validated",
        )
        letters = reminder | free | notice
        batch = self.env["relance.letter.batch"].create(
            {"letter_ids": [(6, 0, letters.ids)], "duplex": True}
        )
        runs = []
        run_wkhtmltopdf = ir_actions_report._run_wkhtmltopdf

        def counting_run(args):
            runs.append(args)
            return run_wkhtmltopdf(args)

        with patch.object(ir_actions_report, "_run_wkhtmltopdf", counting_run):
            pdf = self._generate(batch)
        self.assertEqual(len(runs), 1, "the three letters in one wkhtmltopdf run")
        self.assertEqual(letters.mapped("page_count"), [1, 2, 1])
        self.assertRealText(pdf, "LiberationSans")
        pages = self._pdf_pages(pdf)
        # reminder + blank back, free letter (2 pages), notice + blank back
        self.assertEqual(len(pages), 6)
        self.assertEqual([bool(page) for page in pages], [1, 0, 1, 1, 1, 0])
        self.assertIn("Boulangerie du Caillou", pages[0])
        self.assertIn("Relance : factures impayées", pages[0])
        self.assertIn("Pharmacie de Koutio", pages[2])
        self.assertIn("Paragraphe 1 :", pages[2])
        self.assertIn("Paragraphe 30 :", pages[3])
        self.assertNotIn("Pharmacie de Koutio", pages[3])
        self.assertIn("Garage de Ducos", pages[4])
        self.assertIn("Mise en demeure de payer", pages[4])
        self._assert_address_in_window(pdf, 5, "Garage")
        self._assert_address_in_window(pdf, 3, "Pharmacie")
        for letter, recipient in zip(letters, customers.mapped("name"), strict=True):
            document = base64.b64decode(letter.document)
            self.assertLessEqual(self._pdf_fonts(document), self._pdf_fonts(pdf))
            text = self._text(document)
            self.assertIn(recipient, text)
            for other in set(customers.mapped("name")) - {recipient}:
                self.assertNotIn(other, text)
        for data in [pdf, *(base64.b64decode(d) for d in letters.mapped("document"))]:
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            for index in range(reader.getNumPages()):
                self.assertFalse(reader.getPage(index).get("/Annots"), "no page mark")
