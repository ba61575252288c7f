# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io

from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from .common import EditionCommon


@tagged("post_install", "-at_install")
class TestLetterBatch(EditionCommon):
    def test_batch_merged_pdf_counts_and_postage(self):
        """Duplex batch: every letter starts on a new sheet."""
        self.allow_pdf_render()
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
        batch.with_context(force_report_rendering=True).action_generate()
        self.assertEqual((reminder | notice).mapped("page_count"), [1, 1])
        # reminder 1+1 blank, notice 1+1 blank, upload: address 1+1 blank, 3+1 blank
        pdf = base64.b64decode(batch.pdf_file)
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
        self.allow_pdf_render()
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
