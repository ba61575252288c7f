# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tenant isolation: one creditor's users never see or change another's data.

How a model is covered
----------------------
``TestTenantIsolation`` (``test_isolation.py``) walks over every stored model
defined by an add-on whose name starts with ``relance_nc`` (transient models
excepted) and needs, for each, either

* a **factory** registered with :func:`isolation_factory`: a function
  ``factory(case, company)`` that creates (as the test's superuser) and
  returns a record belonging to ``company``; or
* a **shared** declaration with :func:`shared_model`, for a model that has no
  ``company_id`` because its data is common to every creditor (the public
  registers): creditors may read it, portal users may not.

Each add-on keeps its factories in ``tests/isolation_factories.py``; the test
imports that module of every installed ``relance_nc*`` add-on, so that a model
added later is covered as soon as its factory is written, and the test fails
while a model of ours has neither a factory nor a shared declaration.

:class:`IsolationMixin` gives other tests two creditor companies (A and B,
each with a relance.nc user and manager), a portal user, and
:meth:`IsolationMixin.assertIsolated`.
"""

import importlib

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

#: model name -> factory(case, company) -> record of ``company``
ISOLATION_FACTORIES = {}
#: model name -> why its records are common to every creditor
SHARED_MODELS = {}


def isolation_factory(*model_names):
    """Register the decorated function as the record factory of the models."""

    def decorator(func):
        for name in model_names:
            ISOLATION_FACTORIES[name] = func
        return func

    return decorator


def shared_model(model_name, reason):
    """Declare that ``model_name`` holds data common to every creditor."""
    SHARED_MODELS[model_name] = reason


def load_isolation_factories(env):
    """Import ``tests/isolation_factories.py`` of each installed add-on of ours."""
    modules = env["ir.module.module"].search(
        [("name", "=like", "relance_nc%"), ("state", "=", "installed")]
    )
    for name in modules.mapped("name"):
        try:
            importlib.import_module(f"odoo.addons.{name}.tests.isolation_factories")
        except ModuleNotFoundError as error:
            if not f"odoo.addons.{name}.tests".startswith(error.name or "-"):
                if error.name != f"odoo.addons.{name}.tests.isolation_factories":
                    raise


def relance_models(env):
    """Stored, non-transient models defined by our add-ons (name -> model)."""
    return {
        name: model
        for name, model in env.registry.items()
        if (model._original_module or "").startswith("relance_nc")
        and not model._abstract
        and not model._transient
    }


class IsolationMixin:
    """Two creditor companies with their relance.nc staff (A: a user and a
    manager, B: a user), and a portal user.

    Mix into an ``AccountTestInvoicingCommon`` test case: ``company_a`` is the
    case's main company, ``company_b`` a second one with its own chart.
    """

    @classmethod
    def setup_isolation(cls):
        cls.company_a = cls.company_data["company"]
        cls.company_b = cls.setup_other_company(name="Creditor B")["company"]
        cls.env.user.group_ids |= cls.env.ref("relance_nc.group_relance_manager")
        cls.env.user.company_ids |= cls.company_a | cls.company_b
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=(cls.company_a | cls.company_b).ids,
            )
        )
        cls.user_a = new_test_user(
            cls.env,
            login="isolation_user_a",
            groups="relance_nc.group_relance_user",
            company_id=cls.company_a.id,
        )
        cls.manager_a = new_test_user(
            cls.env,
            login="isolation_manager_a",
            groups="relance_nc.group_relance_manager",
            company_id=cls.company_a.id,
        )
        cls.user_b = new_test_user(
            cls.env,
            login="isolation_user_b",
            groups="relance_nc.group_relance_user",
            company_id=cls.company_b.id,
        )
        cls.portal_user = new_test_user(
            cls.env, login="isolation_portal", groups="base.group_portal"
        )

    def _as(self, user, model_name):
        return (
            self.env[model_name]
            .with_user(user)
            .with_context(active_test=False, allowed_company_ids=user.company_ids.ids)
        )

    def assertIsolated(self, records, users=None):
        """``users`` (default: A's user and manager, the portal user) neither
        find, read, write nor delete ``records``; the records are unchanged."""
        records = records.sudo()
        self.assertTrue(records, "the factory returned no record")
        stamp = "write_date" if "write_date" in records._fields else "id"
        before = {record.id: record[stamp] for record in records}
        for user in users or (self.user_a | self.manager_a | self.portal_user):
            model = self._as(user, records._name)
            with self.subTest(model=records._name, user=user.login):
                try:
                    found = model.search([("id", "in", records.ids)])
                except AccessError:
                    found = model.browse()
                self.assertFalse(found, "search returns another creditor's record")
                mine = model.browse(records.ids)
                with self.assertRaises(AccessError):
                    mine.read(["display_name"])
                with self.assertRaises(AccessError):
                    mine.write({})
                with self.assertRaises(AccessError):
                    mine.unlink()
        records.invalidate_recordset()
        self.assertEqual(len(records.exists()), len(records))
        self.assertEqual({r.id: r[stamp] for r in records}, before)
