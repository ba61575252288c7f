# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common_payout import PayoutCommon


@tagged("post_install", "-at_install")
class TestPayoutSchedule(PayoutCommon):
    """The monthly run: when, what, and only once."""

    def test_payout_across_month_end_and_time_zones(self):
        """A payment confirmed at 23:30 UTC on 31 January is collected on
        1 February in Nouméa (UTC+11): it waits for the March payout."""
        january = self._paid_tx(10000, "2026-01-31 12:59:00")  # 23:59 in Nouméa
        february = self._paid_tx(7000, "2026-01-31 23:30:00")  # 1 Feb, 10:30
        with freeze_time("2026-02-04 12:00:00"):  # 4 Feb, 23:00 in Nouméa
            self._run_cron()
        self.assertFalse(self._payouts())
        with freeze_time("2026-02-04 19:00:00"):  # Thursday 5 Feb, 06:00
            self._run_cron()
        payout = self._payouts()
        self.assertRecordValues(
            payout,
            [
                {
                    "period": date(2026, 1, 1),
                    "payout_date": date(2026, 2, 5),
                    "state": "confirmed",
                    "amount_collected": 10000,
                    "amount_payout": 10000,
                    "company_id": self.crdc.id,
                }
            ],
        )
        self.assertEqual(payout.transaction_ids, january)
        self.assertFalse(february.relance_payout_id)
        with freeze_time("2026-03-04 19:00:00"):  # Thursday 5 March
            self._run_cron()
        march = self._payouts(date(2026, 2, 1))
        self.assertEqual(march.transaction_ids, february)
        self.assertEqual(march.amount_payout, 7000)

    def test_provider_in_tahiti_uses_its_own_time_zone(self):
        """A provider company in French Polynesia (UTC-10) closes its months
        and pays out on its own local dates."""
        self.crdc.partner_id.tz = "Pacific/Tahiti"
        self.crdc.relance_territory = "PF"
        january = self._paid_tx(4000, "2026-02-01 09:30:00")  # 31 Jan 23:30
        self._paid_tx(6000, "2026-02-01 10:30:00")  # 1 Feb 00:30 in Papeete
        with freeze_time("2026-02-05 09:00:00"):  # 4 Feb 23:00 in Papeete
            self._run_cron()
        self.assertFalse(self._payouts())
        with freeze_time("2026-02-05 16:00:00"):  # 5 Feb 06:00 in Papeete
            self._run_cron()
        self.assertEqual(self._payouts().transaction_ids, january)

    def test_fifth_on_sunday_and_holiday_moves_to_next_business_day(self):
        """5 April 2026 is a Sunday and the 6th Easter Monday: payout on the 7th."""
        tx = self._paid_tx(5000, "2026-03-15 01:00:00")
        for moment in ("2026-04-04 19:00:00", "2026-04-05 19:00:00"):  # 5th, 6th
            with freeze_time(moment):
                self._run_cron()
            self.assertFalse(self._payouts(), moment)
        with freeze_time("2026-04-06 19:00:00"):  # Tuesday 7 April, 06:00
            self._run_cron()
        payout = self._payouts()
        self.assertEqual(payout.payout_date, date(2026, 4, 7))
        self.assertEqual(payout.period, date(2026, 3, 1))
        self.assertEqual(tx.relance_payout_id, payout)

    def test_company_closed_day_moves_payout(self):
        """A closed day declared by the provider company counts as a holiday."""
        self.env["relance.holiday"].create(
            {
                "company_id": self.crdc.id,
                "name": "Pont",
                "date": "2026-08-05",
                "closed": True,
            }
        )
        self._paid_tx(5000, "2026-07-10 01:00:00")
        with freeze_time("2026-08-04 19:00:00"):  # Wednesday 5 August
            self._run_cron()
        self.assertFalse(self._payouts())
        with freeze_time("2026-08-05 19:00:00"):
            self._run_cron()
        self.assertEqual(self._payouts().payout_date, date(2026, 8, 6))

    def test_cron_idempotent(self):
        """Two triggers, even days apart, make one payout and one fee invoice."""
        self._fee_rules((False, 2.0, 0))
        self._paid_tx(10000, "2026-01-10 01:00:00")
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
            self._run_cron()
        with freeze_time("2026-02-10 19:00:00"):
            self._run_cron()
        payout = self._payouts()
        self.assertEqual(len(payout), 1)
        invoices = self.env["account.move"].search(
            [("partner_id", "=", self.client.id), ("company_id", "=", self.crdc.id)]
        )
        self.assertEqual(invoices, payout.fee_move_id)

    def test_client_locked_by_another_worker_is_skipped(self):
        """A worker paying out a client holds its row; another one skips it,
        and a client already paid out for the month is not paid out again."""
        client = self.env.ref("base.main_partner")  # committed: lockable
        period = date(2026, 1, 1)
        with self.registry.cursor() as other_worker:
            other_worker.execute(
                "SELECT id FROM res_partner WHERE id = %s FOR UPDATE NOWAIT",
                [client.id],
            )
            self.assertFalse(self.Payout._relance_pay_out(self.crdc, client, period))
            other_worker.rollback()
        payout = self.Payout._relance_pay_out(self.crdc, client, period)
        self.assertEqual(payout.state, "confirmed")
        self.assertFalse(self.Payout._relance_pay_out(self.crdc, client, period))

    def test_nothing_collected_nothing_paid_out(self):
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
        self.assertFalse(self._payouts())

    def test_not_a_client_not_paid_out(self):
        self.client.with_company(self.crdc).relance_client = False
        self._paid_tx(10000, "2026-01-10 01:00:00")
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
        self.assertFalse(self._payouts())

    def test_statement_emailed_and_rendered(self):
        self._paid_tx(10000, "2026-01-10 01:00:00")
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
        payout = self._payouts()
        mail = self.env["mail.mail"].search(
            [("model", "=", "relance.payout"), ("res_id", "=", payout.id)]
        )
        self.assertEqual(mail.recipient_ids, self.client)
        self.assertIn(payout.name, mail.subject)
        html, __ = self.env["ir.actions.report"]._render_qweb_pdf(
            "relance_nc_payment.action_report_relance_payout", payout.ids
        )
        self.assertIn(b"TX-", html)
        self.assertIn(self.client.name.encode(), html)

    def test_statement_pdf_saved_once_per_payout(self):
        """A real PDF (wkhtmltopdf, one payout per call) is saved on the payout
        and reused, so that printing several payouts merges saved files."""
        report = self.env["ir.actions.report"]
        if report.get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed")
        self._paid_tx(10000, "2026-01-10 01:00:00")
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
        payout = self._payouts()
        # no asset fetch from the test server: it would wait on this transaction
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:1"
        )
        with self.allow_pdf_render():
            pdf, kind = report.with_context(
                force_report_rendering=True
            )._render_qweb_pdf(
                "relance_nc_payment.action_report_relance_payout", payout.ids
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "relance.payout"), ("res_id", "=", payout.id)]
        )
        self.assertEqual(attachment.name, f"Payout - {payout.name}.pdf")

    def test_one_payout_per_client_and_month(self):
        self._paid_tx(10000, "2026-01-10 01:00:00")
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
        payout = self._payouts()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                payout.copy()

    def test_user_reads_manager_writes(self):
        self._paid_tx(10000, "2026-01-10 01:00:00")
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
        payout = (
            self._payouts()
            .with_user(self.user)
            .with_context(allowed_company_ids=self.crdc.ids)
        )
        self.assertEqual(payout.amount_payout, 10000)
        with self.assertRaises(AccessError):
            payout.action_mark_paid()
        with self.assertRaises(AccessError):
            self.env["relance.fee.rule"].with_user(self.user).with_context(
                allowed_company_ids=self.crdc.ids
            ).create({"company_id": self.crdc.id, "partner_id": self.client.id})


@tagged("post_install", "-at_install")
class TestPayoutFees(PayoutCommon):
    def test_fee_invoice_per_brand(self):
        """Percent rounded half up per payment, plus fixed; default rule for
        brands without their own."""
        self._fee_rules((False, 2.0, 0), ("VISA", 1.5, 25), ("MASTERCARD", 2.5, 0))
        self._paid_tx(12345, "2026-01-05 01:00:00", "visa")  # 185.175 -> 185 + 25
        self._paid_tx(10000, "2026-01-06 01:00:00", "visa")  # 150 + 25
        self._paid_tx(20000, "2026-01-07 01:00:00", "mastercard")  # 500
        self._paid_tx(10001, "2026-01-08 01:00:00", "cartes_bancaires")  # 200.02
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
        payout = self._payouts()
        invoice = payout.fee_move_id
        self.assertRecordValues(
            invoice,
            [
                {
                    "move_type": "out_invoice",
                    "state": "posted",
                    "company_id": self.crdc.id,
                    "partner_id": self.client.id,
                    "invoice_date": date(2026, 2, 5),
                    "amount_total": 1085,
                }
            ],
        )
        by_brand = {
            line.name.split(" - ")[1].split(":")[0]: line.price_total
            for line in invoice.invoice_line_ids
        }
        self.assertEqual(by_brand, {"Visa": 385, "Mastercard": 500, "CB": 200})
        self.assertEqual(payout.amount_fees, 1085)
        # fees are invoiced, not deducted
        self.assertEqual(payout.amount_payout, 12345 + 10000 + 20000 + 10001)

    def test_no_rule_no_fee_invoice(self):
        self._paid_tx(10000, "2026-01-05 01:00:00")
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
        self.assertFalse(self._payouts().fee_move_id)


@tagged("post_install", "-at_install")
class TestPayoutRejections(PayoutCommon):
    def _january_payout(self, amount):
        tx = self._paid_tx(amount, "2026-01-10 01:00:00")
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
        return tx

    def test_partial_chargeback_deducted_from_next_payout(self):
        tx = self._january_payout(50000)
        rejection = self.Rejection.create(
            {"transaction_id": tx.id, "amount": 20000, "date": "2026-02-10"}
        )
        self.assertEqual(rejection.partner_id, self.client)
        mail = self.env["mail.mail"].search(
            [("model", "=", rejection._name), ("res_id", "=", rejection.id)]
        )
        self.assertEqual(mail.recipient_ids, self.client)
        self.assertIn(tx.reference, mail.subject)
        self._paid_tx(30000, "2026-02-12 01:00:00")
        with freeze_time("2026-03-04 19:00:00"):
            self._run_cron()
        march = self._payouts(date(2026, 2, 1))
        self.assertRecordValues(
            march,
            [
                {
                    "amount_collected": 30000,
                    "amount_rejected": 20000,
                    "amount_invoiced": 0,
                    "amount_payout": 10000,
                    "remainder_move_id": False,
                }
            ],
        )
        self.assertEqual(rejection.payout_id, march)
        self.assertEqual(rejection.state, "deducted")

    def test_chargeback_bigger_than_payout_is_invoiced(self):
        tx = self._january_payout(50000)
        rejection = self.Rejection.create(
            {"transaction_id": tx.id, "amount": 50000, "date": "2026-02-10"}
        )
        self._paid_tx(30000, "2026-02-12 01:00:00")
        with freeze_time("2026-03-04 19:00:00"):
            self._run_cron()
        march = self._payouts(date(2026, 2, 1))
        self.assertRecordValues(
            march,
            [
                {
                    "amount_collected": 30000,
                    "amount_rejected": 50000,
                    "amount_invoiced": 20000,
                    "amount_payout": 0,
                }
            ],
        )
        self.assertRecordValues(
            march.remainder_move_id,
            [
                {
                    "move_type": "out_invoice",
                    "state": "posted",
                    "company_id": self.crdc.id,
                    "partner_id": self.client.id,
                    "amount_total": 20000,
                }
            ],
        )
        self.assertEqual(rejection.state, "invoiced")
        # creditor side: the clearing account is back to zero
        clearing = self.creditor.relance_shop_clearing_account_id
        self.assertEqual(self._balance(clearing), 0)

    def test_rejection_alone_makes_a_payout(self):
        """No payment in February, a rejection: all of it is invoiced."""
        tx = self._january_payout(8000)
        self.Rejection.create({"transaction_id": tx.id, "amount": 3000})
        with freeze_time("2026-03-04 19:00:00"):
            self._run_cron()
        march = self._payouts(date(2026, 2, 1))
        self.assertEqual(march.amount_payout, 0)
        self.assertEqual(march.remainder_move_id.amount_total, 3000)

    def test_rejections_cannot_exceed_payment(self):
        tx = self._january_payout(8000)
        self.Rejection.create({"transaction_id": tx.id, "amount": 5000})
        with self.assertRaisesRegex(
            ValidationError, "total 8001.0, more than its amount 8000.0"
        ):
            self.Rejection.create({"transaction_id": tx.id, "amount": 3001})


@tagged("post_install", "-at_install")
class TestCreditorAccounting(PayoutCommon):
    def test_payment_method_line_set_up_with_the_provider(self):
        """Saving a live payout provider sets its payment method line up, on
        the clearing account: the first payments, arriving together, find
        one line and never create a second."""
        lines = self.env["account.payment.method.line"].search(
            [("payment_provider_id", "=", self.provider.id)]
        )
        self.assertEqual(len(lines), 1)
        self.assertEqual(
            lines.payment_account_id, self.creditor.relance_shop_clearing_account_id
        )
        self.provider.write({"state": "test"})
        self.provider.write({"state": "enabled"})
        self.assertEqual(
            self.env["account.payment.method.line"].search_count(
                [("payment_provider_id", "=", self.provider.id)]
            ),
            1,
        )

    def test_balances_after_payout(self):
        """Debtor card payments go to clearing, the payout moves them to the
        bank, fees are expenses: clearing 0, bank = collected - fees -
        chargebacks, expense = fees."""
        self._fee_rules((False, 2.0, 0))
        tx1 = self._paid_tx(50000, "2026-01-10 01:00:00")
        self._paid_tx(30000, "2026-01-20 01:00:00")
        self.assertEqual(set(tx1.invoice_ids.mapped("payment_state")), {"paid"})
        clearing = self.creditor.relance_shop_clearing_account_id
        self.assertEqual(self._balance(clearing), 80000)
        self.Rejection.create(
            {"transaction_id": tx1.id, "amount": 20000, "date": "2026-01-25"}
        )
        with freeze_time("2026-02-04 19:00:00"):
            self._run_cron()
        payout = self._payouts()
        self.assertEqual(payout.amount_payout, 60000)
        self.assertEqual(payout.amount_fees, 1600)
        # the creditor pays the fee bill from its bank account
        bill = payout.creditor_move_ids.filtered(lambda m: m.move_type == "in_invoice")
        self.assertEqual(bill.amount_total, 1600)
        bank_account = self.bank_journal.default_account_id
        self.bank_journal.outbound_payment_method_line_ids.payment_account_id = (
            bank_account
        )
        register = self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bill.ids
        )
        register.create(
            {"journal_id": self.bank_journal.id, "payment_date": "2026-02-06"}
        )._create_payments()
        expense = bill.invoice_line_ids.account_id
        self.assertEqual(self._balance(clearing), 0)
        self.assertEqual(self._balance(bank_account), 80000 - 1600 - 20000)
        self.assertEqual(self._balance(expense), 1600)
        # the debtor owes the charged-back amount again
        debtor = self.debtor.with_company(self.creditor)
        receivable = debtor.property_account_receivable_id
        self.assertEqual(self._balance(receivable), 20000)
