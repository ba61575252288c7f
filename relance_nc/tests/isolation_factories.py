# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Records of one creditor for the tenant isolation test (see
``common_isolation.py``)."""

from odoo import fields

from .common_isolation import isolation_factory, shared_model

shared_model(
    "relance.registry.unit",
    "Public register (ISEE RIDET extract): the same for every creditor.",
)
shared_model(
    "relance.registry.import",
    "Imports of the public register, shared by every creditor.",
)
shared_model(
    "relance.service.option",
    "The provider's catalogue of services (data records), the same for "
    "every client; a client's subscription is its relance.client record.",
)
shared_model(
    "relance.case.jurisdiction",
    "Legal mentions per jurisdiction (data records), the same for every creditor.",
)


def _customer(case, company, name="Client B"):
    return case.env["res.partner"].create(
        {"name": name, "is_company": True, "company_id": company.id}
    )


def _level(case, company):
    policy = case.env["relance.policy"]._get_company_default(company)
    return policy.level_ids.sorted("delay")[:1]


@isolation_factory("relance.policy")
def _policy(case, company):
    return case.env["relance.policy"]._get_company_default(company)


@isolation_factory("relance.level")
def _levels(case, company):
    return _level(case, company)


@isolation_factory("relance.holiday")
def _holiday(case, company):
    return case.env["relance.holiday"].create(
        {"company_id": company.id, "date": "2026-12-26", "name": "Closed"}
    )


@isolation_factory("relance.terms.acceptance")
def _acceptance(case, company):
    return case.env["relance.terms.acceptance"].with_company(company)._accept(company)


@isolation_factory("relance.partner.check")
def _check(case, company):
    return case.env["relance.partner.check"].create({"company_id": company.id})


@isolation_factory("relance.partner.update")
def _update(case, company):
    check = _check(case, company)
    return case.env["relance.partner.update"].create(
        {
            "check_id": check.id,
            "partner_id": _customer(case, company).id,
            "kind": "name",
            "field_name": "name",
            "current_value": "Client B",
            "proposed_value": "Client B SARL",
        }
    )


def _action(case, company, state="draft"):
    action = case.env["relance.action"].create(
        {
            "company_id": company.id,
            "partner_id": _customer(case, company).id,
            "level_id": _level(case, company).id,
            "channel": "email",
        }
    )
    if state != "draft":
        action.sudo().write({"state": state, "done_at": fields.Datetime.now()})
    return action


@isolation_factory("relance.action")
def _draft_action(case, company):
    return _action(case, company)


@isolation_factory("relance.item.list")
def _item_list(case, company):
    return case.env["relance.item.list"].create(
        {
            "company_id": company.id,
            "partner_id": _customer(case, company).id,
            "move_ids": [fields.Command.set(_move(case, company).ids)],
        }
    )


@isolation_factory("relance.move.level")
def _move_level(case, company):
    move = _move(case, company)
    move.relance_level_id = _level(case, company)
    return case.env["relance.move.level"].search([("move_id", "=", move.id)])


@isolation_factory("relance.recovery.report")
def _recovery_row(case, company):
    _action(case, company, state="done")
    case.env.flush_all()
    return case.env["relance.recovery.report"].search([("company_id", "=", company.id)])


@isolation_factory("relance.receivable.report")
def _receivable_row(case, company):
    _move(case, company)
    case.env.flush_all()
    return case.env["relance.receivable.report"].search(
        [("company_id", "=", company.id)]
    )


def _move(case, company):
    """A posted customer invoice of ``company``."""
    move = (
        case.env["account.move"]
        .with_company(company)
        .create(
            {
                "move_type": "out_invoice",
                "company_id": company.id,
                "partner_id": _customer(case, company).id,
                "invoice_date": "2026-01-10",
                "invoice_line_ids": [
                    fields.Command.create(
                        {"name": "Service", "price_unit": 1000, "tax_ids": []}
                    )
                ],
            }
        )
    )
    move.action_post()
    return move


@isolation_factory("relance.client")
def _client(case, company):
    """A client of the provider ``company`` (not hosted here); clients are
    written by the provider's managers only."""
    client_sudo = (
        case.env["relance.client"]
        .sudo()
        .create(
            {
                "company_id": company.id,
                "partner_id": _customer(case, company, "Creditor Client").id,
                "state": "active",
            }
        )
    )
    return client_sudo.with_env(case.env)


@isolation_factory("relance.usage.line")
def _usage_line(case, company):
    product = case.env["product.product"].create(
        {"name": "Reminder email", "type": "service", "list_price": 50}
    )
    # Usage lines are written by the services performed, as superuser.
    line_sudo = (
        case.env["relance.usage.line"]
        .sudo()
        .create(
            {
                "client_id": _client(case, company).id,
                "product_id": product.id,
                "date": "2026-01-15",
                "quantity": 1,
                "price_unit": 50,
                "amount": 50,
                "event_key": "isolation-test",
            }
        )
    )
    return line_sudo.with_env(case.env)


@isolation_factory("relance.case")
def _case(case, company):
    return case.env["relance.case"].create(
        {
            "company_id": company.id,
            "client_id": _client(case, company).id,
            "debtor_name": "SARL Débiteur",
            "currency_id": company.currency_id.id,
        }
    )


@isolation_factory("relance.case.line")
def _case_line(case, company):
    return case.env["relance.case.line"].create(
        {
            "case_id": _case(case, company).id,
            "reference": "F2026-001",
            "date": "2026-01-10",
            "due_date": "2026-02-10",
            "amount": 1000,
        }
    )
