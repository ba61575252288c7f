# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Shared helpers of the repository-level tests (run without Odoo).

The pure-Python modules of ``<addon>/tools/`` are loaded by file path, so
that neither Odoo nor the add-on packages (whose ``__init__`` imports Odoo)
are ever imported.
"""

import importlib.util
import sys
import types
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_tool(addon, name):
    """Return ``<repo>/<addon>/tools/<name>.py`` loaded by path, without Odoo.

    The module is a submodule ``_relance_tools_<addon>.<name>`` of a stand-in
    package whose path is the tools folder, so that tools importing their
    siblings (``from .names import normalize``) load too, and the add-on's
    ``__init__`` (which imports Odoo) never runs; it stays in ``sys.modules``
    so that its dataclasses, pickling and doctests find it again.
    """
    path = REPO / addon / "tools" / f"{name}.py"
    if not path.is_file():
        raise FileNotFoundError(path)
    package_name = f"_relance_tools_{addon}"
    if package_name not in sys.modules:
        package = types.ModuleType(package_name)
        package.__path__ = [str(path.parent)]
        sys.modules[package_name] = package
    return importlib.import_module(f"{package_name}.{name}")


@pytest.fixture(name="load_tool", scope="session")
def _load_tool_fixture():
    """Give tests the :func:`load_tool` helper."""
    return load_tool


@pytest.fixture(name="fixtures_dir", scope="session")
def _fixtures_dir():
    """Return the directory of the sample registry files."""
    return FIXTURES
