# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.relance_nc.tests.common_provider import RelanceProviderCommon

from .common import JUDGMENT

CSV_A = (
    "Nom;RIDET;Adresse\n"
    "Boulangerie du Caillou;1 231 083.002;Nouméa\n"
    "Garage de Koné;0300137001;Koné\n"
    "Sans RIDET;;\n"
    "Faux;12AB;\n"
).encode()


class InsolvencyProviderCommon(RelanceProviderCommon):
    """A provider, a hosted client and two portal clients with watch lists."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Watch = cls.env["relance.insolvency.watch"]
        cls.Case = cls.env["relance.insolvency.case"]
        cls.other_creditor = cls.env["res.partner"].create(
            {"name": "Pharmacie du Sud", "is_company": True}
        )
        cls.other_client = cls._create_client(cls.other_creditor)
        cls.user_a = cls._portal_user(cls.portal_creditor, "portal_a")
        cls.user_b = cls._portal_user(cls.other_creditor, "portal_b")

    @classmethod
    def _procedure(cls, **vals):
        return cls.env["relance.insolvency.procedure"].create(
            {
                "debtor_name": "SARL Boulangerie du Caillou",
                "ridet": "1231083001",
                "kind": "liquidation",
                "judgment_date": JUDGMENT,
                "publication_date": "2026-02-20",
                **vals,
            }
        )

    def _as(self, user, model):
        return self.env(
            user=user, context={"allowed_company_ids": user.company_ids.ids}
        )[model]

    def _mandate(self, client):
        attachment = self.env["ir.attachment"].create(
            {"name": "Mandat signé.pdf", "datas": base64.b64encode(b"%PDF-1.4")}
        )
        client.write(
            {
                "mandate_date": "2026-01-02",
                "mandate_scope": "declare_represent",
                "mandate_attachment_id": attachment.id,
            }
        )


@tagged("post_install", "-at_install")
class TestClientWatch(InsolvencyProviderCommon):
    def test_upload_replaces_the_list_and_reports(self):
        with freeze_time("2026-03-02 00:00"):
            report = self.Watch._replace_client_list(
                self.portal_client, CSV_A, "clients.csv"
            )
        self.assertEqual(report["added"], 2)
        self.assertEqual(report["removed"], 0)
        self.assertEqual(
            report["rejected"],
            [
                {"line": 4, "reason": "missing RIDET"},
                {"line": 5, "reason": "invalid RIDET '12AB'"},
            ],
        )
        watched = self.portal_client.relance_insolvency_watch_ids
        self.assertEqual(set(watched.mapped("rid")), {"1231083", "0300137"})
        self.assertEqual(set(watched.mapped("origin")), {"upload"})
        # One transmission a day.
        with (
            freeze_time("2026-03-02 05:00"),
            self.assertRaisesRegex(UserError, "already received today"),
        ):
            self.Watch._replace_client_list(self.portal_client, CSV_A, "clients.csv")
        # The next day's file replaces the list.
        with freeze_time("2026-03-03 00:00"):
            report = self.Watch._replace_client_list(
                self.portal_client,
                b"name,ridet\nGarage de Kone,0300137001\nEpicerie,0426049001\n",
                "clients.csv",
            )
        self.assertEqual((report["added"], report["removed"]), (1, 1))
        self.assertEqual(
            set(self.portal_client.relance_insolvency_watch_ids.mapped("rid")),
            {"0300137", "0426049"},
        )

    def test_upload_xlsx_and_unreadable_file(self):
        import openpyxl  # noqa: PLC0415

        book = openpyxl.Workbook()
        book.active.append(["Raison sociale", "RIDET", "Adresse"])
        book.active.append(["Boulangerie du Caillou", 1231083002, "Nouméa"])
        book.active.append(["Ancien RID", 426049, ""])
        buffer = io.BytesIO()
        book.save(buffer)
        report = self.Watch._replace_client_list(
            self.portal_client, buffer.getvalue(), "clients.xlsx"
        )
        self.assertEqual(report["added"], 2)
        self.assertIn(
            "0426049", self.portal_client.relance_insolvency_watch_ids.mapped("rid")
        )
        with self.assertRaisesRegex(UserError, "cannot be read"):
            self.Watch._replace_client_list(
                self.other_client, b"not a zip", "clients.xlsx"
            )

    def test_upload_needs_the_option(self):
        self.portal_client.option_ids = self.portal_client.option_ids.filtered(
            lambda o: o.code != "insolvency"
        )
        with self.assertRaises(UserError):
            self.Watch._replace_client_list(self.portal_client, CSV_A, "c.csv")

    def test_alerts_are_isolated_between_clients(self):
        self.Watch._replace_client_list(self.portal_client, CSV_A, "clients.csv")
        self.Watch._replace_client_list(
            self.other_client, b"nom;ridet\nPharmacie;0426049001\n", "c.csv"
        )
        case = self.Case._match_procedures(self._procedure())
        self.assertRecordValues(
            case,
            [
                {
                    "client_id": self.portal_client.id,
                    "method": "ridet",
                    "state": "active",
                    "name": "Boulangerie du Caillou",
                }
            ],
        )
        self.assertIn(self.portal_creditor, case.message_ids[0].notified_partner_ids)
        self.assertEqual(
            self._as(self.user_a, "relance.insolvency.case").search([]), case
        )
        self.assertFalse(self._as(self.user_b, "relance.insolvency.case").search([]))
        with self.assertRaises(AccessError):
            case.with_env(self._as(self.user_b, "res.partner").env).read(["name"])
        self.assertFalse(
            self._as(self.user_b, "relance.insolvency.watch").search(
                [("client_id", "=", self.portal_client.id)]
            )
        )
        self.assertEqual(
            len(self._as(self.user_a, "relance.insolvency.watch").search([])), 2
        )

    def test_provider_declares_only_under_mandate(self):
        self.Watch._replace_client_list(self.portal_client, CSV_A, "clients.csv")
        case = self.Case._match_procedures(self._procedure())
        admin = self.env["res.partner"].create(
            {"name": "SELARL MJ", "email": "mj@example.nc"}
        )
        wizard = (
            self.env["relance.insolvency.declaration.wizard"]
            .with_context(default_case_id=case.id)
            .create({"administrator_partner_id": admin.id, "send_method": "email"})
        )
        self.assertEqual(wizard.declarant, "provider")
        with self.assertRaisesRegex(UserError, "no valid claim-declaration mandate"):
            wizard.action_send()
        self.assertEqual(case.declaration_state, "to_declare")
        self._mandate(self.portal_client)
        wizard.action_send()
        self.assertRecordValues(
            case, [{"declaration_state": "declared", "declared_by_provider": True}]
        )
        usage = self.Usage.search(
            [
                ("client_id", "=", self.portal_client.id),
                (
                    "product_id",
                    "=",
                    self.env.ref(
                        "relance_nc.product_service_insolvency_declaration"
                    ).id,
                ),
            ]
        )
        self.assertEqual(usage.quantity, 1)

    def test_creditor_declares_for_itself_without_mandate(self):
        customer = self.env["res.partner"].create(
            {
                "name": "Boulangerie du Caillou",
                "ridet": "1231083002",
                "customer_rank": 1,
                "is_company": True,
                "company_id": self.company.id,
            }
        )
        self.company.relance_insolvency_watch_all = True
        self._invoice(customer, 10_000, "2026-01-05", "2026-01-20")
        case = self.Case._match_procedures(self._procedure()).filtered(
            lambda c: c.company_id == self.company
        )
        self.assertEqual(case.client_id, self.client)
        admin = self.env["res.partner"].create(
            {"name": "SELARL MJ", "email": "mj@example.nc"}
        )
        wizard = (
            self.env["relance.insolvency.declaration.wizard"]
            .with_context(default_case_id=case.id)
            .create(
                {
                    "administrator_partner_id": admin.id,
                    "send_method": "email",
                    "declarant": "creditor",
                }
            )
        )
        wizard.action_send()
        self.assertFalse(case.declared_by_provider)
        # The provider declaring for this hosted client needs the mandate.
        case.declaration_state = "to_declare"
        wizard = wizard.copy({"declarant": "provider"})
        with self.assertRaisesRegex(UserError, "mandate"):
            wizard.action_send()

    def test_watched_customers_are_billed_once_a_month(self):
        self.Watch._replace_client_list(self.portal_client, CSV_A, "clients.csv")
        product = self.env.ref("relance_nc.product_service_insolvency_watch")
        with freeze_time("2026-03-10"):
            self.Watch._cron_record_usage()
            self.Watch._cron_record_usage()
        lines = self.Usage.search([("product_id", "=", product.id)])
        line = lines.filtered(lambda u: u.client_id == self.portal_client)
        self.assertEqual(line.quantity, 2)
        self.assertEqual(
            line.event_key, f"insolvency_watch:{self.portal_client.id}:2026-03"
        )
        self.assertFalse(lines.filtered(lambda u: u.client_id == self.other_client))
        with freeze_time("2026-04-02"):
            self.Watch._cron_record_usage()
        self.assertEqual(
            self.Usage.search_count(
                [
                    ("product_id", "=", product.id),
                    ("client_id", "=", self.portal_client.id),
                ]
            ),
            2,
        )

    def test_provider_dashboard_queue(self):
        self.Watch._replace_client_list(self.portal_client, CSV_A, "clients.csv")
        self.Case._match_procedures(self._procedure())
        queues = {
            q["key"]: q
            for q in self.env["relance.provider.dashboard"]
            .with_company(self.provider)
            ._relance_queues()
        }
        self.assertEqual(queues["insolvency"]["count"], 1)
        self.assertEqual(
            queues["insolvency"]["action"]["res_model"], "relance.insolvency.case"
        )


@tagged("post_install", "-at_install")
class TestClientWatchHttp(HttpCase, InsolvencyProviderCommon):
    def test_api_upload_and_portal_page(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.user_a)
            .sudo()
            ._generate(None, "watch", fields.Datetime.now() + timedelta(days=1))
        )
        url = "/relance/insolvency/watchlist?filename=clients.csv"
        self.assertEqual(self.url_open(url, data=CSV_A).status_code, 401)
        response = self.url_open(
            url, data=CSV_A, headers={"Authorization": f"Bearer {key}"}
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["added"], 2)
        self.assertEqual(len(response.json()["rejected"]), 2)
        again = self.url_open(
            url, data=CSV_A, headers={"Authorization": f"Bearer {key}"}
        )
        self.assertEqual(again.status_code, 429)
        self.Case._match_procedures(self._procedure())
        self.authenticate("portal_a", "portal_a")
        page = self.url_open("/my/insolvency")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Boulangerie du Caillou", page.text)
        self.assertIn("Watched customers", page.text)
        self.authenticate("portal_b", "portal_b")
        page = self.url_open("/my/insolvency")
        self.assertNotIn("Boulangerie du Caillou", page.text)
