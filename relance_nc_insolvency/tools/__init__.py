# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure domain logic of relance_nc_insolvency: no Odoo import here."""
