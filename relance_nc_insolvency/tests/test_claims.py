# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import InsolvencyCommon


@tagged("post_install", "-at_install")
class TestClaims(InsolvencyCommon):
    def test_claims_at_judgment_date_with_partial_payments(self):
        overdue = self._invoice(self.customer, 100_000, "2026-01-05", "2026-01-20")
        later = self._invoice(self.customer, 30_000, "2026-02-10", "2026-03-12")
        paid_after = self._invoice(self.customer, 20_000, "2026-01-10", "2026-01-25")
        after_judgment = self._invoice(self.customer, 9_000, "2026-02-20", "2026-03-20")
        self._pay(overdue, 40_000, "2026-02-01")
        self._pay(paid_after, 5_000, "2026-03-01")
        case = self._match(self._procedure())
        claims = {c.move_id: c for c in case.claim_ids}
        self.assertNotIn(after_judgment, claims)
        self.assertRecordValues(
            claims[overdue],
            [{"amount_due": 60_000, "amount_not_yet_due": 0, "paid_after": 0}],
        )
        self.assertRecordValues(
            claims[later], [{"amount_due": 0, "amount_not_yet_due": 30_000}]
        )
        self.assertEqual(claims[later].not_yet_due_dates, "03/12/2026")
        self.assertRecordValues(
            claims[paid_after], [{"amount_due": 20_000, "paid_after": 5_000}]
        )
        self.assertEqual(case.amount_due, 80_000)
        self.assertEqual(case.amount_not_yet_due, 30_000)
        self.assertTrue(case.has_payments_after)

    def test_deadline_two_months_from_jonc_publication(self):
        case = self._match(
            self._procedure(publication_date="2025-12-31", judgment_date="2025-12-20")
        )
        self.assertEqual(case.deadline, fields.Date.to_date("2026-02-28"))

    def test_deadline_four_months_outside_new_caledonia(self):
        self.company.country_id = self.env.ref("base.fr")
        case = self._match(self._procedure(publication_date="2026-02-20"))
        self.assertEqual(case.deadline, fields.Date.to_date("2026-06-20"))

    @freeze_time("2026-03-01")
    def test_reminder_activities_before_the_deadline(self):
        case = self._match(self._procedure(publication_date="2026-02-20"))
        self.assertEqual(case.deadline, fields.Date.to_date("2026-04-20"))
        dates = sorted(
            case.activity_ids.filtered(
                lambda a: "Declare the claims" in (a.summary or "")
            ).mapped("date_deadline")
        )
        self.assertEqual(
            [fields.Date.to_string(d) for d in dates],
            ["2026-03-21", "2026-04-05", "2026-04-13"],
        )

    def test_overdue_declarations_stand_out(self):
        with freeze_time("2026-03-01"):
            case = self._match(self._procedure(publication_date="2026-02-20"))
            self.assertFalse(case.is_overdue)
        with freeze_time("2026-04-21"):
            case.invalidate_recordset(["is_overdue"])
            self.assertTrue(case.is_overdue)
            self.assertIn(case, self.Case.search([("is_overdue", "=", True)]))
            self.assertNotIn(case, self.Case.search([("is_overdue", "=", False)]))
            case.declaration_state = "declared"
            case.invalidate_recordset(["is_overdue"])
            self.assertFalse(case.is_overdue)
