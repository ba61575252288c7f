# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Records of one creditor for the tenant isolation test (see
``relance_nc/tests/common_isolation.py``)."""

from odoo.addons.relance_nc.tests.common_isolation import isolation_factory


@isolation_factory("relance.letter")
def _letter(case, company):
    partner = case.env["res.partner"].create(
        {
            "name": "Recipient",
            "company_id": company.id,
            "street": "1 rue Anatole France",
        }
    )
    return case.env["relance.letter"].create(
        {"company_id": company.id, "partner_id": partner.id, "subject": "Letter"}
    )


@isolation_factory("relance.letter.batch")
def _batch(case, company):
    return case.env["relance.letter.batch"].create({"company_id": company.id})


@isolation_factory("relance.postage.rate")
def _rate(case, company):
    return case.env["relance.postage.rate"].create(
        {
            "company_id": company.id,
            "mail_type": "ordinary",
            "weight_max": 20,
            "price": 150,
            "currency_id": company.currency_id.id,
        }
    )
