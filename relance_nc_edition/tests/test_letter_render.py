# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import EditionCommon


@tagged("post_install", "-at_install")
class TestLetterRender(EditionCommon):
    """Each letter kind rendered to a real PDF and read back with pdftotext."""

    def _assert_common(self, text):
        self.assertIn("Quincaillerie du Caillou", text)
        self.assertIn("RIDET : 1 231 083.002", text)
        self.assertIn("Boulangerie du Caillou", text)
        self.assertIn("5 avenue du Maréchal Foch", text)
        self.assertIn("98800 Nouméa", text)

    def test_reminder_letter(self):
        letter = self._letter("reminder")
        pdf = self._render(letter)
        self.assertEqual(len(self._pdf_pages(pdf)), 1)
        text = self._text(pdf)
        self._assert_common(text)
        self.assertIn("Relance : factures impayées", text)
        self.assertIn("Madame, Monsieur,", text)
        self.assertIn(self.invoice.name, text)
        self.assertRegex(text, r"125 000 XPF|XPF 125 000")
        self.assertIn("Veuillez agréer", text)

    def test_account_statement(self):
        values = self.Letter._prepare_statement_vals(self.customer, self.company)
        letter = self.Letter.create(dict(values, date=date(2026, 10, 20)))
        text = self._text(self._render(letter))
        self._assert_common(text)
        self.assertIn("Relevé de compte au 20/10/2026", text)
        self.assertIn("Total dû", text)
        self.assertIn("dont échu (*)", text)
        self.assertRegex(text, r"125 000 XPF|XPF 125 000")

    def test_formal_notice_without_penalties(self):
        self.company.write({"relance_penalty_claim": True, "relance_penalty_rate": 12})
        vals = self.Letter._prepare_penalty_vals(
            self.company, self.invoice.line_ids, date(2026, 10, 20)
        )
        self.assertEqual(vals["penalty_amount"], 0, "rate not stated on invoices")
        letter = self._letter(
            "formal_notice", mail_type="registered", tracking_number="RR123456785NC"
        )
        text = self._text(self._render(letter))
        self._assert_common(text)
        self.assertIn("Mise en demeure de payer", text)
        self.assertIn(
            "Lettre recommandée avec accusé de réception n° RR123456785NC", text
        )
        self.assertIn("dans un délai de 8 jours à compter de la réception", text)
        self.assertIn("28/10/2026", text)
        self.assertIn("restent à la charge du créancier", text)
        self.assertNotIn("pénalités", text.lower())
        self.assertNotIn("indemnité", text.lower())

    def test_formal_notice_with_stated_penalties(self):
        self.company.write(
            {
                "relance_penalty_claim": True,
                "relance_penalty_rate": 12,
                "relance_penalty_stated": True,
            }
        )
        receivable = self.invoice.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        vals = self.Letter._prepare_penalty_vals(
            self.company, receivable, date(2026, 10, 20)
        )
        # 125 000 x 12 % x 19 days / 365 = 780.8 -> 781 XPF
        self.assertEqual(vals, {"penalty_rate": 12, "penalty_amount": 781})
        letter = self._letter("formal_notice", mail_type="registered", **vals)
        text = self._text(self._render(letter))
        self.assertIn("Pénalités de retard au taux de 12 % l'an", text)
        self.assertRegex(text, r"781 XPF|XPF 781")
        self.assertRegex(text, r"125 781 XPF|XPF 125 781")

    def test_free_letter(self):
        letter = self._letter(
            "free",
            origin="provider",
            subject="Nouveaux horaires",
            body="<p>Nos bureaux ouvrent désormais à 7 h 30.</p>",
        )
        text = self._text(self._render(letter))
        self._assert_common(text)
        self.assertIn("Nouveaux horaires", text)
        self.assertIn("Nos bureaux ouvrent désormais à 7 h 30.", text)

    def test_address_sits_in_the_envelope_window(self):
        """The address starts at the recommended position and every line
        prints inside the DL envelope's window."""
        letter = self._letter("reminder")
        self._assert_address_in_window(self._render(letter), 1, "Boulangerie")

    def test_letters_have_a_text_layer(self):
        """The styled letter embeds its fonts as text (system fonts), not as
        outlines: the PDF can be searched, copied and read aloud."""
        pdf = self._render(self._letter("reminder"))
        self.assertRealText(pdf, "LiberationSans")
