# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "relance.nc - Card Payment",
    "summary": "Card payment links, hosted shop and monthly payouts for relance.nc",
    "version": "19.0.1.3.2",
    "category": "Accounting/Payment Providers",
    "website": "https://relance.nc",
    "author": "relance.nc, CRDC",
    "maintainers": ["relance-nc"],
    "license": "LGPL-3",
    "depends": ["relance_nc", "account_payment"],
    "data": [
        "security/ir.model.access.csv",
        "security/relance_payment_security.xml",
        # Payment links and the hosted shop
        "views/payment_relance_lyra_templates.xml",
        "views/payment_provider_views.xml",
        "views/portal_templates.xml",
        "views/relance_payment_brand_views.xml",
        "data/payment_provider_data.xml",
        "data/mail_template_data.xml",
        # Collected funds, payouts, fees, rejections
        "security/relance_payout_security.xml",
        "security/relance_client_portal_security.xml",
        "report/relance_payout_report.xml",
        "data/relance_payout_data.xml",
        "views/relance_payout_views.xml",
        "views/relance_client_views.xml",
        "views/relance_client_portal_templates.xml",
        # Card payment of the collection case fees
        "views/case_fee_templates.xml",
    ],
    "demo": ["demo/relance_nc_payment_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "relance_nc_payment/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
}
