# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from odoo.addons.relance_nc.tests.common_case import RelanceCaseCommon

from .common import TEST_KEY, FakeLyra, LyraShopMixin


@tagged("post_install", "-at_install")
class TestCaseFeeByCard(LyraShopMixin, RelanceCaseCommon, HttpCase):
    """A card client pays its case's fee on the firm's hosted shop, through a
    real local card processor (FakeLyra), before the case starts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop = cls._setup_lyra_shop(cls.provider, "CRDC hosted shop")
        cls.client.billing_mode = "card"

    def _pay(self, fake, case, scenario="success"):
        fake.scenario = scenario
        self.shop.relance_lyra_custom_url = fake.url
        landing = case._relance_fee_payment_url()
        values = self._jsonrpc(
            f"/relance/case/{case.id}/fee/transaction",
            {
                "access_token": case.access_token,
                "provider_id": self.shop.id,
                "payment_method_id": self.card.id,
                "token_id": None,
                "amount": case.fee_amount,
                "flow": "redirect",
                "tokenization_requested": False,
                "landing_route": landing,
                "is_validation": False,
            },
        )
        action, inputs = self._form(values)
        page = self.url_open(action, data=inputs, timeout=120)
        back_action, back_inputs = self._redirect_form(page.text)
        self.url_open(back_action, data=back_inputs, timeout=120)
        self.env.invalidate_all()
        return inputs

    def _jsonrpc(self, route, params):
        response = self.opener.post(
            self.base_url() + route,
            json={"id": 0, "jsonrpc": "2.0", "method": "call", "params": params},
            timeout=60,
        )
        body = response.json()
        self.assertNotIn(
            "error", body, body.get("error", {}).get("data", {}).get("message")
        )
        return body["result"]

    def _fee_case(self):
        case = self._submit(self._new_case(self._case_invoice()))
        self.assertRecordValues(case, [{"state": "fee", "fee_mode": "card"}])
        return case

    def test_paid_fee_starts_the_case(self):
        case = self._fee_case()
        url = case._relance_fee_payment_url()
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn('data-relance-status="due"', page.text)
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            inputs = self._pay(fake, case)
        self.assertEqual(inputs["vads_amount"], str(int(case.fee_amount)))
        self.assertEqual(fake.ipn_statuses, [200])
        self.assertRecordValues(case, [{"state": "submitted", "fee_paid": True}])
        self.assertEqual(case.relance_transaction_ids.state, "done")
        self.assertFalse(self.Usage.search([("res_model", "=", "relance.case")]))
        self.assertIn('data-relance-status="paid"', self.url_open(url).text)

    def test_refused_card_leaves_the_case_waiting(self):
        case = self._fee_case()
        with FakeLyra(TEST_KEY, self.env.cr.dbname).running() as fake:
            self._pay(fake, case, scenario="refused")
        self.assertRecordValues(case, [{"state": "fee", "fee_paid": False}])

    def test_fee_page_needs_the_case_token(self):
        case = self._fee_case()
        response = self.url_open(f"/relance/case/{case.id}/fee?access_token=forged")
        self.assertEqual(response.status_code, 404)
