# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Records of one creditor for the tenant isolation test (see
``relance_nc/tests/common_isolation.py``).

Announcements (procedures) and their sources are public facts shared by every
creditor; what concerns one creditor (its watch list, its alerts and their
claims) belongs to its company.
"""

from odoo.addons.relance_nc.tests.common_isolation import (
    isolation_factory,
    shared_model,
)
from odoo.addons.relance_nc.tests.isolation_factories import _customer, _move

shared_model(
    "relance.insolvency.procedure",
    "Collective procedures announced in the JONC/BODACC: public facts entered "
    "or imported once for every creditor.",
)
shared_model(
    "relance.insolvency.source",
    "Where the provider imports the public announcements from, for every creditor.",
)


def _procedure(case):
    """An announcement (entered by the provider's staff, here as superuser)."""
    return (
        case.env["relance.insolvency.procedure"]
        .sudo()
        .create(
            {
                "debtor_name": "SARL Boulangerie du Caillou",
                "ridet": "1231083001",
                "kind": "reorganisation",
                "judgment_date": "2026-02-15",
            }
        )
    )


@isolation_factory("relance.insolvency.watch")
def _watch(case, company):
    return case.env["relance.insolvency.watch"].create(
        {
            "company_id": company.id,
            "partner_id": _customer(case, company).id,
            "name": "SARL Boulangerie du Caillou",
            "ridet": "1231083001",
        }
    )


@isolation_factory("relance.insolvency.case")
def _alert(case, company):
    watch = _watch(case, company)
    return case.env["relance.insolvency.case"].create(
        {
            "company_id": company.id,
            "procedure_id": _procedure(case).id,
            "watch_id": watch.id,
            "partner_id": watch.partner_id.id,
            "method": "ridet",
        }
    )


@isolation_factory("relance.insolvency.claim")
def _claim(case, company):
    move = _move(case, company)
    alert = _alert(case, company)
    return case.env["relance.insolvency.claim"].create(
        {
            "case_id": alert.id,
            "move_id": move.id,
            "currency_id": move.currency_id.id,
            "amount_total": move.amount_total,
            "amount_due": move.amount_total,
        }
    )
