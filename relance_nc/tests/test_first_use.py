# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import new_test_user, tagged

from .common import RelanceCommon


@tagged("post_install", "-at_install")
class TestFirstUse(RelanceCommon):
    """A new database is usable before any reminder run."""

    def _default_policy(self, company):
        return self.env["relance.policy"].search(
            [("company_id", "=", company.id), ("is_default", "=", True)]
        )

    def test_every_company_has_the_standard_policy_from_installation(self):
        companies = self.env["res.company"].search([])
        policies = self.env["relance.policy"].search([("is_default", "=", True)])
        self.assertEqual(policies.company_id, companies)
        self.assertEqual(len(self._default_policy(self.company).level_ids), 5)

    def test_company_created_later_gets_the_policy_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        company = self.env["res.company"].create({"name": "Boulangerie de Koné"})
        policy = self._default_policy(company)
        self.assertEqual(len(policy), 1)
        french = policy.with_context(lang="fr_FR")
        self.assertEqual(french.name, "Relances standard")
        self.assertEqual(
            french.level_ids.sorted("sequence")[:1].name, "Relance de courtoisie"
        )
        self.assertEqual(policy.with_context(lang="en_US").name, "Standard reminders")

    def test_company_created_without_reminder_rights_gets_the_policy(self):
        admin = new_test_user(
            self.env,
            login="company_admin",
            groups="base.group_erp_manager,base.group_partner_manager",
        )
        company = (
            self.env["res.company"]
            .with_user(admin)
            .create({"name": "Pêcherie de Hienghène"})
        )
        self.assertEqual(len(self._default_policy(company)), 1)

    def test_run_preview_has_a_title(self):
        preview = self.env["relance.run.preview"].create({"day": date(2026, 10, 8)})
        self.assertEqual(preview.display_name, "Reminder run of 10/08/2026")
        self.env["res.lang"]._activate_lang("fr_FR")
        french = preview.with_context(lang="fr_FR")
        self.assertEqual(french.display_name, "Relances du 08/10/2026")
