# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.6.1: the reminder level of an invoice (``relance_move_level``) no
longer stores its company, read from the invoice: drop the column, which Odoo
keeps when a stored field becomes related (not stored)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE relance_move_level DROP COLUMN IF EXISTS company_id")
