# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..tools import lyra
from .common import SITE_ID, TEST_KEY, FakeLyra, RelancePaymentCommon


@tagged("post_install", "-at_install")
class TestLyraFlows(RelancePaymentCommon):
    def _pay(self, fake, scenario="success", invoice=None, values=None):
        """Create the tx, post its form to the fake processor, return the tx."""
        fake.scenario = scenario
        self.provider.relance_lyra_custom_url = fake.url
        values = values or self._invoice_tx(invoice)
        action, inputs = self._form(values)
        self.assertEqual(action, fake.url)
        page = self.url_open(action, data=inputs, timeout=120)
        self.assertEqual(page.status_code, 200)
        # What the fake page's script does in a browser: post the result back.
        back_action, back_inputs = self._form({"redirect_form_html": page.text})
        response = self.url_open(back_action, data=back_inputs, timeout=120)
        self.env.invalidate_all()
        tx = self.env["payment.transaction"].search(
            [("reference", "=", values["reference"])]
        )
        return tx, response, inputs

    def test_redirect_form_values_and_signature(self):
        values = self._invoice_tx()
        action, inputs = self._form(values)
        self.assertEqual(action, "http://127.0.0.1:9/vads-payment/")
        self.assertEqual(inputs["vads_amount"], "1235")  # 1234.5 XPF rounded
        self.assertEqual(inputs["vads_currency"], "953")
        self.assertEqual(inputs["vads_site_id"], SITE_ID)
        self.assertEqual(inputs["vads_ctx_mode"], "TEST")
        self.assertEqual(inputs["vads_version"], "V2")
        self.assertEqual(inputs["vads_payment_config"], "SINGLE")
        self.assertEqual(inputs["vads_payment_cards"], "CB;VISA;MASTERCARD")
        self.assertEqual(inputs["vads_threeds_mpi"], "0")
        self.assertEqual(inputs["vads_order_id"], values["reference"])
        self.assertRegex(inputs["vads_trans_id"], r"^[0-8]\d{5}$")
        self.assertRegex(inputs["vads_trans_date"], r"^\d{14}$")
        self.assertTrue(inputs["vads_url_check"].endswith("/payment/relance_lyra/ipn"))
        self.assertEqual(inputs["signature"], lyra.sign(inputs, TEST_KEY))
        # The key follows the provider's state (the signature itself is
        # checked against Lyra's published vectors in tests/test_tool_lyra.py).
        fields = {"vads_amount": "5124", "vads_currency": "953"}
        production_key = "8877665544332211"
        self.assertEqual(
            self.provider._relance_lyra_sign(fields), lyra.sign(fields, TEST_KEY)
        )
        self.provider.write(
            {"relance_lyra_production_key": production_key, "state": "enabled"}
        )
        self.assertEqual(
            self.provider._relance_lyra_sign(fields),
            lyra.sign(fields, production_key),
        )

    def test_extra_brand_for_creditor(self):
        self.env["relance.payment.brand"].create(
            {"company_id": self.company.id, "brand": "AMEX"}
        )
        _action, inputs = self._form(self._invoice_tx())
        self.assertEqual(inputs["vads_payment_cards"], "CB;VISA;MASTERCARD;AMEX")

    def test_success_reconciles_and_sends_tickets(self):
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            tx, response, _inputs = self._pay(fake)
        self.assertEqual(fake.ipn_statuses, [200])
        self.assertEqual(response.status_code, 200)  # back on /payment/status
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.relance_card_brand, "VISA")
        self.assertEqual(tx.relance_card_number, "**** 0000")
        self.assertEqual(tx.relance_threeds_status, "Y")
        self.assertEqual(tx.payment_method_id.code, "visa")
        self.assertTrue(tx.is_post_processed)
        self.assertTrue(tx.payment_id)
        self.assertEqual(tx.payment_id.amount, 1235)
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        self.assertTrue(self.invoice.currency_id.is_zero(self.invoice.amount_residual))
        mails = self.env["mail.mail"].search(
            [("model", "=", "payment.transaction"), ("res_id", "=", tx.id)]
        )
        self.assertEqual(
            sorted(mails.mapped("email_to")),
            ["compta@creancier.example.nc", "payeur@client.example.nc"],
        )
        self.assertIn("**** 0000", mails[0].body_html)
        self.assertIn(tx.reference, mails[0].subject)
        self.assertTrue(tx.relance_receipt_sent)

    def test_ticket_to_creditor_only_without_payer_email(self):
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            fake.payer_email = ""
            tx, _response, _inputs = self._pay(fake)
        self.assertEqual(tx.state, "done")
        mails = self.env["mail.mail"].search(
            [("model", "=", "payment.transaction"), ("res_id", "=", tx.id)]
        )
        self.assertEqual(mails.mapped("email_to"), ["compta@creancier.example.nc"])

    def test_refused(self):
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            tx, _response, _inputs = self._pay(fake, "refused")
        self.assertEqual(fake.ipn_statuses, [200])
        self.assertEqual(tx.state, "error")
        self.assertIn("REFUSED", tx.state_message)
        self.assertFalse(tx.payment_id)
        self.assertEqual(self.invoice.payment_state, "not_paid")
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "payment.transaction"), ("res_id", "=", tx.id)]
            )
        )

    def test_abandoned(self):
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            tx, _response, _inputs = self._pay(fake, "abandoned")
        self.assertEqual(tx.state, "cancel")
        self.assertEqual(self.invoice.payment_state, "not_paid")

    def test_threeds_disabled_for_creditor(self):
        self.company.relance_threeds_mode = "disabled"
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            tx, _response, inputs = self._pay(fake)
        self.assertEqual(inputs["vads_threeds_mpi"], "2")
        self.assertEqual(fake.forms[0]["vads_threeds_mpi"], "2")
        self.assertEqual(tx.state, "done")
        self.assertFalse(tx.relance_threeds_status)

    def test_threeds_required_by_provider(self):
        self.provider.relance_lyra_threeds = "disabled"
        self.company.relance_threeds_mode = "required"
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            tx, _response, _inputs = self._pay(fake)
        self.assertEqual(fake.forms[0]["vads_threeds_mpi"], "0")
        self.assertEqual(tx.relance_threeds_status, "Y")

    def test_tampered_signature(self):
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            tx, response, _inputs = self._pay(fake, "tampered")
        self.assertEqual(fake.ipn_statuses, [403])
        self.assertEqual(response.status_code, 403)  # the browser return too
        self.assertEqual(tx.state, "draft")
        self.assertFalse(tx.payment_id)
        self.assertEqual(self.invoice.payment_state, "not_paid")

    def test_replayed_notification(self):
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            tx, _response, _inputs = self._pay(fake, "replay")
        # Two IPNs and the browser return: one payment, one set of tickets.
        self.assertEqual(fake.ipn_statuses, [200, 200])
        self.assertEqual(tx.state, "done")
        payments = self.env["account.payment"].search(
            [("payment_transaction_id", "=", tx.id)]
        )
        self.assertEqual(len(payments), 1)
        mails = self.env["mail.mail"].search(
            [("model", "=", "payment.transaction"), ("res_id", "=", tx.id)]
        )
        self.assertEqual(len(mails), 2)

    @mute_logger(
        "odoo.addons.payment.models.payment_transaction",
        "odoo.addons.relance_nc_payment.models.payment_transaction",
    )
    def test_wrong_amount(self):
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            tx, _response, _inputs = self._pay(fake, "wrong_amount")
        self.assertEqual(fake.ipn_statuses, [200])
        self.assertEqual(tx.state, "error")
        self.assertFalse(tx.payment_id)
        self.assertEqual(self.invoice.payment_state, "not_paid")

    def test_ipn_without_reference_or_unknown(self):
        # Refused like a bad signature: nobody learns which references exist.
        url = self.base_url() + "/payment/relance_lyra/ipn"
        response = self.url_open(url, data={"vads_amount": "1"})
        self.assertEqual(response.status_code, 403)
        response = self.url_open(url, data={"vads_order_id": "NOPE", "signature": "x"})
        self.assertEqual(response.status_code, 403)

    def test_balance_page_pays_all_invoices(self):
        other = self._invoice(self.customer, 500, "2026-01-12", "2026-02-12")
        invoices = self.invoice | other
        link = self.env["relance.payment.link"].create(
            {
                "company_id": self.company.id,
                "partner_id": self.customer.id,
                "move_ids": [Command.set(invoices.ids)],
            }
        )
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            self.provider.relance_lyra_custom_url = fake.url
            values = self.make_jsonrpc_request(
                "/relance/balance/%s/transaction" % link.id,
                {
                    "access_token": link.sudo().access_token,
                    "provider_id": self.provider.id,
                    "payment_method_id": self.card.id,
                    "token_id": None,
                    "amount": 1,  # ignored: the balance is what is due
                    "flow": "redirect",
                    "tokenization_requested": False,
                    "landing_route": link._get_target_path(),
                    "is_validation": False,
                },
            )
            tx, _response, inputs = self._pay(fake, values=values)
        self.assertEqual(inputs["vads_amount"], "1735")
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.invoice_ids, invoices)
        for invoice in invoices:
            self.assertIn(invoice.payment_state, ("paid", "in_payment"))
