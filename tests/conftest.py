# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Shared helpers of the repository-level tests (run without Odoo).

The pure-Python modules of ``<addon>/tools/`` are loaded by file path, so
that neither Odoo nor the add-on packages (whose ``__init__`` imports Odoo)
are ever imported.
"""

import importlib
import sys
import types
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_tool(addon, name):
    """Return ``<repo>/<addon>/tools/<name>.py`` loaded by path, without Odoo.

    The tools of an add-on are loaded as submodules of a stand-in package,
    ``_relance_tools_<addon>``, whose path is the add-on's ``tools`` folder:
    a tool may import its siblings (``from .names import normalize``), the
    add-on's ``__init__`` (which imports Odoo) never runs, and the module
    stays in ``sys.modules`` for its dataclasses, pickling and doctests.
    """
    package_name = f"_relance_tools_{addon}"
    folder = REPO / addon / "tools"
    if not (folder / f"{name}.py").is_file():
        raise FileNotFoundError(folder / f"{name}.py")
    if package_name not in sys.modules:
        package = types.ModuleType(package_name)
        package.__path__ = [str(folder)]
        sys.modules[package_name] = package
    return importlib.import_module(f"{package_name}.{name}")


def tool_fixture(addon, name):
    """A module-scoped fixture named ``name`` giving that tool of ``addon``:
    ``kpi = tool_fixture("relance_nc", "kpi")`` in a test module."""

    @pytest.fixture(name=name, scope="module")
    def _tool():
        return load_tool(addon, name)

    return _tool


@pytest.fixture(name="load_tool", scope="session")
def _load_tool_fixture():
    """Give tests the :func:`load_tool` helper."""
    return load_tool


@pytest.fixture(name="fixtures_dir", scope="session")
def _fixtures_dir():
    """Return the directory of the sample registry files."""
    return FIXTURES
