# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.relance_nc.tools import sms as sms_tools

from .common import RelancePaymentCommon


@tagged("post_install", "-at_install")
class TestPaymentLinks(RelancePaymentCommon):
    def _action(self, channel, moves):
        lines = moves.line_ids.filtered(
            lambda line: line.display_type == "payment_term"
        )
        return self.Action.create(
            {
                "company_id": self.company.id,
                "partner_id": self.customer.id,
                "level_id": self.levels[0].id,
                "channel": channel,
                "move_ids": [fields.Command.set(moves.ids)],
                "move_line_ids": [fields.Command.set(lines.ids)],
                "amount_overdue": sum(moves.mapped("amount_residual")),
            }
        )

    def test_no_link_by_default(self):
        self.assertFalse(self._action("email", self.invoice)._get_payment_link())

    def test_own_shop_link(self):
        self.company.write(
            {
                "relance_pay_link_target": "own",
                "relance_pay_url_pattern": "https://shop.example.nc/pay?"
                "ref={reference}&amt={amount}&c={currency}&p={partner}",
            }
        )
        self.customer.ref = "CLI 42"
        link = self._action("email", self.invoice)._get_payment_link()
        self.assertEqual(
            link,
            "https://shop.example.nc/pay?ref=%s&amt=1235&c=XPF&p=CLI%%2042"
            % self.invoice.name.replace("/", "%2F"),
        )

    def test_own_shop_short_link_in_sms(self):
        self.company.write(
            {
                "relance_pay_link_target": "own",
                "relance_pay_url_pattern": "https://shop.example.nc/pay?ref={reference}",
            }
        )
        action = self._action("sms", self.invoice)
        link = action._get_payment_link()
        path = urlsplit(link).path
        self.assertRegex(path, r"^/r/[A-Za-z0-9]{10}$")
        response = self.url_open(path, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(
            response.headers["Location"],
            "https://shop.example.nc/pay?ref=%s"
            % self.invoice.name.replace("/", "%2F"),
        )

    def test_own_shop_pattern_validated(self):
        for pattern in (
            "https://shop.example.nc/pay?ref={ref}",
            "https://shop.example.nc/pay?ref={reference",
            "https://shop.example.nc/pay?ref={amount:>10}",
            "ftp://shop.example.nc/{reference}",
        ):
            with self.subTest(pattern=pattern), self.assertRaises(ValidationError):
                self.company.write(
                    {
                        "relance_pay_link_target": "own",
                        "relance_pay_url_pattern": pattern,
                    }
                )
        with self.assertRaises(ValidationError):
            self.company.write(
                {"relance_pay_link_target": "own", "relance_pay_url_pattern": False}
            )

    def test_hosted_email_link_single_invoice(self):
        self.company.relance_pay_link_target = "hosted"
        link = self._action("email", self.invoice)._get_payment_link()
        self.assertNotIn("//my", link)
        self.assertIn("/my/invoices/%s?access_token=" % self.invoice.id, link)
        response = self.url_open(link)
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-relance-status="due"', response.text)
        self.assertIn("o_payment_form", response.text)

    def test_hosted_sms_short_link_and_length(self):
        self.company.relance_pay_link_target = "hosted"
        action = self._action("sms", self.invoice)
        link = action._get_payment_link()
        path = urlsplit(link).path
        self.assertRegex(path, r"^/r/[A-Za-z0-9]{10}$")
        self.assertEqual(action._get_payment_link(), link, "one link per action")
        # The link is part of the SMS and counted in its units.
        text = action._render_sms_text()
        self.assertIn(link, text)
        self.company.relance_pay_link_target = "none"
        text_without = action._render_sms_text()
        self.assertNotIn("/r/", text_without)
        self.assertTrue(text.startswith(text_without))
        self.assertTrue(text.endswith(link))
        suffix = text[len(text_without) :]
        self.assertEqual(
            sms_tools.sms_length(text),
            sms_tools.sms_length(text_without) + sms_tools.sms_length(suffix),
        )
        self.assertGreaterEqual(
            sms_tools.sms_length(text) - sms_tools.sms_length(text_without), len(link)
        )
        self.assertEqual(sms_tools.sms_encoding(link), "gsm7")
        self.assertLessEqual(len(link), len(self.base_url()) + 14)
        # The short link shows the invoice's portal page at once (no second
        # round trip), its own links carrying the invoice's access token.
        response = self.url_open(path, allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-relance-status="due"', response.text)
        self.assertIn("o_payment_form", response.text)
        self.invoice.invalidate_recordset()
        self.assertIn(
            "/my/invoices/%s?access_token=%s"
            % (self.invoice.id, self.invoice.access_token),
            response.text,
        )

    def test_short_link_balance_page(self):
        self.company.relance_pay_link_target = "hosted"
        other = self._invoice(self.customer, 500, "2026-01-12", "2026-02-12")
        action = self._action("sms", self.invoice | other)
        path = urlsplit(action._get_payment_link()).path
        response = self.url_open(path, allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn("relance_balance", response.text)
        self.assertIn(self.invoice.name, response.text)
        self.assertIn(other.name, response.text)
        self.assertIn("o_payment_form", response.text)
        # The email of the same reminder links to the same page, long form.
        email_link = self._action("email", self.invoice | other)._get_payment_link()
        self.assertIn("/relance/balance/", email_link)
        # A forged access token on the balance page: a clear 403 page.
        response = self.url_open(urlsplit(email_link).path + "?access_token=forged")
        self.assertEqual(response.status_code, 403)
        self.assertIn("relance_link_error", response.text)

    def test_unknown_and_expired_short_link(self):
        response = self.url_open("/r/AbCdEfGh12")
        self.assertEqual(response.status_code, 404)
        self.assertIn("relance_link_error", response.text)
        response = self.url_open("/r/../../etc")
        self.assertIn(response.status_code, (404,))
        self.company.relance_pay_link_target = "hosted"
        action = self._action("sms", self.invoice)
        path = urlsplit(action._get_payment_link()).path
        link = self.env["relance.payment.link"].search([("action_id", "=", action.id)])
        link.expires_at = fields.Datetime.now() - timedelta(days=1)
        response = self.url_open(path)
        self.assertEqual(response.status_code, 403)
        self.assertIn("relance_link_error", response.text)
        # An expired link is not reused: the next SMS gets a new one.
        self.assertNotEqual(urlsplit(action._get_payment_link()).path, path)

    def test_portal_paid_invoice(self):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=self.invoice.ids
        ).create({})._create_payments()
        self.invoice._portal_ensure_token()
        response = self.url_open(self.invoice.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-relance-status="paid"', response.text)
        self.assertNotIn("o_payment_form", response.text)

    def test_portal_partially_paid_invoice(self):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=self.invoice.ids
        ).create({"amount": 235})._create_payments()
        self.assertEqual(self.invoice.payment_state, "partial")
        self.invoice._portal_ensure_token()
        response = self.url_open(self.invoice.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-relance-status="partial"', response.text)
        self.assertIn("1,000", response.text)
        self.assertIn("o_payment_form", response.text)

    def test_portal_cancelled_invoice(self):
        invoice = self._invoice(self.customer, 700, "2026-01-12")
        invoice.button_draft()
        invoice.button_cancel()
        invoice._portal_ensure_token()
        response = self.url_open(invoice.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-relance-status="cancelled"', response.text)
        self.assertNotIn("o_payment_form", response.text)

    def test_portal_foreign_token(self):
        other = self._invoice(
            self._create_relance_customer("Autre client", "75 99 99"), 900, "2026-01-12"
        )
        other._portal_ensure_token()
        self.invoice._portal_ensure_token()
        # The token of another invoice does not open this one: the portal
        # sends the visitor back to /my (then to the login page).
        url = "/my/invoices/%s?access_token=%s" % (self.invoice.id, other.access_token)
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response.headers["Location"].rsplit("/", 1)[-1], "my")
        self.assertNotIn(self.invoice.name, response.text)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("/web/login", response.url)
        self.assertNotIn(self.invoice.name, response.text)
        self.assertNotIn("relance_pay_status", response.text)

    def test_portal_page_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["relance_nc_payment"], ["fr_FR"], overwrite=True
        )
        self.customer.lang = "fr_FR"
        self.company.relance_pay_link_target = "hosted"
        action = self._action("sms", self.invoice)
        response = self.url_open(
            urlsplit(action._get_payment_link()).path, allow_redirects=False
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Montant dû", response.text)
        self.assertIn('data-relance-status="due"', response.text)
