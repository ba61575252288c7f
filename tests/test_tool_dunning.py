# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc/tools/dunning.py (which level is due for which item)."""

from datetime import date

import pytest
from conftest import load_tool

dunning = load_tool("relance_nc", "dunning")
Item = dunning.Item
DELAYS = [-3, 7, 21, 45]
TODAY = date(2026, 10, 31)


@pytest.mark.parametrize(
    ("days", "delays", "expected"),
    [
        (-10, DELAYS, None),  # long before the courtesy reminder
        (-4, DELAYS, None),
        (-3, DELAYS, -3),  # courtesy reminder: 3 days before the due date
        (0, DELAYS, -3),  # due today
        (6, DELAYS, -3),
        (7, DELAYS, 7),  # the day the first reminder applies
        (20, DELAYS, 7),
        (21, DELAYS, 21),
        (1000, DELAYS, 45),  # the last level stays the last
        (7, [21, 7], 7),  # delays in any order
        (7, [], None),  # a policy without levels
    ],
)
def test_level_for_days(days, delays, expected):
    assert dunning.level_for_days(days, delays) == expected


def item(key, move, days_overdue, residual=100.0, reached=None):
    return Item(
        key,
        move,
        TODAY.fromordinal(TODAY.toordinal() - days_overdue),
        residual,
        reached,
    )


@pytest.mark.parametrize(
    ("case", "items", "expected"),
    [
        ("nothing due", [item(1, 1, -5)], {}),
        ("courtesy", [item(1, 1, -3)], {-3: [1]}),
        ("first reminder", [item(1, 1, 8)], {7: [1]}),
        ("level already reached", [item(1, 1, 8, reached=7)], {}),
        ("higher than reached", [item(1, 1, 22, reached=7)], {21: [1]}),
        ("reached above due (policy changed)", [item(1, 1, 8, reached=21)], {}),
        (
            "two invoices, two levels",
            [item(1, 1, 8), item(2, 2, 30)],
            {7: [1], 21: [2]},
        ),
        (
            "instalments take the oldest's level",
            [item(1, 1, 30), item(2, 1, 8)],
            {21: [1, 2]},
        ),
        (
            "an instalment not yet due is not chased",
            [item(1, 1, 30), item(2, 1, -20)],
            {21: [1]},
        ),
        (
            "an instalment in its courtesy window goes with the invoice",
            [item(1, 1, 30), item(2, 1, -2)],
            {21: [1, 2]},
        ),
    ],
)
def test_due_levels(case, items, expected):
    due = dunning.due_levels(items, DELAYS, TODAY)
    assert {
        delay: [i.key for i in lines] for delay, lines in due.items()
    } == expected, case


@pytest.mark.parametrize(
    ("residuals", "credits", "expected"),
    [
        ([], [], 0.0),
        ([1000.0], [], 1000.0),
        ([1000.0, 500.0], [300.0], 1200.0),
        ([1000.0], [1000.0], 0.0),
        ([1000.0], [1500.0], 0.0),  # a larger credit never makes it negative
        ([], [300.0], 0.0),
    ],
)
def test_net_overdue(residuals, credits, expected):
    items = [item(i, i, 10, residual) for i, residual in enumerate(residuals)]
    assert dunning.net_overdue(items, credits) == expected


def test_item_is_immutable():
    with pytest.raises(AttributeError):
        item(1, 1, 10).residual = 0.0
