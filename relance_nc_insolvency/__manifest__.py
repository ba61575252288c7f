# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "relance.nc - Insolvency Watch",
    "summary": "Watch customers for collective procedures and file proofs of claim",
    "version": "19.0.1.2.3",
    "category": "Accounting/Accounting",
    "website": "https://relance.nc",
    "author": "relance.nc, CRDC",
    "maintainers": ["relance-nc"],
    "license": "LGPL-3",
    "depends": ["relance_nc"],
    "external_dependencies": {"python": ["openpyxl", "python-stdnum", "requests"]},
    "data": [
        "security/relance_nc_insolvency_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/relance_insolvency_procedure_views.xml",
        "views/relance_insolvency_case_views.xml",
        "report/relance_insolvency_declaration_report.xml",
        "views/portal_templates.xml",
    ],
}
