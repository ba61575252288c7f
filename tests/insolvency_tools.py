# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Load ``relance_nc_insolvency/tools/*.py`` without Odoo, siblings included.

Its tools import each other (``from .names import normalize``), so they are
loaded as submodules of a stand-in package whose path is the tools folder;
the add-on's ``__init__`` (which imports Odoo) never runs.
"""

import importlib
import sys
import types
from pathlib import Path

PACKAGE = "_relance_insolvency_tools"
TOOLS = Path(__file__).resolve().parent.parent / "relance_nc_insolvency" / "tools"


def load(name):
    """Return the tool module ``name`` of relance_nc_insolvency."""
    if PACKAGE not in sys.modules:
        package = types.ModuleType(PACKAGE)
        package.__path__ = [str(TOOLS)]
        sys.modules[PACKAGE] = package
    return importlib.import_module(f"{PACKAGE}.{name}")
