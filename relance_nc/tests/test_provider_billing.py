# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import freeze_time, tagged

from .common_provider import RelanceProviderCommon


@tagged("post_install", "-at_install")
class TestMonthEndInvoicing(RelanceProviderCommon):
    def _record(self, client, product, quantity, key, day):
        return self.Usage._relance_record(client, product, quantity, None, key, day)

    def _run_cron(self, moment):
        with freeze_time(moment), self.enter_registry_test_mode():
            self.env.ref(
                "relance_nc.ir_cron_relance_invoice_usage"
            ).method_direct_trigger()

    def _invoices(self, client=None):
        return self.env["account.move"].search(
            [("relance_client_id", "in", (client or self.client).ids)]
        )

    def test_one_invoice_per_client_with_lines_per_product(self):
        self.client.write(
            {
                "billing_mode": "deferred",
                "payment_term_id": self.env.ref(
                    "account.account_payment_term_30days"
                ).id,
            }
        )
        usage = (
            self._record(self.client, self.sms, 2, "a", date(2026, 10, 3))
            | self._record(self.client, self.sms, 1, "b", date(2026, 10, 30))
            | self._record(self.client, self.email, 1, "c", date(2026, 10, 31))
        )
        november = self._record(self.client, self.email, 1, "d", date(2026, 11, 1))
        # 1 November, 00:30 in Nouméa (13:30 UTC on the 31st)
        self._run_cron("2026-10-31 13:30")
        invoice = self._invoices()
        self.assertEqual(len(invoice), 1)
        self.assertRecordValues(
            invoice,
            [
                {
                    "state": "posted",
                    "partner_id": self.client.partner_id.id,
                    "company_id": self.provider.id,
                    "invoice_date": date(2026, 11, 1),
                    "invoice_payment_term_id": self.env.ref(
                        "account.account_payment_term_30days"
                    ).id,
                    "amount_untaxed": 3 * 25 + 10,
                }
            ],
        )
        self.assertRecordValues(
            invoice.invoice_line_ids.sorted(lambda line: line.product_id.code),
            [
                {"product_id": self.email.id, "quantity": 1, "price_unit": 10},
                {"product_id": self.sms.id, "quantity": 3, "price_unit": 25},
            ],
        )
        self.assertEqual(set(usage.mapped("state")), {"invoiced"})
        self.assertEqual(usage.move_id, invoice)
        sms_line = invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.sms
        )
        sms_usage = usage.filtered(lambda u: u.product_id == self.sms)
        self.assertEqual(sms_usage.invoice_line_id, sms_line)
        self.assertEqual(november.state, "to_invoice")

    def test_no_usage_no_invoice(self):
        self._record(self.client, self.sms, 1, "a", date(2026, 10, 15))
        self._run_cron("2026-10-31 13:30")
        self.assertFalse(self._invoices(self.portal_client))
        self.assertEqual(len(self._invoices()), 1)

    def test_rerun_creates_nothing_twice(self):
        self._record(self.client, self.sms, 1, "a", date(2026, 10, 15))
        self._run_cron("2026-10-31 13:30")
        self._run_cron("2026-10-31 13:45")
        self._run_cron("2026-11-01 13:30")
        self.assertEqual(len(self._invoices()), 1)

    def test_before_the_first_in_noumea_nothing_is_invoiced(self):
        self._record(self.client, self.sms, 1, "a", date(2026, 10, 15))
        # 31 October, 23:00 in Nouméa
        self._run_cron("2026-10-31 12:00")
        self.assertFalse(self._invoices())

    def test_month_end_invoice_lines_carry_the_tgc_on_services(self):
        nc = self.env.ref("base.nc")
        self.provider.account_fiscal_country_id = nc
        tax = self.provider._relance_tgc_tax()
        self.assertRecordValues(
            tax,
            [
                {
                    "amount": 6.0,
                    "amount_type": "percent",
                    "type_tax_use": "sale",
                    "company_id": self.provider.id,
                    "country_id": nc.id,
                }
            ],
        )
        # every company's taxes of the shared product: read as superuser
        provider_taxes = self.sms.sudo().taxes_id.filtered(
            lambda t: t.company_id == self.provider
        )
        self.assertEqual(provider_taxes, tax)
        # idempotent: a second setup creates no second tax
        self.provider._relance_setup_tgc()
        self.assertEqual(
            self.env["account.tax"].search_count(
                [("company_id", "=", self.provider.id), ("amount", "=", 6.0)]
            ),
            1,
        )
        # 20 SMS at 25 and 10 emails at 10: 600 excl. tax, 36 of TGC
        self._record(self.client, self.sms, 20, "a", date(2026, 10, 3))
        self._record(self.client, self.email, 10, "b", date(2026, 10, 4))
        self._run_cron("2026-10-31 13:30")
        invoice = self._invoices()
        self.assertEqual(invoice.invoice_line_ids.tax_ids, tax)
        self.assertRecordValues(
            invoice,
            [{"amount_untaxed": 600, "amount_tax": 36, "amount_total": 636}],
        )

    def test_a_provider_outside_new_caledonia_gets_no_tgc(self):
        self.provider._relance_setup_tgc()
        self.assertFalse(
            self.env.ref(
                f"relance_nc.{self.provider.id}_tax_tgc_services",
                raise_if_not_found=False,
            )
        )
