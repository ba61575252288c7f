# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Shared helpers of the repository-level tests (run without Odoo).

The pure-Python modules of ``<addon>/tools/`` are loaded by file path, so
that neither Odoo nor the add-on packages (whose ``__init__`` imports Odoo)
are ever imported.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_tool(addon, name):
    """Return ``<repo>/<addon>/tools/<name>.py`` loaded by path, without Odoo.

    The module is cached in ``sys.modules`` as ``_relance_tools_<addon>_<name>``
    so that its dataclasses, pickling and doctests find it again.
    """
    module_name = f"_relance_tools_{addon}_{name}"
    module = sys.modules.get(module_name)
    if module is not None:
        return module
    path = REPO / addon / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or not path.is_file():
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module


@pytest.fixture(name="load_tool", scope="session")
def _load_tool_fixture():
    """Give tests the :func:`load_tool` helper."""
    return load_tool


@pytest.fixture(name="fixtures_dir", scope="session")
def _fixtures_dir():
    """Return the directory of the sample registry files."""
    return FIXTURES
