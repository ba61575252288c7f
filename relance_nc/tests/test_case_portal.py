# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo.tests import HttpCase, tagged

from .common_case import RelanceCaseCommon

VALID = {
    "debtor_name": "Snack du Port",
    "debtor_email": "snack@port.example.nc",
    "ref_0": "FAC-2026-001",
    "date_0": "2026-03-01",
    "due_0": "2026-03-31",
    "amount_0": "11 300",
    "kind_0": "principal",
    "payment_instructions": "Virement BCI 17499 00010 12345678901 22",
    "accept": "1",
}
CREDITOR = {
    "creditor_name": "Pâtisserie de Magenta",
    "creditor_email": "compta@magenta.example.nc",
    "creditor_ridet": "1 231 083.002",
}


class CasePortalCommon(HttpCase, RelanceCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls._portal_user(cls.portal_creditor, "koné")

    def _post(self, url, data):
        page = self.url_open(url)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(url, data=dict(data, csrf_token=csrf))

    def _web_cases(self, origin):
        return self.Case.search([("origin", "=", origin)])


@tagged("post_install", "-at_install")
class TestCasePortal(CasePortalCommon):
    def test_portal_client_submits_and_sees_only_its_cases(self):
        hosted = self.Case._create_from_invoices(self._case_invoice())
        self.authenticate(self.portal_user.login, self.portal_user.login)
        response = self._post("/my/cases/new", VALID)
        self.assertEqual(response.status_code, 200)
        case = self._web_cases("portal")
        self.assertRecordValues(
            case,
            [
                {
                    "client_id": self.portal_client.id,
                    "company_id": self.provider.id,
                    "state": "submitted",
                    "amount_total": 11300.0,
                    "conditions_accepted_by_id": self.portal_user.id,
                }
            ],
        )
        self.assertTrue(response.url.endswith(f"/my/cases/{case.id}"))
        listing = self.url_open("/my/cases").text
        self.assertIn(case.name, listing)
        self.assertNotIn(hosted.name, listing)
        # another client's case is not shown, even by its id
        other = self.url_open(f"/my/cases/{hosted.id}")
        self.assertTrue(other.url.endswith("/my/cases"))

    def test_errors_are_listed_and_nothing_typed_is_lost(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        data = dict(VALID, due_0="2026-02-01", amount_0="onze mille", accept="")
        response = self._post("/my/cases/new", data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Give an amount", response.text)
        self.assertIn("Accept the conditions", response.text)
        self.assertIn('value="onze mille"', response.text)
        self.assertIn('value="Snack du Port"', response.text)
        self.assertFalse(self._web_cases("portal"))

    def test_portal_user_without_client_file_cannot_submit(self):
        stranger = self.env["res.partner"].create(
            {"name": "Inconnu", "is_company": True}
        )
        user = self._portal_user(stranger, "inconnu")
        self.authenticate(user.login, user.login)
        response = self.url_open("/my/cases/new")
        self.assertTrue(response.url.endswith("/my/cases"))
        self.assertNotIn("relance_case_new", response.text)


@tagged("post_install", "-at_install")
class TestCasePublicForm(CasePortalCommon):
    def test_a_new_creditor_becomes_a_prospect_paying_by_card(self):
        response = self._post("/relance/eco", dict(VALID, **CREDITOR))
        self.assertEqual(response.status_code, 200)
        case = self._web_cases("public")
        self.assertRecordValues(
            case.client_id,
            [
                {
                    "state": "prospect",
                    "billing_mode": "card",
                    "company_id": self.provider.id,
                }
            ],
        )
        self.assertEqual(case.client_id.partner_id.email, "compta@magenta.example.nc")
        self.assertRecordValues(
            case,
            [
                {
                    "state": "fee",
                    "fee_mode": "card",
                    "conditions_accepted_by_id": False,
                    "conditions_accepted_name": "Pâtisserie de Magenta",
                    "creditor_email": "compta@magenta.example.nc",
                }
            ],
        )
        self.assertTrue(case.origin_ip)

    def test_validation_errors_keep_the_values(self):
        data = dict(VALID, **CREDITOR)
        data.update(
            creditor_email="pas-un-email",
            ref_1="FAC-2",
            date_1="2026-04-01",
            due_1="2026-04-30",
            amount_1="2000",
        )
        response = self._post("/relance/eco", data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("valid email address", response.text)
        self.assertIn('value="pas-un-email"', response.text)
        self.assertIn('value="FAC-2"', response.text)
        self.assertFalse(self._web_cases("public"))
        data["creditor_email"] = "compta@magenta.example.nc"
        response = self._post("/relance/eco", data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("your last letter", response.text)
        self.assertFalse(
            self.env["relance.client"].search([("state", "=", "prospect")])
        )

    def test_visitors_read_the_errors_in_french(self):
        self._load_french()
        data = dict(VALID, **CREDITOR)
        data.update(creditor_email="pas-un-email", due_0="2026-02-01")
        response = self._post("/relance/eco", data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Indiquez une adresse électronique valide.", response.text)
        data["creditor_email"] = "compta@magenta.example.nc"
        response = self._post("/relance/eco", data)
        self.assertIn("sa date d&#39;échéance précède sa date.", response.text)

    def test_honeypot_swallows_robots(self):
        response = self._post(
            "/relance/eco", dict(VALID, website_url="http://spam", **CREDITOR)
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self._web_cases("public"))

    def test_rate_limit_per_address(self):
        for row in range(4):
            data = dict(VALID, **CREDITOR)
            data["ref_0"] = f"FAC-{row}"
            response = self._post("/relance/eco", data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Too many cases", response.text)
        self.assertEqual(len(self._web_cases("public")), 3)

    def test_bad_input_is_a_4xx(self):
        data = dict(VALID, **CREDITOR)
        data.update(date_0="2026-13-45", amount_0="\x00", kind_0="hack")
        response = self._post("/relance/eco", data)
        self.assertEqual(response.status_code, 400)


@tagged("post_install", "-at_install")
class TestCasePortalTour(CasePortalCommon):
    def test_tour_portal_client_submits_an_eco_case(self):
        self.start_tour("/my/cases", "relance_nc_case_portal_submit", login="koné")
        case = self._web_cases("portal")
        self.assertRecordValues(
            case,
            [
                {
                    "state": "submitted",
                    "debtor_name": "Snack du Port",
                    "amount_total": 11300.0,
                }
            ],
        )
