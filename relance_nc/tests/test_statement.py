# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common_report import TODAY, RelanceReportCommon

STATEMENT = "relance_nc.action_report_relance_statement"


@tagged("post_install", "-at_install")
class TestStatement(RelanceReportCommon):
    """Account statement (relevé de compte) of a customer."""

    def _statement_values(self, partners, **context):
        report = partners.env["report.relance_nc.report_statement"]
        return report.with_context(**context)._get_report_values(partners.ids)

    @freeze_time("2026-03-30 20:00:00")  # 07:00 on 31 March in Noumea
    def test_statement_lines_totals_and_buckets(self):
        values = self._statement_values(self.customer)
        self.assertEqual(values["today"], date(2026, 3, 31))
        self.assertEqual(values["docs"], self.customer)
        statement = values["statements"][self.customer.id]
        self.assertEqual(
            [
                (
                    line["document"],
                    line["kind"],
                    line["amount"],
                    line["amount_residual"],
                    line["days_overdue"],
                    line["age_bucket"],
                )
                for line in statement["lines"]
            ],
            [
                (self.invoice_1.name, "invoice", 100_000, 60_000, 106, "over_90"),
                (self.invoice_5.name, "invoice", 15_000, 15_000, 75, "61_90"),
                (self.invoice_2.name, "invoice", 50_000, 50_000, 40, "31_60"),
                (self.invoice_3.name, "invoice", 30_000, 20_000, 15, "1_30"),
                (self.credit_note.name, "credit_note", -5_000, -5_000, 11, "1_30"),
                (self.payment.move_id.name, "payment", -7_000, -7_000, 1, "1_30"),
                (self.invoice_4.name, "invoice", 25_000, 25_000, 0, "not_due"),
            ],
        )
        self.assertEqual(
            statement["bucket_totals"],
            {
                "not_due": 25_000,
                "1_30": 8_000,
                "31_60": 50_000,
                "61_90": 15_000,
                "over_90": 60_000,
            },
        )
        self.assertEqual(statement["total"], 158_000)
        self.assertEqual(statement["overdue"], 133_000)

    def test_statement_date_from_context(self):
        values = self._statement_values(
            self.customer, relance_statement_date="2026-04-30"
        )
        self.assertEqual(values["today"], date(2026, 4, 30))
        totals = values["statements"][self.customer.id]["bucket_totals"]
        # Invoice 4 is now 6 days overdue; invoice 2 71 days; invoice 1 136.
        self.assertEqual(
            totals,
            {
                "not_due": 0,
                "1_30": 25_000,
                "31_60": 8_000,
                "61_90": 50_000,
                "over_90": 75_000,
            },
        )

    def test_statement_of_a_contact_is_its_company(self):
        contact = self.env["res.partner"].create(
            {"name": "Mme Wamytan", "parent_id": self.customer.id}
        )
        values = self._statement_values(
            contact | self.customer | self.other_customer,
            relance_statement_date="2026-03-31",
        )
        self.assertEqual(values["docs"], self.customer | self.other_customer)
        self.assertEqual(values["statements"][self.customer.id]["total"], 158_000)
        self.assertEqual(values["statements"][self.other_customer.id]["total"], 12_345)

    def test_statement_needs_access_to_journal_items(self):
        reminders_user = new_test_user(
            self.env,
            login="statement_reader",
            groups="relance_nc.group_relance_user",
            company_id=self.company.id,
        )
        values = self._statement_values(
            self.customer.with_user(reminders_user), relance_statement_date=TODAY
        )
        self.assertEqual(values["statements"][self.customer.id]["total"], 158_000)
        employee = new_test_user(
            self.env,
            login="statement_employee",
            groups="base.group_user",
            company_id=self.company.id,
        )
        report = self.env["report.relance_nc.report_statement"].with_user(employee)
        with self.assertRaises(AccessError):
            report._get_report_values(self.customer.ids)

    def test_statement_without_open_item(self):
        customer = self._create_customer("Pharmacie de Koutio")
        values = self._statement_values(customer, relance_statement_date="2026-03-31")
        statement = values["statements"][customer.id]
        self.assertEqual(statement["lines"], [])
        self.assertEqual(statement["total"], 0)

    @freeze_time("2026-03-31 01:00:00")
    def test_statement_html(self):
        html, report_type = (
            self.env["ir.actions.report"]
            .with_context(relance_statement_date="2026-03-31")
            ._render_qweb_pdf(STATEMENT, self.customer.ids)
        )
        self.assertEqual(report_type, "html")
        html = self._html_text(html)
        for label in (
            "Account Statement",
            "Statement date:",
            "Our RIDET:",
            "Document",
            "Due Date",
            "Days Overdue",
            "Original Amount",
            "Balance Due",
            "Not due",
            "1-30 days",
            "Over 90 days",
            "Total Due",
            "Of which overdue:",
            "(credit note)",
            "(payment)",
        ):
            self.assertIn(label, html)
        self.assertIn("1 231 083.002", html)  # the customer's RIDET
        self.assertIn("0 300 137.001", html)  # the company's RIDET
        self.assertIn("C-0042", html)
        self.assertIn(self.invoice_1.name, html)
        for amount in (158_000, 133_000, 60_000, -7_000):
            self.assertIn(self._monetary(amount), html)
        self.assertIn("XPF", self._monetary(158_000))

    def test_statement_report_action_and_button(self):
        report = self.env.ref(STATEMENT)
        self.assertEqual(report.binding_model_id.model, "res.partner")
        self.assertEqual(
            safe_eval(report.print_report_name, {"object": self.customer}),
            "Statement - Boulangerie du Caillou",
        )
        arch = self.env["res.partner"].get_view(view_type="form")["arch"]
        self.assertIn(f'name="{report.id}"', arch)
        self.assertIn("Print statement", arch)

    def test_statement_query_count_is_constant(self):
        customers = self.env["res.partner"].create(
            [{"name": f"Client {index:02d}", "is_company": True} for index in range(20)]
        )
        invoices = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_date": "2026-01-05",
                    "invoice_date_due": "2026-02-04",
                    "invoice_line_ids": [
                        self._prepare_invoice_line(price_unit=price, tax_ids=[])
                        for price in (1_000, 2_000)
                    ],
                }
                for customer in customers
            ]
        )
        invoices.action_post()
        self._count_statement_queries(self.customer)  # warm the caches
        one = self._count_statement_queries(customers[:1])
        twenty = self._count_statement_queries(customers)
        self.assertEqual(one, twenty)
        self.assertLessEqual(twenty, 5)
        values = self._statement_values(customers, relance_statement_date="2026-03-31")
        self.assertEqual(
            {values["statements"][c.id]["total"] for c in customers}, {3_000}
        )

    def _count_statement_queries(self, partners):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._statement_values(partners, relance_statement_date="2026-03-31")
        return self.env.cr.sql_log_count - before
