# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Records of one creditor for the tenant isolation test (see
``relance_nc/tests/common_isolation.py``)."""

from odoo import fields

from odoo.addons.relance_nc.tests.common_isolation import isolation_factory


@isolation_factory("relance.payment.link")
def _link(case, company):
    partner = case.env["res.partner"].create(
        {"name": "Debtor", "company_id": company.id}
    )
    return case.env["relance.payment.link"].create(
        {"company_id": company.id, "partner_id": partner.id}
    )


@isolation_factory("relance.payment.brand")
def _brand(case, company):
    return case.env["relance.payment.brand"].create(
        {"company_id": company.id, "brand": "AMEX"}
    )


@isolation_factory("relance.fee.rule")
def _fee_rule(case, company):
    return case.env["relance.fee.rule"].create(
        {"company_id": company.id, "partner_id": company.partner_id.id, "percent": 1}
    )


def _payout(case, company):
    client = case.env["res.partner"].create({"name": "Client", "is_company": True})
    return case.env["relance.payout"].create(
        {
            "company_id": company.id,
            "partner_id": client.id,
            "period": "2026-01-01",
            "payout_date": "2026-02-05",
        }
    )


@isolation_factory("relance.payout")
def _payouts(case, company):
    return _payout(case, company)


@isolation_factory("relance.payout.line")
def _payout_line(case, company):
    return case.env["relance.payout.line"].create(
        {"payout_id": _payout(case, company).id, "kind": "payment", "amount": 100}
    )


@isolation_factory("relance.payment.rejection")
def _rejection(case, company):
    provider = (
        case.env.ref("relance_nc_payment.payment_provider_relance_lyra")
        .sudo()
        .copy(
            {
                "company_id": company.id,
                "state": "test",
                "relance_lyra_site_id": "12345678",
                "relance_lyra_test_key": "1122334455667788",
            }
        )
    )
    debtor = case.env["res.partner"].create({"name": "Payer", "company_id": company.id})
    tx = (
        case.env["payment.transaction"]
        .sudo()
        .create(
            {
                "provider_id": provider.id,
                "payment_method_id": case.env.ref("payment.payment_method_card").id,
                "reference": f"ISOLATION-{company.id}-{fields.Datetime.now():%H%M%S%f}",
                "amount": 1000,
                "currency_id": company.currency_id.id,
                "partner_id": debtor.id,
                "state": "done",
            }
        )
    )
    return case.env["relance.payment.rejection"].create(
        {"company_id": company.id, "transaction_id": tx.id, "amount": 400}
    )
