# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Create a client file (card payment option, card billing) for every partner
that was flagged "relance.nc client" in a company, make that company a
provider, and attach the partner's fee rules and payouts to the client."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    cr.execute("SELECT to_regclass('relance_client_flag_migration')")
    if not cr.fetchone()[0]:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute("SELECT partner_id, company_id FROM relance_client_flag_migration")
    rows = cr.fetchall()
    companies = env["res.company"].browse({company for __, company in rows}).exists()
    companies.write({"relance_is_provider": True})
    option = env.ref("relance_nc.service_option_payment")
    existing = env["relance.client"].search([("company_id", "in", companies.ids)])
    known = {(c.partner_id.id, c.company_id.id) for c in existing}
    partners = env["res.partner"].browse({partner for partner, __ in rows}).exists()
    company_model, partner_model = env["res.company"], env["res.partner"]
    vals_list = [
        partner_model.browse(partner_id)._relance_prepare_card_client_vals(
            company_model.browse(company_id), option
        )
        for partner_id, company_id in rows
        if (partner_id, company_id) not in known
        and partner_id in partners.ids
        and company_id in companies.ids
    ]
    env["relance.client"].create(vals_list)
    rules = env["relance.fee.rule"].search([])
    rules._compute_client_id()
    payouts = env["relance.payout"].search([])
    payouts._compute_client_id()
    cr.execute("DROP TABLE relance_client_flag_migration")
