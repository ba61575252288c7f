# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The doctests of every ``<addon>/tools/*.py`` module of the four add-ons,
one pytest test per docstring, loaded by path without Odoo (``conftest``).

A new tools module is picked up by the glob; a tools module without any
doctest fails ``test_every_tools_module_has_doctests`` (house style: the
docstring shows the rule at work), one with fewer examples than
``MIN_EXAMPLES`` says fails too, and none may import Odoo."""

import doctest

import pytest
from conftest import REPO, load_tool

ADDONS = (
    "relance_nc",
    "relance_nc_payment",
    "relance_nc_insolvency",
    "relance_nc_edition",
)
TOOL_PATHS = sorted(
    path
    for addon in ADDONS
    for path in (REPO / addon / "tools").glob("*.py")
    if path.name != "__init__.py"
)

# Examples a module's docstrings show at least (the rules it documents).
MIN_EXAMPLES = {
    "relance_nc/kpi": 15,
    "relance_nc/phone": 6,
    "relance_nc/ridet": 11,
    "relance_nc/schedule": 20,
    "relance_nc/sms": 20,
    "relance_nc/tahiti": 11,
    "relance_nc/urls": 8,
    "relance_nc_payment/lyra": 6,
    "relance_nc_insolvency/claims": 5,
    "relance_nc_insolvency/deadline": 8,
    "relance_nc_insolvency/feed": 10,
    "relance_nc_insolvency/identifiers": 5,
    "relance_nc_insolvency/names": 5,
}


def _key(path):
    return f"{path.parent.parent.name}/{path.stem}"


def _doctests(path):
    module = load_tool(path.parent.parent.name, path.stem)
    finder = doctest.DocTestFinder(exclude_empty=True)
    return [test for test in finder.find(module) if test.examples]


DOCTESTS = [
    pytest.param(test, id=f"{_key(path)}:{test.name}")
    for path in TOOL_PATHS
    for test in _doctests(path)
]


@pytest.mark.parametrize("path", TOOL_PATHS, ids=_key)
def test_every_tools_module_has_doctests(path):
    examples = sum(len(test.examples) for test in _doctests(path))
    assert examples >= MIN_EXAMPLES.get(_key(path), 1), f"{path}: {examples}"


@pytest.mark.parametrize("path", TOOL_PATHS, ids=_key)
def test_no_tools_module_imports_odoo(path):
    source = path.read_text(encoding="utf-8")
    assert "import odoo" not in source
    assert "from odoo" not in source


def test_minimums_name_existing_modules():
    assert set(MIN_EXAMPLES) <= {_key(path) for path in TOOL_PATHS}


@pytest.mark.parametrize("test", DOCTESTS)
def test_doctest(test):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    output = []
    runner.run(test, out=output.append)
    assert runner.failures == 0, "".join(output)
