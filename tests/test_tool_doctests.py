# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The doctests of every ``<addon>/tools/*.py`` module of the four add-ons,
one pytest test per docstring, loaded by path without Odoo (``conftest``).

A new tools module is picked up by the glob; a tools module without any
doctest fails ``test_every_tools_module_has_doctests`` (house style: the
docstring shows the rule at work)."""

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


def _doctests(path):
    module = load_tool(path.parent.parent.name, path.stem)
    finder = doctest.DocTestFinder(exclude_empty=True)
    return [test for test in finder.find(module) if test.examples]


DOCTESTS = [
    pytest.param(test, id=f"{path.parent.parent.name}/{path.stem}:{test.name}")
    for path in TOOL_PATHS
    for test in _doctests(path)
]


@pytest.mark.parametrize(
    "path", TOOL_PATHS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}"
)
def test_every_tools_module_has_doctests(path):
    assert _doctests(path), f"{path} has no doctest"


@pytest.mark.parametrize("test", DOCTESTS)
def test_doctest(test):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    output = []
    runner.run(test, out=output.append)
    assert runner.failures == 0, "".join(output)
