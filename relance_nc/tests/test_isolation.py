# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common_isolation import (
    ISOLATION_FACTORIES,
    SHARED_MODELS,
    IsolationMixin,
    load_isolation_factories,
    relance_models,
)


@tagged("post_install", "-at_install")
class TestTenantIsolation(IsolationMixin, AccountTestInvoicingCommon):
    """Every model of the relance.nc add-ons, read, searched, written and
    deleted by another creditor's staff and by a portal user."""

    country_code = "NC"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_isolation()
        load_isolation_factories(cls.env)
        cls.models = relance_models(cls.env)

    def test_every_model_has_a_factory_or_is_shared(self):
        missing = sorted(
            name
            for name in self.models
            if name not in ISOLATION_FACTORIES and name not in SHARED_MODELS
        )
        self.assertFalse(
            missing,
            "Register an isolation factory (tests/isolation_factories.py) for: %s"
            % ", ".join(missing),
        )

    def test_shared_models_have_no_company(self):
        for name in SHARED_MODELS:
            if name in self.models:
                self.assertNotIn("company_id", self.models[name]._fields, name)

    def test_models_with_company_have_a_global_company_rule(self):
        rules = self.env["ir.rule"].search(
            [("global", "=", True), ("model_id.model", "in", list(self.models))]
        )
        ruled = {
            rule.model_id.model
            for rule in rules
            if "company_ids" in (rule.domain_force or "")
        }
        unruled = sorted(
            name
            for name, model in self.models.items()
            if "company_id" in model._fields and name not in ruled
        )
        self.assertFalse(unruled, "No multi-company ir.rule on: %s" % unruled)

    def test_other_creditor_records_are_out_of_reach(self):
        for name in sorted(self.models):
            factory = ISOLATION_FACTORIES.get(name)
            if not factory:
                continue
            with self.subTest(model=name), self.env.cr.savepoint():
                records = factory(self, self.company_b)
                if "company_id" in records._fields:
                    self.assertEqual(records.sudo().company_id, self.company_b, name)
                self.assertIsolated(records)

    def test_own_records_stay_visible(self):
        """The rules do not hide a creditor's own data from its staff, and
        hide it from the other creditor's."""
        for name in sorted(self.models):
            factory = ISOLATION_FACTORIES.get(name)
            if not factory:
                continue
            with self.subTest(model=name), self.env.cr.savepoint():
                records = factory(self, self.company_a)
                found = self._as(self.user_a, name).search([("id", "in", records.ids)])
                self.assertEqual(found, records.with_user(self.user_a), name)
                # and the other way round: B's user reaches none of A's.
                self.assertIsolated(records, users=self.user_b)

    def test_shared_models_hidden_from_portal(self):
        for name in SHARED_MODELS:
            if name not in self.models:
                continue
            with self.subTest(model=name), self.assertRaises(AccessError):
                self._as(self.portal_user, name).search([], limit=1)


@tagged("post_install", "-at_install")
class TestTermsAcceptanceRights(IsolationMixin, AccountTestInvoicingCommon):
    """Only a relance.nc administrator of a company accepts its terms."""

    country_code = "NC"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_isolation()
        cls.Acceptance = cls.env["relance.terms.acceptance"]

    def _accept_as(self, user, company):
        company.with_user(user).with_context(
            allowed_company_ids=user.company_ids.ids
        ).action_relance_accept_terms()

    def test_manager_accepts_for_own_company_under_own_name(self):
        self._accept_as(self.manager_a, self.company_a)
        acceptance = self.Acceptance.search([("company_id", "=", self.company_a.id)])
        self.assertRecordValues(acceptance, [{"user_id": self.manager_a.id}])
        self.assertTrue(self.company_a.relance_terms_accepted)

    def test_other_company_refused(self):
        with self.assertRaises(AccessError):
            self._accept_as(self.manager_a, self.company_b)
        self.assertFalse(
            self.Acceptance.search([("company_id", "=", self.company_b.id)])
        )

    def test_acceptance_cannot_be_forged_over_rpc(self):
        """Accepted through the action only: no direct create naming someone."""
        with self.assertRaises(AccessError):
            self.Acceptance.with_user(self.manager_a).create(
                {
                    "company_id": self.company_a.id,
                    "user_id": self.user_a.id,
                    "accepted_on": "2026-01-01 00:00:00",
                    "version": "forged",
                }
            )

    def test_user_and_portal_refused(self):
        for user in self.user_a | self.portal_user:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._accept_as(user, self.company_a)
        self.assertFalse(
            self.Acceptance.search([("company_id", "=", self.company_a.id)])
        )
