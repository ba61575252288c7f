# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "relance.nc - Insolvency Watch",
    "summary": "Watch customers for collective procedures and file proofs of claim",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://relance.nc",
    "author": "relance.nc, CRDC",
    "maintainers": ["relance-nc"],
    "license": "LGPL-3",
    "depends": ["relance_nc"],
}
