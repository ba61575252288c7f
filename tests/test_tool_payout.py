# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""relance_nc_payment/tools/payout.py: payout dates, fees, netting (no Odoo)."""

from datetime import date

import pytest
from conftest import tool_fixture

payout = tool_fixture("relance_nc_payment", "payout")


schedule = tool_fixture("relance_nc", "schedule")


@pytest.fixture(name="nc")
def _nc(schedule):
    """Holidays of New Caledonia for a year."""
    return lambda year: schedule.public_holidays(year, "NC")


@pytest.mark.parametrize(
    ("year", "month", "expected", "why"),
    [
        (2026, 1, date(2026, 1, 5), "Monday"),
        (2026, 4, date(2026, 4, 7), "Sunday 5, then Easter Monday 6"),
        (2026, 7, date(2026, 7, 6), "Sunday"),
        (2026, 9, date(2026, 9, 7), "Saturday"),
        (2026, 12, date(2026, 12, 7), "Saturday"),
        (2027, 5, date(2027, 5, 5), "Wednesday"),
        (2030, 5, date(2030, 5, 6), "Sunday 5 May 2030"),
        # Ascension 2033 is Thursday 26 May; Whit Monday 2024 is 20 May
        (2024, 5, date(2024, 5, 6), "Sunday 5 May 2024"),
    ],
)
def test_payout_date_nc(payout, nc, year, month, expected, why):
    assert payout.payout_date(year, month, nc(year)) == expected, why


def test_payout_date_agrees_with_schedule_add_business_days(payout, schedule):
    """The payout rule is schedule.add_business_days(5th, 0, holidays)."""
    for territory in ("NC", "PF"):
        for year in range(2024, 2036):
            holidays = schedule.public_holidays(year, territory)
            for month in range(1, 13):
                fifth = date(year, month, 5)
                assert payout.payout_date(
                    year, month, holidays
                ) == schedule.add_business_days(fifth, 0, holidays)


def test_payout_date_company_exception_holiday(payout):
    # a bridge day declared closed by the company moves the payout on
    assert payout.payout_date(2026, 8, {date(2026, 8, 5)}) == date(2026, 8, 6)


@pytest.mark.parametrize("day", [0, 29, 31])
def test_payout_day_out_of_range(payout, day):
    with pytest.raises(payout.PayoutError):
        payout.payout_date(2026, 1, set(), payout_day=day)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 2, 4), None),
        (date(2026, 2, 5), date(2026, 1, 1)),
        (date(2026, 2, 28), date(2026, 1, 1)),
        (date(2026, 1, 5), date(2025, 12, 1)),
        (date(2026, 4, 5), None),  # Sunday
        (date(2026, 4, 6), None),  # Easter Monday
        (date(2026, 4, 7), date(2026, 3, 1)),
        (date(2026, 3, 31), date(2026, 2, 1)),
    ],
)
def test_due_period(payout, nc, today, expected):
    assert payout.due_period(today, nc(today.year)) == expected


@pytest.mark.parametrize(
    ("period", "end"),
    [
        (date(2026, 1, 1), date(2026, 2, 1)),
        (date(2026, 2, 1), date(2026, 3, 1)),
        (date(2028, 2, 1), date(2028, 3, 1)),
        (date(2026, 12, 1), date(2027, 1, 1)),
    ],
)
def test_period_end(payout, period, end):
    assert payout.period_end(period) == end
    assert payout.previous_period(end) == period


@pytest.mark.parametrize(
    ("amount", "percent", "fixed", "digits", "fee"),
    [
        (10000, 0, 0, 0, 0),
        (10000, 1.5, 0, 0, 150),
        (10000, 0, 50, 0, 50),
        (12345, 1.5, 25, 0, 210),  # 185.175 -> 185
        (1000, 1.15, 0, 0, 12),  # 11.5 -> 12 (half up, not banker's)
        (1000, 1.25, 0, 0, 13),  # 12.5 -> 13
        (999, 0.05, 0, 0, 0),  # 0.4995 -> 0
        (1, 50, 0, 0, 1),  # 0.5 -> 1
        (19.99, 2.9, 0.25, 2, 0.83),  # 0.57971 -> 0.58
        (2_000_000, 2.2, 35, 0, 44035),
    ],
)
def test_collection_fee(payout, amount, percent, fixed, digits, fee):
    assert payout.collection_fee(amount, percent, fixed, digits) == fee


@pytest.mark.parametrize(
    ("percent", "fixed", "digits"), [(-1, 0, 0), (0, -1, 0), (1, 0, -1)]
)
def test_collection_fee_invalid(payout, percent, fixed, digits):
    with pytest.raises(payout.PayoutError):
        payout.collection_fee(1000, percent, fixed, digits)


@pytest.mark.parametrize(
    ("collected", "rejections", "paid", "deducted", "invoiced"),
    [
        (10000, [], 10000, (), ()),
        (10000, [2500], 7500, (2500,), (0,)),
        (10000, [10000], 0, (10000,), (0,)),
        (10000, [12000], 0, (10000,), (2000,)),
        (10000, [4000, 8000], 0, (4000, 6000), (0, 2000)),
        (10000, [8000, 4000], 0, (8000, 2000), (0, 2000)),
        (0, [300, 200], 0, (0, 0), (300, 200)),
        (0, [], 0, (), ()),
    ],
)
def test_net_payout(payout, collected, rejections, paid, deducted, invoiced):
    result = payout.net_payout(collected, rejections)
    assert (result.payout, result.deducted, result.invoiced) == (
        paid,
        deducted,
        invoiced,
    )
    # nothing is lost: payout + every rejection = collected + what is invoiced
    assert result.payout + sum(rejections) == collected + result.remainder


@pytest.mark.parametrize(("collected", "rejections"), [(-1, []), (100, [-5])])
def test_net_payout_invalid(payout, collected, rejections):
    with pytest.raises(payout.PayoutError):
        payout.net_payout(collected, rejections)
