# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from odoo.addons.relance_nc.tests.common_demo import installing_demo
from odoo.addons.relance_nc.tests.common_pdf import PdfDownloadCase

from ..tools import s10


@tagged("post_install", "-at_install")
class TestDemoLetters(PdfDownloadCase):
    """The demo creditor's formal notices go through the print workflow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # as at installation: no PDF can be rendered, the letters wait
        with installing_demo(cls.env) as cls.cron:
            cls.env["res.company"]._relance_load_demo()
        cls.company = cls.env.ref("relance_nc.demo_company_creditor")
        letters = cls.env["relance.letter"].search(
            [("company_id", "=", cls.company.id)]
        )
        cls.installed = (set(letters.mapped("state")), cls.cron.active)
        # once Odoo serves, the demo's scheduled action prints them
        cls.cron.method_direct_trigger()

    def test_letters_printed_once_odoo_serves(self):
        """Installed, the letters wait for the demo's scheduled action, which
        prints them and switches itself off."""
        self.assertEqual(self.installed, ({"validated"}, True))
        self.assertFalse(self.cron.active)

    def test_batch_printed_and_posted_with_tracked_registered_letters(self):
        batches = self.env["relance.letter.batch"].search(
            [("letter_ids.company_id", "=", self.company.id)]
        )
        self.assertTrue(batches)
        self.assertEqual(set(batches.mapped("state")), {"posted"})
        self.assertTrue(all(batches.mapped("pdf_file")))
        letters = batches.letter_ids.filtered(
            lambda letter: letter.mail_type == "registered"
        )
        self.assertTrue(letters)
        self.assertTrue(all(s10.is_valid(n) for n in letters.mapped("tracking_number")))
        self.assertTrue(
            {"delivered"} <= set(letters.mapped("state")) <= {"posted", "delivered"}
        )
        delivered = letters.filtered(lambda letter: letter.state == "delivered")
        self.assertTrue(all(delivered.mapped("ar_date")))
        self.assertEqual(
            set(delivered.action_id.mapped("delivery_state")), {"delivered"}
        )
        self.assertEqual(set(letters.action_id.mapped("state")), {"done"})

    def test_replayed_when_installed_after_the_creditor_demo(self):
        """Nothing left to do: the history already made the letters."""
        count = self.env["relance.letter"].search_count([])
        self.env["res.company"]._relance_edition_load_demo()
        self.assertEqual(self.env["relance.letter"].search_count([]), count)
