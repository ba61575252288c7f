# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "relance.nc - Printing and Mailing",
    "summary": "Printed reminder letters, print batches and registered mail",
    "version": "19.0.1.3.2",
    "category": "Accounting/Accounting",
    "website": "https://relance.nc",
    "author": "relance.nc, CRDC",
    "maintainers": ["relance-nc"],
    "license": "LGPL-3",
    "depends": ["relance_nc"],
    "assets": {
        "web.assets_tests": [
            "relance_nc_edition/static/tests/tours/*.js",
        ],
    },
    "external_dependencies": {
        "bin": ["soffice"],
    },
    "data": [
        "security/ir.model.access.csv",
        "security/relance_nc_edition_security.xml",
        "security/relance_client_security.xml",
        "data/ir_sequence_data.xml",
        "data/relance_postage_rate_data.xml",
        "report/relance_letter_report.xml",
        "views/relance_letter_views.xml",
        "views/relance_letter_batch_views.xml",
        "views/relance_letter_delivery_wizard_views.xml",
        "views/relance_postage_rate_views.xml",
        "views/res_partner_views.xml",
        "views/relance_nc_edition_menus.xml",
        "data/relance_service_data.xml",
        "views/relance_client_views.xml",
        "views/relance_client_portal_templates.xml",
    ],
    "demo": ["demo/relance_nc_edition_demo.xml"],
}
