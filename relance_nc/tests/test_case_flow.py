# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, freeze_time, tagged

from .common_case import RelanceCaseCommon


class CaseFlowCommon(RelanceCaseCommon):
    def _sent_case(self, **vals):
        with freeze_time("2026-06-01 01:00"):
            case = self._new_case(self._case_invoice())
            case.write(vals)
            self._submit(case)
            case.with_user(self.staff_user).with_context(
                allowed_company_ids=self.provider.ids
            ).action_send_eco_email()
        return case

    def _mails(self, case, email_to):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "relance.case"),
                ("res_id", "=", case.id),
                ("email_to", "=", email_to),
            ]
        )


@tagged("post_install", "-at_install")
class TestCaseEcoEmail(CaseFlowCommon):
    def test_email_to_the_debtor_carries_the_legal_mentions(self):
        case = self._sent_case()
        self.assertEqual(case.state, "sent")
        self.assertEqual(str(case.email_sent_on), "2026-06-01 01:00:00")
        mail = self._mails(case, "boulangerie@client.example.nc")
        self.assertEqual(len(mail), 1)
        self.assertIn("contact@crdc.example.nc", mail.email_from)
        self.assertIn(case.name, mail.subject)
        body = mail.body_html
        for expected in (
            "CRDC Nouméa",  # the firm's identity
            "recouvrement amiable",  # ... and its amicable collection activity
            self.company.name,  # the creditor's identity
            "Nouvelle-Calédonie",  # the jurisdiction's mentions
            "restent à la charge du créancier",
            "Virement sur le compte 12345",  # the payment means
            case.line_ids.reference,
            case.name,  # the reference to recall
        ):
            self.assertIn(expected, body)
        self.assertIn("Eco email sent", case.message_ids[0].body)

    def test_email_is_in_french_with_the_amount_split(self):
        self._load_french()
        case = self._sent_case()
        mail = self._mails(case, "boulangerie@client.example.nc")
        self.assertIn("Créance impayée de", mail.subject)
        body = mail.body_html
        for expected in (
            "Notre client, le créancier",
            "Principal :",
            "Accessoires facturés (pénalités, indemnités, intérêts, frais) :",
            "Total dû :",
            "directement au créancier",
            "rappeler la référence",
            "courriel du 01/06/2026",
        ):
            self.assertIn(expected, body)

    def test_french_validation_messages(self):
        self._load_french()
        with freeze_time("2026-06-01 01:00"):
            case = self._new_case(
                self._case_invoice()
                | self._case_invoice(2000.0, date(2026, 4, 1), date(2026, 4, 30))
            )
            with self.assertRaises(ValidationError) as caught:
                self.env["relance.case.submit.wizard"].with_context(
                    lang="fr_FR"
                ).create({"case_id": case.id, "accept": True}).action_confirm()
        self.assertIn(
            "Pour plusieurs factures, indiquez la date de votre dernier courrier",
            str(caught.exception),
        )

    def test_polynesian_firm_uses_the_polynesian_mentions(self):
        self.provider.country_id = self.env.ref("base.pf")
        case = self._sent_case()
        self.assertEqual(case.jurisdiction_id.code, "pf")
        body = self._mails(case, "boulangerie@client.example.nc").body_html
        self.assertIn("Polynésie française", body)
        self.assertNotIn("Nouvelle-Calédonie", body)

    def test_staff_queues_count_the_cases_to_work(self):
        with freeze_time("2026-06-01 01:00"):
            case = self._submit(self._new_case(self._case_invoice()))
            case.apply_terms_of_sale = True
            queues = {
                queue["key"]: queue["count"]
                for queue in self.env["relance.provider.dashboard"]
                .with_user(self.staff_user)
                .with_context(allowed_company_ids=self.provider.ids)
                ._relance_queues()
            }
        self.assertEqual(queues["case_eco"], 1)
        self.assertEqual(queues["case_terms"], 1)
        self.assertEqual(queues["case_classic"], 0)

    def test_only_submitted_eco_cases_are_emailed(self):
        with freeze_time("2026-06-01 01:00"):
            case = self._new_case(self._case_invoice())
        with self.assertRaises(UserError):
            case.action_send_eco_email()

    def test_only_the_firm_sends_the_eco_email(self):
        with freeze_time("2026-06-01 01:00"):
            case = self._submit(self._new_case(self._case_invoice()))
            with self.assertRaises(AccessError):
                self._creditor(case).action_send_eco_email()
        self.assertEqual(case.state, "submitted")


@tagged("post_install", "-at_install")
class TestCaseFollowup(CaseFlowCommon):
    def _run_cron(self):
        self.env.ref("relance_nc.ir_cron_relance_case_followup").method_direct_trigger()

    def test_offer_of_classic_collection_after_fifteen_days(self):
        case = self._sent_case()
        creditor_email = self.company.email
        with freeze_time("2026-06-15 23:00"), self.enter_registry_test_mode():
            self._run_cron()
        self.assertFalse(self._mails(case, creditor_email))
        with freeze_time("2026-06-16 02:00"), self.enter_registry_test_mode():
            self._run_cron()
            self._run_cron()
        mail = self._mails(case, creditor_email)
        self.assertEqual(len(mail), 1)
        self.assertIn(
            f"/relance/case/{case.id}/escalate?access_token={case.access_token}",
            mail.body_html,
        )
        self.assertEqual(str(case.followup_sent_on), "2026-06-16 02:00:00")

    def test_no_offer_when_the_creditor_recorded_the_payment(self):
        case = self._sent_case()
        case.action_mark_paid()
        with freeze_time("2026-06-20 02:00"), self.enter_registry_test_mode():
            self._run_cron()
        self.assertFalse(self._mails(case, self.company.email))
        self.assertFalse(case.followup_sent_on)


@tagged("post_install", "-at_install")
@freeze_time("2026-06-20 01:00")
class TestCaseFee(CaseFlowCommon):
    """Fees are the client's pricelist prices (seed 002: 6 / 10 / 33 EUR)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pricelist.item_ids = [
            Command.create(
                {
                    "applied_on": "0_product_variant",
                    "product_id": product.id,
                    "compute_price": "fixed",
                    "fixed_price": price,
                }
            )
            for product, price in (
                (cls.eco, 716),
                (cls.classic_after_eco, 1193),
                (cls.classic_full, 3938),
            )
        ]

    def _usage(self, case):
        return self.Usage.search(
            [("res_model", "=", "relance.case"), ("res_id", "=", case.id)]
        )

    def test_deferred_account_bills_a_usage_line(self):
        case = self._submit(self._new_case(self._case_invoice()))
        self.assertRecordValues(
            case,
            [{"state": "submitted", "fee_mode": "deferred", "fee_amount": 716.0}],
        )
        self.assertRecordValues(
            self._usage(case),
            [{"client_id": self.client.id, "product_id": self.eco.id, "amount": 716.0}],
        )
        case._start()
        self.assertEqual(len(self._usage(case)), 1, "a fee is billed once")

    def test_card_client_pays_before_the_case_starts(self):
        self.client.billing_mode = "card"
        case = self._submit(self._new_case(self._case_invoice()))
        self.assertRecordValues(
            case, [{"state": "fee", "fee_mode": "card", "fee_amount": 716.0}]
        )
        self.assertFalse(self._usage(case))
        case._relance_fee_paid()
        self.assertRecordValues(case, [{"state": "submitted", "fee_paid": True}])

    def test_handover_after_eco_costs_the_reduced_fee(self):
        case = self._sent_case()
        case.action_escalate()
        self.assertRecordValues(
            case,
            [
                {
                    "kind": "classic",
                    "handover_fee": "after_eco",
                    "state": "escalated",
                    "fee_amount": 1193.0,
                }
            ],
        )
        self.assertEqual(
            self._usage(case).product_id, self.eco | self.classic_after_eco
        )

    def test_direct_handover_costs_the_full_fee(self):
        case = self._new_case(self._case_invoice())
        case.kind = "classic"
        self._submit(case)
        self.assertRecordValues(
            case,
            [
                {
                    "kind": "classic",
                    "handover_fee": "full",
                    "state": "escalated",
                    "fee_amount": 3938.0,
                }
            ],
        )
        self.assertEqual(self._usage(case).product_id, self.classic_full)

    def test_annual_contract_hands_over_without_fee(self):
        self.client.write(
            {
                "annual_contract": True,
                "contract_date_start": date(2026, 1, 1),
                "contract_date_end": date(2026, 12, 31),
            }
        )
        case = self._sent_case()
        case.action_escalate()
        self.assertRecordValues(
            case,
            [{"handover_fee": "none", "state": "escalated", "fee_mode": "none"}],
        )
        self.assertEqual(self._usage(case).product_id, self.eco)

    def test_cases_need_the_subscribed_option(self):
        self.client.option_ids -= self.env.ref("relance_nc.service_option_case")
        case = self._new_case(self._case_invoice())
        with self.assertRaises(UserError):
            self._submit(case)

    def test_a_creditor_without_client_file_is_told_to_contact_the_firm(self):
        self.client.hosted_company_id = False
        case = self._new_case(self._case_invoice())
        self.assertFalse(case.client_id)
        with self.assertRaisesRegex(UserError, "not a client"):
            self._submit(case)

    def test_closing_reasons(self):
        case = self._sent_case()
        case.action_close_disputed()
        self.assertRecordValues(case, [{"state": "closed", "close_reason": "disputed"}])
        with self.assertRaises(UserError):
            case.action_escalate()


@tagged("post_install", "-at_install")
class TestCaseEscalationLink(HttpCase, CaseFlowCommon):
    def _url(self, case, token):
        return f"/relance/case/{case.id}/escalate?access_token={token}"

    def test_one_click_from_the_email_hands_over(self):
        case = self._sent_case()
        token = case._portal_ensure_token()
        page = self.url_open(self._url(case, token))
        self.assertEqual(page.status_code, 200)
        self.assertEqual(case.state, "sent", "opening the link changes nothing")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        done = self.url_open(
            f"/relance/case/{case.id}/escalate",
            data={"csrf_token": csrf, "access_token": token},
        )
        self.assertEqual(done.status_code, 200)
        self.assertEqual(case.state, "escalated")
        self.assertEqual(case.handover_fee, "after_eco")

    def test_wrong_token_is_not_found(self):
        case = self._sent_case()
        case._portal_ensure_token()
        self.assertEqual(self.url_open(self._url(case, "forged")).status_code, 404)
        self.assertEqual(self.url_open(self._url(case, "")).status_code, 404)
        missing = self.url_open(
            f"/relance/case/{case.id + 999}/escalate?access_token=x"
        )
        self.assertEqual(missing.status_code, 404)
        self.assertEqual(case.state, "sent")
