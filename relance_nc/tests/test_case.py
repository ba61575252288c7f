# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .. import const
from .common_case import RelanceCaseCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 01:00")
class TestCaseSubmission(RelanceCaseCommon):
    """Cases filled from the creditor's invoices, checked and submitted."""

    def test_one_invoice_gives_its_date_amount_and_due_date(self):
        move = self._case_invoice(11300.0, date(2026, 3, 1), date(2026, 3, 31))
        action = self._creditor(move).action_relance_create_case()
        case = self.Case.browse(action["res_id"])
        self.assertRecordValues(
            case,
            [
                {
                    "state": "draft",
                    "kind": "eco",
                    "company_id": self.company.id,
                    "creditor_partner_id": self.company.partner_id.id,
                    "debtor_partner_id": self.customer.id,
                    "debtor_name": "Boulangerie du Caillou",
                    "debtor_email": "boulangerie@client.example.nc",
                    "invoice_count": 1,
                    "amount_total": 11300.0,
                    "amount_principal": 11300.0,
                    "amount_accessories": 0.0,
                    "first_invoice_date": date(2026, 3, 1),
                    "due_date": date(2026, 3, 31),
                    "last_letter_date": False,
                }
            ],
        )
        self.assertRecordValues(
            case.line_ids,
            [{"reference": move.name, "move_id": move.id, "kind": "principal"}],
        )

    def test_several_invoices_give_composition_total_dates_and_last_letter(self):
        first = self._case_invoice(5650.0, date(2026, 3, 1), date(2026, 3, 31))
        last = self._case_invoice(11300.0, date(2026, 4, 10), date(2026, 5, 10))
        (first | last).relance_last_date = date(2026, 5, 20)
        action = self.customer.with_user(
            self.creditor_user
        ).action_relance_create_case()
        case = self.Case.browse(action["res_id"])
        self.assertRecordValues(
            case,
            [
                {
                    "invoice_count": 2,
                    "amount_total": 16950.0,
                    "first_invoice_date": date(2026, 3, 1),
                    "last_invoice_date": date(2026, 4, 10),
                    "due_date": date(2026, 3, 31),
                    "last_letter_date": date(2026, 5, 20),
                }
            ],
        )
        self.assertEqual(case.line_ids.mapped("reference"), [first.name, last.name])

    def test_same_claim_twice_gives_the_same_case(self):
        move = self._case_invoice()
        case = self.Case._create_from_invoices(move)
        self.assertEqual(self.Case._create_from_invoices(move), case)
        self.assertTrue(case.idempotency_key)

    def test_not_overdue_invoice_is_refused(self):
        move = self._case_invoice(1000.0, date(2026, 5, 20), date(2026, 6, 20))
        with self.assertRaises(UserError):
            move.action_relance_create_case()

    def test_submission_needs_the_accepted_conditions(self):
        case = self._new_case(self._case_invoice())
        with self.assertRaises(UserError):
            self._creditor(case).action_submit()
        wizard = self.env["relance.case.submit.wizard"].create({"case_id": case.id})
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(case.state, "draft")

    def test_acceptance_is_stored_who_when_and_version(self):
        case = self._submit(self._new_case(self._case_invoice()))
        self.assertRecordValues(
            case,
            [
                {
                    "state": "submitted",
                    "conditions_accepted_by_id": self.creditor_user.id,
                    "conditions_accepted_name": self.creditor_user.name,
                    "conditions_version": const.CASE_CONDITIONS_VERSION,
                }
            ],
        )
        self.assertEqual(str(case.conditions_accepted_on), "2026-06-01 01:00:00")
        self.assertIn("abusive or vexatious", case.conditions_text)

    def test_several_invoices_without_last_letter_are_refused(self):
        moves = self._case_invoice(5650.0) | self._case_invoice(
            2000.0, date(2026, 4, 1), date(2026, 4, 30)
        )
        case = self._new_case(moves)
        self.assertFalse(case.last_letter_date)
        with self.assertRaisesRegex(ValidationError, "last letter"):
            self._submit(case)
        self.assertEqual(case.state, "draft")
        case.last_letter_date = date(2026, 5, 5)
        self._submit(case)
        self.assertEqual(case.state, "submitted")

    def test_eco_needs_the_debtor_email_and_the_payment_means(self):
        case = self._new_case(self._case_invoice())
        case.write({"debtor_email": False, "payment_instructions": False})
        with self.assertRaises(ValidationError) as caught:
            self._submit(case)
        self.assertIn("email address", str(caught.exception))
        self.assertIn("pays you directly", str(caught.exception))

    def test_principal_only_unless_accessories_are_invoiced(self):
        principal = self._case_invoice(11300.0)
        penalty = self._case_invoice(1500.0, date(2026, 4, 15), date(2026, 4, 15))
        case = self._new_case(principal | penalty)
        case.last_letter_date = date(2026, 5, 1)
        case.line_ids.filtered(
            lambda line: line.move_id == penalty
        ).kind = "late_penalty"
        self.assertRecordValues(
            case,
            [
                {
                    "amount_principal": 11300.0,
                    "amount_accessories": 1500.0,
                    "amount_total": 12800.0,
                }
            ],
        )
        case.line_ids.filtered(lambda line: line.move_id == principal).unlink()
        with self.assertRaisesRegex(ValidationError, "penalties and fees alone"):
            self._submit(case)

    def test_terms_of_sale_wish_gives_the_staff_an_activity(self):
        case = self._new_case(self._case_invoice())
        case.apply_terms_of_sale = True
        self._submit(case)
        self.assertEqual(len(case.activity_ids), 1)
        self.assertIn("terms of sale", case.activity_ids.summary)

    def test_engine_handover_creates_the_case(self):
        move = self._case_invoice()
        self.levels.write({"use_email": False, "use_sms": False, "use_handover": True})
        action = self._plan(date(2026, 6, 1)).filtered(
            lambda a: a.channel == "handover"
        )
        self.assertEqual(len(action), 1)
        action.action_relance_create_case()
        self.assertEqual(action.state, "done")
        self.assertRecordValues(
            action.relance_case_ids,
            [{"state": "draft", "amount_total": move.amount_residual}],
        )
        action._execute_handover()
        self.assertEqual(len(action.relance_case_ids), 1)


@tagged("post_install", "-at_install")
@freeze_time("2026-06-01 01:00")
class TestCaseIsolation(RelanceCaseCommon):
    def test_other_creditor_company_sees_nothing(self):
        case = self._new_case(self._case_invoice())
        other = self.env["res.company"].create({"name": "Autre Créancier"})
        intruder = new_test_user(
            self.env,
            login="intruder",
            groups="relance_nc.group_relance_manager",
            company_id=other.id,
            company_ids=other.ids,
        )
        cases = self._as(intruder)
        self.assertFalse(cases.search([]))
        with self.assertRaises(AccessError):
            cases.browse(case.id).read(["debtor_name"])
        with self.assertRaises(AccessError):
            cases.browse(case.id).write({"note": "x"})
        with self.assertRaises(AccessError):
            cases.browse(case.id).unlink()
        with self.assertRaises(AccessError):
            self._as(intruder, "relance.case.line").browse(case.line_ids.ids).read(
                ["amount"]
            )

    def test_provider_staff_sees_the_case_without_the_invoices(self):
        case = self._new_case(self._case_invoice())
        staff_cases = self._as(self.staff_user)
        self.assertEqual(staff_cases.search([]), case)
        self.assertEqual(staff_cases.browse(case.id).line_ids.amount, 11300.0)
        with self.assertRaises(AccessError):
            case.line_ids.move_id.with_user(self.staff_user).with_context(
                allowed_company_ids=self.provider.ids
            ).read(["name"])
