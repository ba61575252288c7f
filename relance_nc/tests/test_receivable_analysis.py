# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from .common_report import TODAY, RelanceReportCommon

AUDIT = "relance_nc.action_report_relance_audit"


@tagged("post_install", "-at_install")
class TestReceivableAnalysis(RelanceReportCommon):
    """ "Suivre vos comptes clients": aging view, KPIs, recoveries, audit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.levels = cls._create_level()
        cls.relance_user = new_test_user(
            cls.env,
            login="relance_report_user",
            groups="relance_nc.group_relance_user",
            company_id=cls.company.id,
        )

    def _receivables(self, **domain):
        return (
            self.env["relance.receivable.report"]
            .with_context(relance_report_date=TODAY)
            .search([(field, "=", value) for field, value in domain.items()])
        )

    def _wizard(self, **vals):
        return self.env["relance.audit.report.wizard"].create({"date": TODAY, **vals})

    # ------------------------------------------------------------
    # Receivables view
    # ------------------------------------------------------------

    def test_receivable_rows_and_buckets(self):
        rows = self._receivables(partner_id=self.customer.id)
        self.assertRecordValues(
            rows,
            [
                {
                    "move_id": self.invoice_1.id,
                    "kind": "invoice",
                    "date_maturity": date(2025, 12, 15),
                    "amount": 100_000,
                    "amount_residual": 60_000,
                    "amount_overdue": 60_000,
                    "days_overdue": 106,
                    "age_bucket": "over_90",
                },
                {
                    "move_id": self.invoice_5.id,
                    "kind": "invoice",
                    "date_maturity": date(2026, 1, 15),
                    "amount": 15_000,
                    "amount_residual": 15_000,
                    "amount_overdue": 15_000,
                    "days_overdue": 75,
                    "age_bucket": "61_90",
                },
                {
                    "move_id": self.invoice_2.id,
                    "kind": "invoice",
                    "date_maturity": date(2026, 2, 19),
                    "amount": 50_000,
                    "amount_residual": 50_000,
                    "amount_overdue": 50_000,
                    "days_overdue": 40,
                    "age_bucket": "31_60",
                },
                {
                    "move_id": self.invoice_3.id,
                    "kind": "invoice",
                    "date_maturity": date(2026, 3, 16),
                    "amount": 30_000,
                    "amount_residual": 20_000,
                    "amount_overdue": 20_000,
                    "days_overdue": 15,
                    "age_bucket": "1_30",
                },
                {
                    "move_id": self.credit_note.id,
                    "kind": "credit_note",
                    "date_maturity": date(2026, 3, 20),
                    "amount": -5_000,
                    "amount_residual": -5_000,
                    "amount_overdue": -5_000,
                    "days_overdue": 11,
                    "age_bucket": "1_30",
                },
                {
                    "move_id": self.payment.move_id.id,
                    "kind": "payment",
                    "date_maturity": date(2026, 3, 30),
                    "amount": -7_000,
                    "amount_residual": -7_000,
                    "amount_overdue": -7_000,
                    "days_overdue": 1,
                    "age_bucket": "1_30",
                },
                {
                    "move_id": self.invoice_4.id,
                    "kind": "invoice",
                    "date_maturity": date(2026, 4, 24),
                    "amount": 25_000,
                    "amount_residual": 25_000,
                    "amount_overdue": 0,
                    "days_overdue": 0,
                    "age_bucket": "not_due",
                },
            ],
        )
        self.assertEqual(set(rows.company_id.ids), set(self.company.ids))
        self.assertEqual(rows.currency_id, self.currency)
        groups = dict(
            rows._read_group(
                [("partner_id", "=", self.customer.id)],
                ["age_bucket"],
                ["amount_residual:sum"],
            )
        )
        self.assertEqual(
            groups,
            {
                "not_due": 25_000,
                "1_30": 8_000,
                "31_60": 50_000,
                "61_90": 15_000,
                "over_90": 60_000,
            },
        )

    @freeze_time("2026-03-30 20:00:00")  # 07:00 on 31 March in Noumea
    def test_receivable_age_defaults_to_the_company_local_date(self):
        report = self.env["relance.receivable.report"]
        self.assertEqual(report._get_report_date(), date(2026, 3, 31))
        row = report.search([("move_id", "=", self.invoice_3.id)])
        self.assertEqual(row.days_overdue, 15)

    def test_receivable_level_and_blocked(self):
        self.invoice_1.relance_level_id = self.levels[0]
        self.invoice_2.write(
            {"relance_block": "dispute", "relance_block_reason": "Goods damaged"}
        )
        self.invoice_3.write(
            {
                "relance_block": "promise",
                "relance_promise_date": date(2026, 3, 15),  # promise broken
            }
        )
        self.invoice_4.write(
            {"relance_block": "promise", "relance_promise_date": date(2026, 4, 10)}
        )
        self.invoice_5.relance_excluded = True
        rows = self._receivables(partner_id=self.customer.id)
        by_move = {row.move_id: row for row in rows}
        self.assertEqual(by_move[self.invoice_1].relance_level_id, self.levels[0])
        self.assertFalse(by_move[self.invoice_2].relance_level_id)
        self.assertEqual(
            {move: row.blocked for move, row in by_move.items() if move.is_invoice()},
            {
                self.invoice_1: False,
                self.invoice_2: True,
                self.invoice_3: False,
                self.invoice_4: True,
                self.invoice_5: True,
                self.credit_note: False,
            },
        )

    def test_receivable_paid_items_leave_the_view(self):
        self._register_payment(self.invoice_2, 50_000, "2026-03-25")
        self.assertFalse(self._receivables(move_id=self.invoice_2.id))
        self.assertTrue(self._receivables(move_id=self.invoice_1.id))

    def test_receivable_other_company_is_hidden(self):
        other_company = self.env["res.company"].create({"name": "Autre Société"})
        stranger = new_test_user(
            self.env,
            login="relance_report_stranger",
            groups="relance_nc.group_relance_user",
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        report = (
            self.env["relance.receivable.report"]
            .with_user(stranger)
            .with_context(allowed_company_ids=other_company.ids)
        )
        self.assertFalse(report.with_context(relance_report_date=TODAY).search([]))
        own = self.env["relance.receivable.report"].with_user(self.relance_user)
        self.assertEqual(len(own.with_context(relance_report_date=TODAY).search([])), 8)

    def test_receivable_report_is_read_only_for_users(self):
        report = self.env["relance.receivable.report"].with_user(self.relance_user)
        self.assertTrue(report.has_access("read"))
        self.assertFalse(report.has_access("write"))
        with self.assertRaises(AccessError):
            report.with_context(relance_report_date=TODAY).search([], limit=1).write(
                {"blocked": True}
            )

    # ------------------------------------------------------------
    # KPIs
    # ------------------------------------------------------------

    def test_dso_and_overdue_ratio(self):
        values = self._wizard()._get_audit_values()
        # Customer 158 000 + other customer 12 345, overdue 133 000 + 12 345.
        self.assertEqual(values["total_receivable"], 170_345)
        self.assertEqual(values["overdue"], 145_345)
        self.assertAlmostEqual(values["overdue_ratio"], 145_345 / 170_345)
        # Sales invoiced from 1 January to 31 March: invoices 2, 3, 4, the
        # other customer's, less the credit note.
        self.assertEqual(values["credit_sales"], 112_345)
        self.assertAlmostEqual(values["dso"], 170_345 / 112_345 * 90)
        self.assertEqual(
            [(code, amount) for code, __, amount in values["aging"]],
            [
                ("not_due", 25_000),
                ("1_30", 8_000),
                ("31_60", 62_345),
                ("61_90", 15_000),
                ("over_90", 60_000),
            ],
        )

    def test_kpis_of_one_customer(self):
        values = self._wizard(partner_id=self.customer.id)._get_audit_values()
        self.assertEqual(values["total_receivable"], 158_000)
        self.assertAlmostEqual(values["overdue_ratio"], 133_000 / 158_000)
        self.assertEqual(values["credit_sales"], 100_000)
        self.assertAlmostEqual(values["dso"], 142.2)

    def test_top_overdue_customers(self):
        values = self._wizard()._get_audit_values()
        self.assertEqual(
            values["top_customers"],
            [(self.customer, 133_000, 106), (self.other_customer, 12_345, 44)],
        )

    # ------------------------------------------------------------
    # Recovered amounts
    # ------------------------------------------------------------

    def test_recovered_amount_goes_to_the_last_action_before_payment(self):
        first, notice = self.levels
        invoices = self.invoice_1 | self.invoice_2 | self.invoice_5
        email = self._create_done_action(
            self.customer, first, "email", invoices, "2026-01-25 21:00:00", 125_000
        )
        letter = self._create_done_action(
            self.customer,
            notice,
            "registered_letter",
            self.invoice_5,
            "2026-02-24 22:00:00",  # 25 February 09:00 in Noumea
            15_000,
        )
        # Paid after the email only (invoice 2 is not in the letter).
        self._register_payment(self.invoice_2, 20_000, "2026-02-10")
        # Paid after both: the letter alone gets it.
        self._register_payment(self.invoice_5, 15_000, "2026-02-25")
        # Invoice 1's 40 000 paid on 10 January, before any reminder: ignored.
        rows = self.env["relance.recovery.report"].search(
            [("partner_id", "=", self.customer.id)], order="done_at"
        )
        self.assertRecordValues(
            rows,
            [
                {
                    "action_id": email.id,
                    "level_id": first.id,
                    "channel": "email",
                    "done_date": date(2026, 1, 26),
                    "amount_claimed": 125_000,
                    "amount_recovered": 20_000,
                    "payment_count": 1,
                },
                {
                    "action_id": letter.id,
                    "level_id": notice.id,
                    "channel": "registered_letter",
                    "done_date": date(2026, 2, 25),
                    "amount_claimed": 15_000,
                    "amount_recovered": 15_000,
                    "payment_count": 1,
                },
            ],
        )
        groups = rows._read_group(
            [("id", "in", rows.ids)],
            ["level_id", "channel"],
            ["amount_recovered:sum"],
        )
        self.assertEqual(
            groups,
            [(first, "email", 20_000), (notice, "registered_letter", 15_000)],
        )
        recovered = self._wizard()._get_audit_values()["recovered"]
        self.assertEqual(
            [(r["level"], r["count"], r["recovered"], r["rate"]) for r in recovered],
            [(first, 1, 20_000, 20_000 / 125_000), (notice, 1, 15_000, 1.0)],
        )

    def test_open_actions_are_not_in_the_recoveries(self):
        action = self._create_done_action(
            self.customer,
            self.levels[0],
            "sms",
            self.invoice_2,
            "2026-02-01 00:00:00",
            50_000,
        )
        action.state = "cancelled"
        self.assertFalse(
            self.env["relance.recovery.report"].search([("action_id", "=", action.id)])
        )

    # ------------------------------------------------------------
    # Audit report
    # ------------------------------------------------------------

    def test_audit_report_renders(self):
        self._create_done_action(
            self.customer,
            self.levels[0],
            "email",
            self.invoice_2,
            "2026-02-01 00:00:00",
            50_000,
        )
        self._register_payment(self.invoice_2, 20_000, "2026-02-10")
        wizard = (
            self.env["relance.audit.report.wizard"]
            .with_user(self.relance_user)
            .create({"date": TODAY})
        )
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "relance_nc.report_audit")
        html, report_type = self.env["ir.actions.report"]._render_qweb_pdf(
            AUDIT, wizard.ids
        )
        self.assertEqual(report_type, "html")
        html = self._html_text(html)
        for text in (
            "Receivables Audit Report",
            "Overdue ratio",
            "DSO (days sales outstanding)",
            "Aging",
            "Most Overdue Customers",
            "Amounts Recovered after Reminders",
            "Boulangerie du Caillou",
            "Quincaillerie de Koné",
            "First reminder",
            self._monetary(150_345),  # total receivable after the payment
            self._monetary(20_000),
        ):
            self.assertIn(text, html)
        self.assertIn("83.4", html)  # overdue ratio: 125 345 / 150 345
