# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..models.payment_transaction import IPN_ROUTE, RETURN_ROUTE
from ..tools import lyra
from .common import SITE_ID, TEST_KEY, FakeLyra, RelancePaymentCommon

PRODUCTION_KEY = "8877665544332211"
MUTED = (
    "odoo.addons.payment.models.payment_transaction",
    "odoo.addons.relance_nc_payment.models.payment_transaction",
    "odoo.addons.relance_nc_payment.controllers.main",
)


@tagged("post_install", "-at_install")
class TestPaymentIntegrity(RelancePaymentCommon):
    """Only real, signed money moves: test mode, foreign providers, later
    back-office notifications, wrong amounts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.relance_user, cls.relance_manager = (
            new_test_user(
                cls.env,
                login=f"integrity_{role}",
                groups=f"relance_nc.group_relance_{role}",
                company_id=cls.company.id,
            )
            for role in ("user", "manager")
        )

    def _tx(self, values=None):
        values = values or self._invoice_tx()
        return self.env["payment.transaction"].search(
            [("reference", "=", values["reference"])]
        )

    def _notify(self, tx, status, amount=None, key=TEST_KEY, route=IPN_ROUTE, **extra):
        """Post a signed notification for ``tx`` as Lyra does."""
        data = {
            "vads_order_id": tx.reference,
            "vads_trans_status": status,
            "vads_amount": lyra.form_amount(tx.amount if amount is None else amount, 0),
            "vads_currency": "953",
            "vads_site_id": SITE_ID,
            "vads_ctx_mode": "PRODUCTION" if key == PRODUCTION_KEY else "TEST",
            "vads_url_check_src": "BO",
            "vads_trans_uuid": "a1b2c3",
            "vads_card_brand": "VISA",
        }
        data.update(extra)
        data["signature"] = lyra.sign(data, key)
        response = self.url_open(self.base_url() + route, data=data)
        self.env.invalidate_all()
        return response

    def _go_live(self):
        self.provider.write(
            {"relance_lyra_production_key": PRODUCTION_KEY, "state": "enabled"}
        )

    def _pay_live(self, invoice=None):
        self._go_live()
        tx = self._tx(self._invoice_tx(invoice))
        with mute_logger(*MUTED):
            self.assertEqual(
                self._notify(
                    tx, "AUTHORISED", key=PRODUCTION_KEY, vads_url_check_src="PAY"
                ).text,
                "OK",
            )
        self.assertEqual(tx.state, "done")
        return tx

    def _pay_out(self, when):
        """The payout of the creditor for the month of ``when``."""
        client = self.company.partner_id
        client.with_company(self.company).relance_client = True
        period = when.replace(day=1)
        return self.env["relance.payout"]._relance_pay_out(self.company, client, period)

    def _pending(self, tx):
        domain = self.env["relance.payout"]._relance_pending_tx_domain(
            tx.relance_client_id, fields.Datetime.now() + timedelta(days=40)
        )
        return self.env["payment.transaction"].search(domain & Domain("id", "=", tx.id))

    # === ITEM 1: the short link's token === #

    def test_link_token_is_not_readable_by_creditor_staff(self):
        link = self.env["relance.payment.link"].create(
            {
                "company_id": self.company.id,
                "partner_id": self.customer.id,
                "move_ids": [Command.set(self.invoice.ids)],
            }
        )
        for user in (self.relance_user, self.relance_manager):
            links = self.env["relance.payment.link"].with_user(user)
            with self.subTest(user=user.login):
                self.assertEqual(links.search([("id", "=", link.id)]), link)
                with self.assertRaises(AccessError):
                    links.browse(link.id).read(["token"])
                with self.assertRaises(AccessError):
                    links.search_read([("id", "=", link.id)], ["token"])
        self.assertTrue(link._get_short_url().endswith(link.sudo().token))

    # === ITEM 2: test mode, disabled providers, offered providers === #

    def test_test_mode_payment_is_never_paid_out(self):
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            self.provider.relance_lyra_custom_url = fake.url
            values = self._invoice_tx()
            _action, inputs = self._form(values)
            page = self.url_open(fake.url, data=inputs, timeout=120)
            self.assertEqual(page.status_code, 200)
        self.env.invalidate_all()
        tx = self._tx(values)
        self.assertEqual(tx.state, "done")
        self.assertFalse(tx.is_live)
        self.assertFalse(self._pending(tx))
        period = fields.Date.today().replace(day=1)
        client = self.company.partner_id
        client.with_company(self.company).relance_client = True
        self.assertNotIn(
            client,
            self.env["relance.payout"]._relance_clients_due(self.company, period),
        )
        payout = self._pay_out(fields.Date.today())
        self.assertFalse(payout.transaction_ids)
        self.assertFalse(payout.amount_payout)
        self.assertFalse(tx.relance_payout_id)

    def test_live_payment_is_paid_out(self):
        tx = self._pay_live()
        self.assertTrue(tx.is_live)
        self.assertEqual(self._pending(tx), tx)
        payout = self._pay_out(fields.Date.today())
        self.assertEqual(payout.transaction_ids, tx)
        self.assertEqual(payout.amount_payout, tx.amount)

    def test_disabled_provider_pays_out_signs_and_verifies_nothing(self):
        tx = self._pay_live()
        self.provider.state = "disabled"
        self.assertFalse(self._pending(tx))
        with self.assertRaises(UserError):
            self.provider._relance_lyra_sign({"vads_amount": "1"})
        with mute_logger(*MUTED):
            for key in (TEST_KEY, PRODUCTION_KEY):
                response = self._notify(tx, "CANCELLED", key=key)
                self.assertEqual(response.status_code, 403)
        self.assertEqual(tx.state, "done")

    def test_other_shop_or_mode_refused(self):
        tx = self._tx()
        with mute_logger(*MUTED):
            for extra in (
                {"vads_site_id": "87654321"},
                {"vads_ctx_mode": "PRODUCTION"},
            ):
                response = self._notify(tx, "AUTHORISED", **extra)
                self.assertEqual(response.status_code, 403, extra)
        self.assertEqual(tx.state, "draft")

    def _jsonrpc_error(self, route, params):
        """The error message of a JSON-RPC call (None when it succeeds)."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        with mute_logger("odoo.http"):
            response = self.url_open(
                route,
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.status_code, 200)
        error = response.json().get("error")
        return error and error["data"]["message"]

    def _foreign_provider(self):
        other = (
            self.env["res.company"]
            .sudo()
            .create(
                {"name": "Other creditor", "currency_id": self.company.currency_id.id}
            )
        )
        return self.provider.sudo().copy(
            {
                "company_id": other.id,
                "relance_lyra_site_id": SITE_ID,
                "relance_lyra_test_key": TEST_KEY,
                "state": "test",
                "is_published": True,
            }
        )

    def test_invoice_route_refuses_a_provider_not_offered(self):
        foreign = self._foreign_provider()
        message = self._jsonrpc_error(
            "/invoice/transaction/%s" % self.invoice.id,
            {
                "access_token": self.invoice._portal_ensure_token(),
                "provider_id": foreign.id,
                "payment_method_id": self.card.id,
                "token_id": None,
                "amount": self.invoice.amount_residual,
                "flow": "redirect",
                "tokenization_requested": False,
                "landing_route": self.invoice.get_portal_url(),
                "is_validation": False,
            },
        )
        self.assertIn("not offered", message)
        self.assertFalse(
            self.env["payment.transaction"].search([("provider_id", "=", foreign.id)])
        )

    def test_balance_route_refuses_a_provider_not_offered(self):
        foreign = self._foreign_provider()
        link = self.env["relance.payment.link"].create(
            {
                "company_id": self.company.id,
                "partner_id": self.customer.id,
                "move_ids": [Command.set(self.invoice.ids)],
            }
        )
        for provider_id in (foreign.id, "1", [self.provider.id]):
            message = self._jsonrpc_error(
                "/relance/balance/%s/transaction" % link.id,
                {
                    "access_token": link.sudo().access_token,
                    "provider_id": provider_id,
                    "payment_method_id": self.card.id,
                    "token_id": None,
                    "amount": 1,
                    "flow": "redirect",
                    "tokenization_requested": False,
                    "landing_route": link._get_target_path(),
                    "is_validation": False,
                },
            )
            self.assertIn("not offered", message, provider_id)
        self.assertFalse(
            self.env["payment.transaction"].search(
                [("invoice_ids", "in", self.invoice.ids)]
            )
        )

    def test_reference_fits_lyra(self):
        tx = self._tx()
        self.assertIn("/", self.invoice.name)
        self.assertTrue(lyra.valid_order_id(tx.reference), tx.reference)

    # === ITEM 4: later notifications of the processor === #

    def test_done_then_cancelled_after_payout_is_a_rejection_deducted(self):
        tx = self._pay_live()
        first = self._pay_out(fields.Date.today())
        self.assertEqual(tx.relance_payout_id, first)
        with mute_logger(*MUTED):
            response = self._notify(tx, "CANCELLED", key=PRODUCTION_KEY)
            self.assertEqual(response.text, "OK")
            # Lyra repeats a notification until it gets its answer.
            self.assertEqual(
                self._notify(tx, "CANCELLED", key=PRODUCTION_KEY).text, "OK"
            )
        self.assertEqual(tx.state, "cancel")
        rejection = tx.relance_rejection_ids
        self.assertRecordValues(
            rejection,
            [{"amount": tx.amount, "state": "pending", "reason": "rejected"}],
        )
        notices = self.env["mail.mail"].search(
            [("model", "=", rejection._name), ("res_id", "=", rejection.id)]
        )
        self.assertTrue(notices, "the creditor is told of the rejection")
        # Next month: a new payment, less the rejection.
        other = self._invoice(self.customer, 5000, "2026-01-12", "2026-02-12")
        tx2 = self._pay_live(other)
        next_month = (fields.Date.today().replace(day=1) + timedelta(days=32)).replace(
            day=1
        )
        tx2.last_state_change = fields.Datetime.to_datetime(next_month) + timedelta(
            days=2
        )
        second = self._pay_out(next_month)
        self.assertEqual(second.transaction_ids, tx2)
        self.assertEqual(second.rejection_ids, rejection)
        self.assertEqual(rejection.state, "deducted")
        self.assertEqual(second.amount_payout, tx2.amount - tx.amount)

    def test_done_then_cancelled_before_payout_cancels_the_payment(self):
        tx = self._pay_live()
        tx._post_process()
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        with mute_logger(*MUTED):
            self.assertEqual(
                self._notify(tx, "CAPTURE_FAILED", key=PRODUCTION_KEY).text, "OK"
            )
        self.assertEqual(tx.state, "cancel")
        self.assertEqual(tx.payment_id.state, "canceled")
        self.assertEqual(self.invoice.payment_state, "not_paid")
        self.assertFalse(tx.relance_rejection_ids)
        self.assertFalse(self._pending(tx))
        alert = self.env["mail.mail"].search(
            [
                ("model", "=", tx._name),
                ("res_id", "=", tx.id),
                ("subject", "ilike", "attention"),
            ]
        )
        self.assertIn("compta@creancier.example.nc", alert.email_to)

    def test_lower_amount_after_payout_rejects_the_difference(self):
        tx = self._pay_live()
        self._pay_out(fields.Date.today())
        with mute_logger(*MUTED):
            response = self._notify(
                tx, "CAPTURED", amount=tx.amount - 200, key=PRODUCTION_KEY
            )
        self.assertEqual(response.text, "OK")
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.relance_processor_amount, tx.amount - 200)
        self.assertRecordValues(tx.relance_rejection_ids, [{"amount": 200}])

    @mute_logger(*MUTED)
    def test_wrong_amount_is_recorded_and_alerted(self):
        tx = self._tx()
        self._notify(tx, "AUTHORISED", amount=tx.amount - 100, vads_url_check_src="PAY")
        self.assertEqual(tx.state, "error")
        self.assertTrue(tx.relance_amount_mismatch)
        self.assertEqual(tx.relance_processor_amount, tx.amount - 100)
        alert = self.env["mail.mail"].search(
            [("model", "=", tx._name), ("res_id", "=", tx.id)]
        )
        self.assertEqual(len(alert), 1)
        self.assertIn("compta@creancier.example.nc", alert.email_to)

    @mute_logger(*MUTED)
    def test_authorised_to_validate_is_not_paid_until_captured(self):
        tx = self._tx()
        self._notify(tx, "AUTHORISED_TO_VALIDATE", vads_url_check_src="PAY")
        self.assertEqual(tx.state, "pending")
        self.assertFalse(tx.payment_id)
        self.assertEqual(self.invoice.payment_state, "not_paid")
        self._notify(tx, "AUTHORISED")
        self.assertEqual(tx.state, "done")
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))

    @mute_logger(*MUTED)
    def test_authorised_then_expired_is_cancelled(self):
        tx = self._tx()
        self._notify(tx, "AUTHORISED_TO_VALIDATE", vads_url_check_src="PAY")
        self._notify(tx, "EXPIRED")
        self.assertEqual(tx.state, "cancel")
        self.assertEqual(self.invoice.payment_state, "not_paid")

    # === ITEM 8: no plain http:// except on this machine === #

    def test_plain_http_only_on_loopback(self):
        for url in ("http://epaync.example.nc/vads-payment/", "javascript:x"):
            with self.subTest(url=url), self.assertRaises(ValidationError):
                self.provider.relance_lyra_custom_url = url
        self.provider.relance_lyra_custom_url = "http://localhost:9/vads-payment/"
        for pattern in (
            "http://shop.example.nc/pay?ref={reference}",
            "http://{reference}.example.nc/",
        ):
            with self.subTest(pattern=pattern), self.assertRaises(ValidationError):
                self.company.write(
                    {
                        "relance_pay_link_target": "own",
                        "relance_pay_url_pattern": pattern,
                    }
                )
        self.company.write(
            {
                "relance_pay_link_target": "own",
                "relance_pay_url_pattern": "http://127.0.0.1:9/pay?ref={reference}",
            }
        )

    # === ITEM 7: bad input, no existence oracle === #

    def test_balance_page_ignores_stray_parameters(self):
        link = self.env["relance.payment.link"].create(
            {
                "company_id": self.company.id,
                "partner_id": self.customer.id,
                "move_ids": [Command.set(self.invoice.ids)],
            }
        )
        query = (
            "&currency_id=1&company_id=x&partner_id=&amount=abc&report=1"
            "&is_validation=1&force_tokenization=1&providers_sudo=1"
        )
        response = self.url_open(
            "/relance/balance/%s?access_token=%s%s"
            % (link.id, link.sudo().access_token, query)
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.invoice.name, response.text)

    @mute_logger(*MUTED)
    def test_bad_references_all_get_the_same_answer(self):
        tx = self._tx()
        url = self.base_url()
        answers = set()
        for route in (IPN_ROUTE, RETURN_ROUTE):
            for reference in (
                tx.reference,
                "UNKNOWN-REF",
                "A\x00B",
                "INV/2026/1",
                "é" * 3,
            ):
                response = self.url_open(
                    url + route,
                    data={"vads_order_id": reference, "signature": "forged"},
                    allow_redirects=False,
                )
                answers.add((route, response.status_code, response.text))
            response = self.url_open(url + route, data={"vads_amount": "1"})
            answers.add((route, response.status_code, response.text))
        self.assertEqual(
            answers,
            {(IPN_ROUTE, 403, "REFUSED"), (RETURN_ROUTE, 403, "REFUSED")},
        )
        self.assertEqual(tx.state, "draft")
