# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.relance_nc.tests.common_isolation import IsolationMixin


@tagged("post_install", "-at_install")
class TestSharedAnnouncements(IsolationMixin, AccountTestInvoicingCommon):
    """Announcements and their sources are shared by every creditor: a
    creditor's staff read them, only the provider's staff change them (a
    creditor must not alter or delete what every other creditor relies on,
    nor read the provider's feed key)."""

    country_code = "NC"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_isolation()
        # Entered by the provider's staff (here as superuser).
        cls.procedure = (
            cls.env["relance.insolvency.procedure"]
            .sudo()
            .create(
                {
                    "debtor_name": "SARL Boulangerie du Caillou",
                    "judgment_date": "2026-02-15",
                }
            )
        )
        cls.source = (
            cls.env["relance.insolvency.source"]
            .sudo()
            .create(
                {
                    "name": "CRDC",
                    "kind": "provider",
                    "url": "https://crdc.example.nc/relance/insolvency/feed",
                    "api_key": "provider-secret",
                }
            )
        )
        cls.agent = new_test_user(
            cls.env,
            login="isolation_provider_agent",
            groups="relance_nc.group_relance_provider_agent",
            company_id=cls.company_a.id,
        )

    def test_creditor_staff_read_but_do_not_change(self):
        for user in self.user_a | self.manager_a:
            with self.subTest(user=user.login):
                procedure = self._as(user, self.procedure._name).browse(
                    self.procedure.id
                )
                self.assertEqual(procedure.debtor_name, "SARL Boulangerie du Caillou")
                with self.assertRaises(AccessError):
                    procedure.write({"judgment_date": "2020-01-01"})
                with self.assertRaises(AccessError):
                    procedure.unlink()
                with self.assertRaises(AccessError):
                    procedure.create(
                        {"debtor_name": "Forged", "judgment_date": "2026-01-01"}
                    )
                source = self._as(user, self.source._name).browse(self.source.id)
                self.assertEqual(source.name, "CRDC")
                with self.assertRaises(AccessError):
                    source.read(["api_key"])
                with self.assertRaises(AccessError):
                    source.write({"url": "https://evil.example.com/feed"})
                with self.assertRaises(AccessError):
                    source.unlink()
        self.assertEqual(str(self.procedure.judgment_date), "2026-02-15")
        self.assertEqual(self.source.sudo().api_key, "provider-secret")

    def test_provider_staff_enter_announcements(self):
        procedure = self._as(self.agent, self.procedure._name).browse(self.procedure.id)
        procedure.write({"publication_ref": "JONC n° 10512"})
        self.assertEqual(self.procedure.publication_ref, "JONC n° 10512")
        created = procedure.create(
            {"debtor_name": "SAS Nickel", "judgment_date": "2026-03-01"}
        )
        self.assertTrue(created.exists())
        # The sources and their key stay the provider manager's.
        with self.assertRaises(AccessError):
            self._as(self.agent, self.source._name).browse(self.source.id).read(
                ["api_key"]
            )
