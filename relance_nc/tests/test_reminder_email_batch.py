# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import freeze_time, tagged
from odoo.tools import format_amount, format_date

from odoo.addons.relance_nc import const

from .common import RelanceInvoiceCommon

AMOUNTS = [0.0, 1.0, -1.0, 0.5, -0.5, 2.675, 12.345, 999.995, 93000.0, -1234.5]
AMOUNTS += [1234567.891, 1e9, 123456789.125]


@tagged("post_install", "-at_install")
class TestReminderEmailBatch(RelanceInvoiceCommon):
    """What a batch of reminder emails shares: amounts and dates written once
    in each language, the invoice tables of the batch written together."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.overdue = cls._invoice(
            cls.customer, 125000, date(2026, 9, 1), date(2026, 10, 1)
        )
        cls.coming = cls._invoice(
            cls.customer, 48500, date(2026, 10, 1), date(2026, 10, 10)
        )

    def _currencies(self):
        currencies = self.env["res.currency"].with_context(active_test=False)
        return currencies.search([("name", "in", ["XPF", "EUR", "USD", "JPY"])])

    def test_amounts_are_written_as_format_amount(self):
        """Language by language, currency by currency (symbol before or
        after, 0 to 2 decimals), the same text as odoo.tools.format_amount."""
        self.assertEqual(len(self._currencies()), 4)
        for lang in ("en_US", "fr_FR"):
            env = self.env(context={"lang": lang})
            actions = env["relance.action"]
            for currency in self._currencies().with_env(env):
                write = actions._get_amount_formatter(currency)
                for amount in AMOUNTS:
                    with self.subTest(lang=lang, currency=currency.name, amount=amount):
                        self.assertEqual(
                            write(amount), format_amount(env, amount, currency)
                        )

    def test_templates_write_amounts_as_mail_does(self):
        """In a batch of emails, the templates' format_amount is ours: the
        same text as mail's, in the template's language."""
        currency = self.env.ref("base.XPF")
        template = self.env.ref("relance_nc.mail_template_relance_reminder")
        for lang in ("en_US", "fr_FR"):
            template = template.with_context(lang=lang)
            expected = template._render_eval_context()["format_amount"]
            self.env.cr.cache[const.FORMAT_MEMO_KEY] = {}
            try:
                batched = template._render_eval_context()["format_amount"]
                self.assertNotEqual(batched, expected)
                for amount in AMOUNTS:
                    self.assertEqual(
                        batched(amount, currency), expected(amount, currency)
                    )
            finally:
                self.env.cr.cache.pop(const.FORMAT_MEMO_KEY)

    def test_dates_are_written_as_format_date(self):
        for lang in ("en_US", "fr_FR"):
            env = self.env(context={"lang": lang})
            write = env["relance.action"]._get_date_formatter()
            for day in (date(2026, 1, 2), date(2026, 12, 31), date(2027, 7, 14)):
                self.assertEqual(write(day), format_date(env, day))
                self.assertEqual(write(day), format_date(env, day))  # remembered

    @freeze_time("2026-10-08 01:00")  # 12:00 in Nouméa
    def test_invoice_table_in_french(self):
        """The overdue invoices, then those coming due after a courtesy
        sentence, each value escaped; a batch writes the same table."""
        self.overdue.name = "F<2026>/001"
        action = self._plan(date(2026, 10, 8)).filtered(lambda a: a.channel == "email")
        action.invalidate_recordset()
        french = action.with_context(lang="fr_FR")
        html = french._get_due_lines_html()
        self.assertEqual(html.count("<table"), 2)
        self.assertIn("F&lt;2026&gt;/001", html)
        self.assertNotIn("F<2026>", html)
        sentence = html.index("Pour information, ces factures arriveront bientôt")
        self.assertLess(html.index("F&lt;2026&gt;/001"), sentence)
        self.assertLess(sentence, html.index(self.coming.name))
        for text in ("Facture", "Échéance", "Montant dû", "01/10/2026", "10/10/2026"):
            self.assertIn(text, html)
        self.assertIn(format_amount(french.env, 125000, action.currency_id), html)
        self.env.cr.cache[const.FORMAT_MEMO_KEY] = {"lines": action._read_due_lines()}
        try:
            self.assertEqual(french._get_due_lines_html(), html)
        finally:
            self.env.cr.cache.pop(const.FORMAT_MEMO_KEY)
