# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "relance.nc - Card Payment",
    "summary": "Card payment links, hosted shop and monthly payouts for relance.nc",
    "version": "19.0.1.0.0",
    "category": "Accounting/Payment Providers",
    "website": "https://relance.nc",
    "author": "relance.nc, CRDC",
    "maintainers": ["relance-nc"],
    "license": "LGPL-3",
    "depends": ["relance_nc", "account_payment"],
    "data": [],
}
