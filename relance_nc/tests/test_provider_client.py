# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, new_test_user, tagged

from .common_provider import RelanceProviderCommon


def fixed_price_item(product, price, **vals):
    """A pricelist item creation command: ``product`` at ``price``."""
    return Command.create(
        {
            "applied_on": "0_product_variant",
            "product_id": product.id,
            "compute_price": "fixed",
            "fixed_price": price,
            **vals,
        }
    )


@tagged("post_install", "-at_install")
class TestProviderClient(RelanceProviderCommon):
    def test_company_and_partner_find_their_client(self):
        self.assertEqual(self.company._relance_client(), self.client)
        self.assertEqual(
            self.portal_creditor._relance_client(self.provider), self.portal_client
        )
        self.assertFalse(self.provider._relance_client())

    def test_unsubscribed_option_is_refused(self):
        self.client.option_ids -= self.env.ref("relance_nc.service_option_sms")
        self.client._check_option("email")
        with self.assertRaisesRegex(UserError, "SMS reminders"):
            self.client._check_option("sms")
        self.client.action_suspend()
        with self.assertRaisesRegex(UserError, "not an active"):
            self.client._check_option("email")

    def test_credit_limit_refuses_services_past_it(self):
        self.client.write({"billing_mode": "deferred", "credit_limit": 1000})
        # 30 SMS at 25 not invoiced yet: 750 owed, below the limit
        self.Usage._relance_record(self.client, self.sms, 30, None, "a")
        self.assertEqual(self.client.credit_exposure, 750)
        self.assertFalse(self.client.credit_exceeded)
        self.client._check_option("sms")
        # 10 more: 1 000 owed, the limit is reached
        self.Usage._relance_record(self.client, self.sms, 10, None, "b")
        self.client.invalidate_recordset(["credit_exposure", "credit_exceeded"])
        self.assertTrue(self.client.credit_exceeded)
        with self.assertRaisesRegex(UserError, "credit limit"):
            self.client._check_option("sms")
        # a card client, or a client without limit, is never refused
        self.client.credit_limit = 0
        self.client._check_option("sms")

    def test_credit_exposure_counts_unpaid_invoices(self):
        self.client.write({"billing_mode": "deferred", "credit_limit": 5000})
        invoice = (
            self.env["account.move"]
            .with_company(self.provider)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.client.partner_id.id,
                    "relance_client_id": self.client.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.call.id,
                                "quantity": 1,
                                "price_unit": 4000,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(self.client.credit_exposure, 0)
        invoice.action_post()
        self.client.invalidate_recordset(["credit_exposure", "credit_exceeded"])
        self.assertEqual(self.client.credit_exposure, 4000)
        self.client._check_credit(1000)
        with self.assertRaisesRegex(UserError, "credit limit"):
            self.client._check_credit(1001)

    def test_mandate_needs_date_document_and_active_client(self):
        with self.assertRaisesRegex(UserError, "no valid claim-declaration mandate"):
            self.client._check_mandate()
        document = self.env["ir.attachment"].create(
            {"name": "mandat.pdf", "raw": b"%PDF-1.4"}
        )
        self.client.write(
            {
                "mandate_date": date(2026, 1, 5),
                "mandate_attachment_id": document.id,
                "mandate_scope": "declare",
            }
        )
        self.assertTrue(self.client.has_valid_mandate)
        self.client._check_mandate()
        with self.assertRaisesRegex(UserError, "not representation"):
            self.client._check_mandate(represent=True)
        self.assertEqual(
            self.env["relance.client"].search(
                [("has_valid_mandate", "=", False), ("id", "in", self.client.ids)]
            ),
            self.env["relance.client"],
        )

    def test_annual_contract_dates(self):
        self.client.write(
            {
                "annual_contract": True,
                "contract_date_start": date(2026, 1, 1),
                "contract_date_end": date(2026, 12, 31),
            }
        )
        self.assertTrue(self.client.has_annual_contract_at(date(2026, 6, 1)))
        self.assertFalse(self.client.has_annual_contract_at(date(2027, 1, 1)))

    def test_pricelist_price_at_the_event_date(self):
        self.pricelist.item_ids = [
            fixed_price_item(self.sms, 18, date_end="2026-10-31 23:59:59"),
            fixed_price_item(self.sms, 20, date_start="2026-11-01 00:00:00"),
        ]
        october = self.Usage._relance_record(
            self.client, self.sms, 3, None, "sms:1", date=date(2026, 10, 30)
        )
        november = self.Usage._relance_record(
            self.client, self.sms, 2, None, "sms:2", date=date(2026, 11, 2)
        )
        self.assertRecordValues(
            october | november,
            [
                {"price_unit": 18, "amount": 54, "state": "to_invoice"},
                {"price_unit": 20, "amount": 40, "state": "to_invoice"},
            ],
        )

    def test_usage_is_recorded_once_per_event(self):
        first = self.Usage._relance_record(self.client, self.email, 1, None, "k1")
        again = self.Usage._relance_record(self.client, self.email, 1, None, "k1")
        self.assertEqual(first, again)
        inserted = self.Usage._relance_record_many(
            [
                {
                    "client_id": self.client.id,
                    "product_id": self.email.id,
                    "quantity": 1,
                    "event_key": key,
                }
                for key in ("k1", "k2", "k2", "k3")
            ]
        )
        self.assertEqual(inserted, 2)
        self.assertEqual(
            self.Usage.search_count([("client_id", "=", self.client.id)]), 3
        )

    def test_agent_reads_clients_but_cannot_change_them(self):
        agent = new_test_user(
            self.env,
            login="crdc_agent",
            groups="relance_nc.group_relance_provider_agent",
            company_id=self.provider.id,
        )
        client = self.client.with_user(agent).with_context(
            allowed_company_ids=self.provider.ids
        )
        self.assertEqual(client.name, self.company.partner_id.name)
        with self.assertRaises(AccessError):
            client.write({"state": "closed"})


@tagged("post_install", "-at_install")
class TestProviderIsolation(RelanceProviderCommon):
    """A client's portal user and a hosted creditor's user never see another
    client's records."""

    MODELS = ("relance.client", "relance.usage.line", "account.move")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_creditor = cls.env["res.partner"].create(
            {"name": "Garage de Bourail", "is_company": True}
        )
        cls.other_client = cls._create_client(cls.other_creditor)
        for client in cls.client | cls.portal_client | cls.other_client:
            cls.Usage._relance_record(
                client, cls.email, 1, None, "seed", date=date(2026, 9, 15)
            )
        with freeze_time("2026-10-01 02:00"):
            for client in cls.client | cls.portal_client | cls.other_client:
                client._relance_invoice_usage(date(2026, 10, 1))
        cls.portal_user = cls._portal_user(cls.portal_creditor, "kone")
        cls.hosted_user = new_test_user(
            cls.env,
            login="caillou",
            groups="relance_nc.group_relance_user",
            company_id=cls.company.id,
        )

    def _visible(self, user, companies):
        env = self.env(user=user, context={"allowed_company_ids": companies.ids})
        seen = {}
        for model in self.MODELS:
            records = env[model].search([])
            if model == "account.move":
                records = records.filtered("relance_client_id").sudo()
                seen[model] = records.relance_client_id
            elif model == "relance.client":
                seen[model] = records.sudo()
            else:
                seen[model] = records.sudo().client_id
        return seen

    def test_portal_user_sees_only_its_client(self):
        for model, clients in self._visible(self.portal_user, self.provider).items():
            with self.subTest(model=model):
                self.assertEqual(clients, self.portal_client)

    def test_hosted_creditor_user_sees_only_its_client(self):
        for model, clients in self._visible(self.hosted_user, self.company).items():
            with self.subTest(model=model):
                if model == "account.move":  # invoices are the provider's
                    self.assertFalse(clients)
                else:
                    self.assertEqual(clients, self.client)


@tagged("post_install", "-at_install")
class TestUsageRecordingQueries(RelanceProviderCommon):
    def _record(self, count, prefix):
        vals = [
            {
                "client_id": (self.client if i % 2 else self.portal_client).id,
                "product_id": (self.sms if i % 3 else self.email).id,
                "quantity": 1,
                "event_key": f"{prefix}:{i}",
                "date": date(2026, 10, 1 + i % 5),
            }
            for i in range(count)
        ]
        self.env.invalidate_all()
        queries = self.cr.sql_log_count
        self.Usage._relance_record_many(vals)
        return self.cr.sql_log_count - queries

    def test_no_query_per_usage_line(self):
        self.pricelist.item_ids = [fixed_price_item(self.sms, 18)]
        small = self._record(20, "a")
        large = self._record(400, "b")
        self.assertLessEqual(large, small, (small, large))
        self.assertEqual(
            set(
                self.Usage.search([("product_id", "=", self.sms.id)]).mapped(
                    "price_unit"
                )
            ),
            {18},
        )
