# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure-Python domain logic of relance.nc (no Odoo import).

Each module of this package is self-contained: it imports only the standard
library, ``stdnum`` and ``phonenumbers``, never Odoo nor a sibling module, so
that the repository-level tests can load it by file path without Odoo. Import
the modules explicitly, e.g. ``from odoo.addons.relance_nc.tools import ridet``.
"""
