# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import new_test_user

from .common_provider import RelanceProviderCommon


class RelanceCaseCommon(RelanceProviderCommon):
    """The provider's clients (the test company hosted, a portal creditor),
    the provider's staff and factories of collection cases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider.write(
            {
                "country_id": cls.env.ref("base.nc").id,
                "email": "contact@crdc.example.nc",
                "street": "1 rue de l'Alma",
                "city": "Nouméa",
            }
        )
        cls.Case = cls.env["relance.case"]
        cls.eco = cls.env.ref("relance_nc.product_service_case_eco")
        cls.classic_full = cls.env.ref("relance_nc.product_service_case_classic_full")
        cls.classic_after_eco = cls.env.ref(
            "relance_nc.product_service_case_classic_after_eco"
        )
        cls.creditor_user = new_test_user(
            cls.env,
            login="creditor_user",
            groups="relance_nc.group_relance_user",
            company_id=cls.company.id,
        )
        cls.staff_user = new_test_user(
            cls.env,
            login="crdc_staff",
            groups="relance_nc.group_relance_provider_agent",
            company_id=cls.provider.id,
            company_ids=cls.provider.ids,
        )

    def _case_invoice(self, amount=11300.0, invoice_date=date(2026, 3, 1), due=None):
        return self._invoice(
            self.customer, amount, invoice_date, due or date(2026, 3, 31)
        )

    def _new_case(self, moves):
        case = self.Case._create_from_invoices(moves)
        case.payment_instructions = "Virement sur le compte 12345 00001 0000001 88"
        return case

    def _submit(self, case, user=None):
        wizard = (
            self.env["relance.case.submit.wizard"]
            .with_user(user or self.creditor_user)
            .with_context(allowed_company_ids=self.company.ids)
            .create({"case_id": case.id, "accept": True})
        )
        wizard.action_confirm()
        return case

    def _as(self, user, model="relance.case"):
        """``model`` as ``user`` in its own companies."""
        return (
            self.env[model]
            .with_user(user)
            .with_context(allowed_company_ids=user.company_ids.ids)
        )

    def _creditor(self, records):
        """``records`` as the hosted creditor's user."""
        return records.with_user(self.creditor_user).with_context(
            allowed_company_ids=self.company.ids
        )

    def _load_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["relance_nc"], ["fr_FR"], overwrite=True
        )
