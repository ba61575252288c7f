# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Load ``relance_nc_insolvency/tools/*.py`` without Odoo (see ``conftest``)."""

from conftest import load_tool


def load(name):
    """Return the tool module ``name`` of relance_nc_insolvency."""
    return load_tool("relance_nc_insolvency", name)
