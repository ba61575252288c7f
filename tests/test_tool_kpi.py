# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc/tools/kpi.py (age buckets, DSO, overdue ratio)."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import tool_fixture
from hypothesis import given, strategies as st

TODAY = date(2026, 3, 31)


kpi = tool_fixture("relance_nc", "kpi")


def test_kpi_imports_no_sibling(kpi):
    source = Path(kpi.__file__).read_text(encoding="utf-8")
    assert "from ." not in source


# --- Age ------------------------------------------------------------------


@pytest.mark.parametrize(
    "due, expected",
    [
        (TODAY + timedelta(days=30), 0),
        (TODAY + timedelta(days=1), 0),
        (TODAY, 0),
        (TODAY - timedelta(days=1), 1),
        (date(2025, 12, 31), 90),
        (date(2024, 3, 31), 730),
    ],
)
def test_days_overdue(kpi, due, expected):
    assert kpi.days_overdue(due, TODAY) == expected


@pytest.mark.parametrize(
    "days, bucket",
    [
        (-400, "not_due"),
        (0, "not_due"),
        (1, "1_30"),
        (30, "1_30"),
        (31, "31_60"),
        (60, "31_60"),
        (61, "61_90"),
        (90, "61_90"),
        (91, "over_90"),
        (10_000, "over_90"),
    ],
)
def test_age_bucket_bounds(kpi, days, bucket):
    assert kpi.age_bucket(days) == bucket


def test_buckets_in_order(kpi):
    assert kpi.BUCKETS == ("not_due", "1_30", "31_60", "61_90", "over_90")


def test_aging_every_bucket_present_and_credits_netted(kpi):
    items = [
        (TODAY, 10_000),  # due today: not overdue
        (TODAY - timedelta(days=15), 20_000),
        (TODAY - timedelta(days=15), -5_000),  # credit note of the same age
        (TODAY - timedelta(days=45), 7_000),
        (TODAY - timedelta(days=120), 3_000),
    ]
    assert kpi.aging(items, TODAY) == {
        "not_due": 10_000,
        "1_30": 15_000,
        "31_60": 7_000,
        "61_90": 0,
        "over_90": 3_000,
    }
    assert kpi.aging([], TODAY) == dict.fromkeys(kpi.BUCKETS, 0)


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
            st.integers(min_value=-(10**9), max_value=10**9),
        ),
        max_size=30,
    )
)
def test_aging_adds_up_to_the_balance(kpi, items):
    totals = kpi.aging(items, TODAY)
    assert list(totals) == list(kpi.BUCKETS)
    assert sum(totals.values()) == sum(amount for __, amount in items)


# --- DSO and overdue ratio --------------------------------------------------


@pytest.mark.parametrize(
    "balance, sales, period, expected",
    [
        (1_500_000, 4_500_000, 90, 30.0),
        (4_500_000, 4_500_000, 90, 90.0),
        (9_000_000, 4_500_000, 90, 180.0),
        (100_000, 300_000, 30, 10.0),
        (0, 4_500_000, 90, 0.0),
        (-50_000, 4_500_000, 90, 0.0),
        (1_000_000, 0, 90, None),
        (1_000_000, -20_000, 90, None),
    ],
)
def test_dso(kpi, balance, sales, period, expected):
    assert kpi.dso(balance, sales, period_days=period) == expected


def test_dso_default_period_is_90_days(kpi):
    assert kpi.DSO_PERIOD == 90
    assert kpi.dso(300_000, 900_000) == 30.0


@pytest.mark.parametrize(
    "overdue, total, expected",
    [
        (250_000, 1_000_000, 0.25),
        (0, 1_000_000, 0.0),
        (1_000_000, 1_000_000, 1.0),
        (1_200, 1_000, 1.2),
        (-100, 1_000, -0.1),
        (500, 0, None),
        (500, -10, None),
    ],
)
def test_overdue_ratio(kpi, overdue, total, expected):
    assert kpi.overdue_ratio(overdue, total) == expected


@pytest.mark.parametrize(
    "recovered, claimed, expected",
    [
        (30_000, 120_000, 0.25),
        (0, 120_000, 0.0),
        (120_000, 120_000, 1.0),
        (10, 0, None),
    ],
)
def test_recovery_rate(kpi, recovered, claimed, expected):
    assert kpi.recovery_rate(recovered, claimed) == expected
