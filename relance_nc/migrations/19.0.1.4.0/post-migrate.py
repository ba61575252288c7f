# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Drop the usage lines' single-column indexes that 19.0.1.4.0 replaced by
the partial index of the lines to invoice (Odoo keeps an index a field no
longer asks for): month-end invoicing writes every index of every line."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    for column in ("client_id", "company_id", "date", "res_model", "state"):
        index = SQL.identifier(f"relance_usage_line__{column}_index")
        cr.execute(SQL("DROP INDEX IF EXISTS %s", index))
