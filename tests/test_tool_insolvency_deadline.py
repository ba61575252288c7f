# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc_insolvency/tools/deadline.py (délibération n° 352)."""

from datetime import date

import pytest
from insolvency_tools import load

deadline = load("deadline")


@pytest.mark.parametrize(
    ("published", "outside", "expected"),
    [
        (date(2026, 3, 10), False, date(2026, 5, 10)),
        (date(2026, 3, 10), True, date(2026, 7, 10)),
        (date(2025, 12, 31), False, date(2026, 2, 28)),
        (date(2027, 12, 31), False, date(2028, 2, 29)),
        (date(2026, 10, 31), True, date(2027, 2, 28)),
        (date(2026, 12, 31), True, date(2027, 4, 30)),
        (date(2026, 7, 31), False, date(2026, 9, 30)),
        (date(2026, 11, 15), False, date(2027, 1, 15)),
        (date(2026, 2, 28), False, date(2026, 4, 28)),
    ],
)
def test_declaration_deadline(published, outside, expected):
    assert deadline.declaration_deadline(published, outside_nc=outside) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 1, 31), 0, date(2026, 1, 31)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 12, 15), 14, date(2028, 2, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert deadline.add_months(day, months) == expected


def test_add_months_refuses_a_string():
    with pytest.raises(TypeError):
        deadline.add_months("2026-01-01", 2)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 1), [date(2026, 4, 10), date(2026, 4, 25), date(2026, 5, 3)]),
        (date(2026, 4, 25), [date(2026, 4, 25), date(2026, 5, 3)]),
        (date(2026, 5, 5), [date(2026, 5, 5)]),
        (date(2026, 5, 11), []),
    ],
)
def test_reminder_dates(today, expected):
    assert deadline.reminder_dates(date(2026, 5, 10), today) == expected


@pytest.mark.parametrize(
    ("today", "overdue", "left"),
    [
        (date(2026, 5, 9), False, 1),
        (date(2026, 5, 10), False, 0),
        (date(2026, 5, 11), True, -1),
    ],
)
def test_overdue(today, overdue, left):
    assert deadline.is_overdue(date(2026, 5, 10), today) is overdue
    assert deadline.days_left(date(2026, 5, 10), today) == left
