# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc/tools/schedule.py (send windows, holidays, time zones)."""

import dataclasses
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfoNotFoundError

import pytest
from conftest import tool_fixture

D = date
DT = datetime

NC_2026 = {
    D(2026, 1, 1): "Jour de l'an",
    D(2026, 4, 6): "Lundi de Pâques",
    D(2026, 5, 1): "Fête du travail",
    D(2026, 5, 8): "Victoire 1945",
    D(2026, 5, 14): "Ascension",
    D(2026, 5, 25): "Lundi de Pentecôte",
    D(2026, 7, 14): "Fête nationale",
    D(2026, 8, 15): "Assomption",
    D(2026, 9, 24): "Fête de la citoyenneté",
    D(2026, 11, 1): "Toussaint",
    D(2026, 11, 11): "Armistice 1918",
    D(2026, 12, 25): "Noël",
}
NC_2027 = {
    D(2027, 1, 1): "Jour de l'an",
    D(2027, 3, 29): "Lundi de Pâques",
    D(2027, 5, 1): "Fête du travail",
    D(2027, 5, 6): "Ascension",
    D(2027, 5, 8): "Victoire 1945",
    D(2027, 5, 17): "Lundi de Pentecôte",
    D(2027, 7, 14): "Fête nationale",
    D(2027, 8, 15): "Assomption",
    D(2027, 9, 24): "Fête de la citoyenneté",
    D(2027, 11, 1): "Toussaint",
    D(2027, 11, 11): "Armistice 1918",
    D(2027, 12, 25): "Noël",
}
PF_2026 = {
    D(2026, 1, 1): "Jour de l'an",
    D(2026, 3, 5): "Arrivée de l'Évangile",
    D(2026, 4, 3): "Vendredi saint",
    D(2026, 4, 6): "Lundi de Pâques",
    D(2026, 5, 1): "Fête du travail",
    D(2026, 5, 8): "Victoire 1945",
    D(2026, 5, 14): "Ascension",
    D(2026, 5, 25): "Lundi de Pentecôte",
    D(2026, 7, 14): "Fête nationale",
    D(2026, 8, 15): "Assomption",
    D(2026, 11, 1): "Toussaint",
    D(2026, 11, 11): "Armistice 1918",
    D(2026, 11, 20): "Matari'i i ni'a",
    D(2026, 12, 25): "Noël",
}
PF_2027 = {
    D(2027, 1, 1): "Jour de l'an",
    D(2027, 3, 5): "Arrivée de l'Évangile",
    D(2027, 3, 26): "Vendredi saint",
    D(2027, 3, 29): "Lundi de Pâques",
    D(2027, 5, 1): "Fête du travail",
    D(2027, 5, 6): "Ascension",
    D(2027, 5, 8): "Victoire 1945",
    D(2027, 5, 17): "Lundi de Pentecôte",
    D(2027, 7, 14): "Fête nationale",
    D(2027, 8, 15): "Assomption",
    D(2027, 11, 1): "Toussaint",
    D(2027, 11, 11): "Armistice 1918",
    D(2027, 11, 20): "Matari'i i ni'a",
    D(2027, 12, 25): "Noël",
}
HOLIDAYS = set(NC_2026) | set(NC_2027)


schedule = tool_fixture("relance_nc", "schedule")


# --- Easter and holidays --------------------------------------------------


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (1818, D(1818, 3, 22)),  # earliest possible
        (1943, D(1943, 4, 25)),  # latest possible
        (2000, D(2000, 4, 23)),
        (2008, D(2008, 3, 23)),
        (2019, D(2019, 4, 21)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2038, D(2038, 4, 25)),
        (2285, D(2285, 3, 22)),
    ],
)
def test_easter_sunday(schedule, year, easter):
    assert schedule.easter_sunday(year) == easter


def test_easter_is_always_a_sunday_in_range(schedule):
    for year in range(1900, 2200):
        easter = schedule.easter_sunday(year)
        assert easter.weekday() == 6
        assert D(year, 3, 22) <= easter <= D(year, 4, 25)


@pytest.mark.parametrize(
    ("year", "territory", "expected"),
    [
        (2026, "NC", NC_2026),
        (2027, "NC", NC_2027),
        (2026, "PF", PF_2026),
        (2027, "PF", PF_2027),
    ],
)
def test_public_holidays(schedule, year, territory, expected):
    holidays = schedule.public_holidays(year, territory)
    assert holidays == expected
    assert list(holidays) == sorted(holidays)


def test_pf_autonomy_day_before_matarii(schedule):
    holidays = schedule.public_holidays(2024, "PF")
    assert holidays[D(2024, 6, 29)] == "Fête de l'autonomie"
    assert D(2024, 11, 20) not in holidays
    assert D(2026, 6, 29) not in schedule.public_holidays(2026, "PF")


def test_nc_has_no_good_friday_nor_pf_days(schedule):
    holidays = schedule.public_holidays(2026, "NC")
    assert D(2026, 4, 3) not in holidays
    assert D(2026, 3, 5) not in holidays
    assert D(2026, 9, 24) not in schedule.public_holidays(2026, "PF")


def test_holidays_on_the_same_day_share_an_entry(schedule):
    holidays = schedule.public_holidays(2008, "NC")  # Ascension on 1 May
    assert holidays[D(2008, 5, 1)] == "Fête du travail / Ascension"
    assert len(holidays) == 11


@pytest.mark.parametrize("territory", ["FR", "nc", "", "NCL", None])
def test_public_holidays_unknown_territory(schedule, territory):
    with pytest.raises(ValueError):
        schedule.public_holidays(2026, territory)


# --- windows --------------------------------------------------------------


def test_send_window_defaults(schedule):
    window = schedule.SendWindow()
    assert window.start == time(8, 0)
    assert window.end == time(18, 0)
    assert window.weekdays == frozenset({0, 1, 2, 3, 4, 5})
    assert schedule.CALL_WINDOW == schedule.SendWindow(
        time(8, 0), time(17, 0), frozenset({0, 1, 2, 3, 4})
    )


def test_send_window_frozen_and_hashable(schedule):
    window = schedule.SendWindow(weekdays=[4, 0, 0])
    assert window.weekdays == frozenset({0, 4})
    assert isinstance(window.weekdays, frozenset)
    assert hash(window) == hash(schedule.SendWindow(weekdays={0, 4}))
    with pytest.raises(dataclasses.FrozenInstanceError):
        window.start = time(9, 0)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"start": time(18, 0), "end": time(8, 0)},
        {"start": time(8, 0), "end": time(8, 0)},
        {"weekdays": {7}},
        {"weekdays": {-1, 0}},
        {"start": time(8, 0, tzinfo=timezone.utc)},
    ],
)
def test_send_window_invalid(schedule, kwargs):
    with pytest.raises(ValueError):
        schedule.SendWindow(**kwargs)


@pytest.mark.parametrize(
    ("day", "window", "expected"),
    [
        (D(2026, 4, 7), "send", True),  # Tuesday
        (D(2026, 4, 11), "send", True),  # Saturday
        (D(2026, 4, 12), "send", False),  # Sunday
        (D(2026, 4, 6), "send", False),  # Easter Monday
        (D(2026, 9, 24), "send", False),
        (D(2026, 4, 11), "call", False),  # Saturday: no calls
        (D(2026, 4, 10), "call", True),
    ],
)
def test_is_open_day(schedule, day, window, expected):
    window = schedule.CALL_WINDOW if window == "call" else schedule.SendWindow()
    assert schedule.is_open_day(day, window, HOLIDAYS) is expected


def test_is_open_day_accepts_the_holiday_dict(schedule):
    holidays = schedule.public_holidays(2026, "NC")
    assert not schedule.is_open_day(D(2026, 7, 14), schedule.SendWindow(), holidays)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Inside the window: unchanged.
        (DT(2026, 4, 7, 10, 0), DT(2026, 4, 7, 10, 0)),
        (DT(2026, 4, 7, 8, 0), DT(2026, 4, 7, 8, 0)),
        (DT(2026, 4, 7, 17, 59, 59), DT(2026, 4, 7, 17, 59, 59)),
        # Before the start: same morning.
        (DT(2026, 4, 7, 6, 30), DT(2026, 4, 7, 8, 0)),
        (DT(2026, 4, 7, 0, 0), DT(2026, 4, 7, 8, 0)),
        # After the end (excluded) and across the night.
        (DT(2026, 4, 7, 18, 0), DT(2026, 4, 8, 8, 0)),
        (DT(2026, 4, 8, 22, 0), DT(2026, 4, 9, 8, 0)),
        (DT(2026, 4, 8, 23, 59, 59), DT(2026, 4, 9, 8, 0)),
        # Saturday is allowed, Sunday is not.
        (DT(2026, 4, 11, 10, 0), DT(2026, 4, 11, 10, 0)),
        (DT(2026, 4, 11, 18, 30), DT(2026, 4, 13, 8, 0)),
        (DT(2026, 4, 12, 10, 0), DT(2026, 4, 13, 8, 0)),
        (DT(2026, 4, 12, 6, 0), DT(2026, 4, 13, 8, 0)),
        # Easter Monday 2026-04-06 is a holiday.
        (DT(2026, 4, 4, 19, 0), DT(2026, 4, 7, 8, 0)),
        (DT(2026, 4, 5, 12, 0), DT(2026, 4, 7, 8, 0)),
        (DT(2026, 4, 6, 9, 0), DT(2026, 4, 7, 8, 0)),
        # 24 September 2026 is a Thursday.
        (DT(2026, 9, 23, 18, 30), DT(2026, 9, 25, 8, 0)),
        (DT(2026, 9, 24, 10, 0), DT(2026, 9, 25, 8, 0)),
        # Year end: 1 January is a holiday, 2 January 2027 a Saturday.
        (DT(2026, 12, 31, 20, 0), DT(2027, 1, 2, 8, 0)),
        (DT(2027, 1, 1, 7, 0), DT(2027, 1, 2, 8, 0)),
        # Christmas on a Friday, then Saturday open.
        (DT(2026, 12, 24, 18, 0), DT(2026, 12, 26, 8, 0)),
    ],
)
def test_next_allowed_send_window(schedule, moment, expected):
    assert schedule.next_allowed(moment, schedule.SendWindow(), HOLIDAYS) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (DT(2026, 4, 10, 17, 30), DT(2026, 4, 13, 8, 0)),  # Friday evening
        (DT(2026, 4, 10, 17, 0), DT(2026, 4, 13, 8, 0)),
        (DT(2026, 4, 10, 16, 59), DT(2026, 4, 10, 16, 59)),
        (DT(2026, 4, 11, 10, 0), DT(2026, 4, 13, 8, 0)),  # Saturday
        (DT(2026, 4, 3, 17, 30), DT(2026, 4, 7, 8, 0)),  # then Easter Monday
    ],
)
def test_next_allowed_call_window(schedule, moment, expected):
    assert schedule.next_allowed(moment, schedule.CALL_WINDOW, HOLIDAYS) == expected


def test_next_allowed_keeps_seconds_inside_window(schedule):
    moment = DT(2026, 4, 7, 10, 15, 42, 123456)
    assert schedule.next_allowed(moment, schedule.SendWindow(), set()) is moment


def test_next_allowed_pf_calendar(schedule):
    holidays = schedule.public_holidays(2026, "PF")
    window = schedule.SendWindow()
    # Good Friday 2026-04-03 is a holiday in French Polynesia only.
    assert schedule.next_allowed(DT(2026, 4, 2, 19, 0), window, holidays) == DT(
        2026, 4, 4, 8, 0
    )
    assert schedule.next_allowed(DT(2026, 4, 2, 19, 0), window, HOLIDAYS) == DT(
        2026, 4, 3, 8, 0
    )


def test_next_allowed_is_minimal(schedule):
    """Every result is allowed, and nothing allowed lies between moment and it."""
    window = schedule.SendWindow()
    start = DT(2026, 3, 30, 0, 0)
    for step in range(0, 21 * 24 * 60, 25):
        moment = start + timedelta(minutes=step)
        result = schedule.next_allowed(moment, window, HOLIDAYS)
        assert result >= moment
        assert schedule.is_open_day(result.date(), window, HOLIDAYS)
        assert window.start <= result.time() < window.end
        if result != moment:
            assert result.time() == window.start
            probe = moment
            while probe < result:
                assert not (
                    schedule.is_open_day(probe.date(), window, HOLIDAYS)
                    and window.start <= probe.time() < window.end
                )
                probe += timedelta(minutes=5)


def test_next_allowed_no_open_day(schedule):
    closed = schedule.SendWindow(weekdays=frozenset())
    with pytest.raises(ValueError):
        schedule.next_allowed(DT(2026, 4, 7, 10, 0), closed, set())
    every_day = {D(2026, 1, 1) + timedelta(days=n) for n in range(800)}
    with pytest.raises(schedule.ScheduleError):
        schedule.next_allowed(DT(2026, 4, 7, 10, 0), schedule.SendWindow(), every_day)


def test_next_allowed_rejects_aware_datetime(schedule):
    aware = DT(2026, 4, 7, 10, 0, tzinfo=timezone.utc)
    with pytest.raises(ValueError):
        schedule.next_allowed(aware, schedule.SendWindow(), set())


# --- time zones -----------------------------------------------------------


@pytest.mark.parametrize(
    ("utc", "tz_name", "local"),
    [
        (DT(2026, 4, 6, 21, 0), "Pacific/Noumea", DT(2026, 4, 7, 8, 0)),
        (DT(2026, 1, 15, 12, 30), "Pacific/Noumea", DT(2026, 1, 15, 23, 30)),
        (DT(2026, 7, 15, 13, 0), "Pacific/Noumea", DT(2026, 7, 16, 0, 0)),
        (DT(2026, 12, 31, 13, 0), "Pacific/Noumea", DT(2027, 1, 1, 0, 0)),
        (DT(2026, 4, 7, 18, 0), "Pacific/Tahiti", DT(2026, 4, 7, 8, 0)),
        (DT(2026, 4, 7, 9, 0), "Pacific/Tahiti", DT(2026, 4, 6, 23, 0)),
        (DT(2027, 1, 1, 4, 0), "Pacific/Tahiti", DT(2026, 12, 31, 18, 0)),
    ],
)
def test_to_local_and_to_utc(schedule, utc, tz_name, local):
    assert schedule.to_local(utc, tz_name) == local
    assert schedule.to_utc(local, tz_name) == utc


@pytest.mark.parametrize("tz_name", ["Pacific/Noumea", "Pacific/Tahiti"])
def test_time_zone_round_trip_all_year(schedule, tz_name):
    offset = {"Pacific/Noumea": 11, "Pacific/Tahiti": -10}[tz_name]
    moment = DT(2026, 1, 1, 0, 17)
    while moment.year == 2026:
        local = schedule.to_local(moment, tz_name)
        assert local - moment == timedelta(hours=offset)  # no DST
        assert local.tzinfo is None
        assert schedule.to_utc(local, tz_name) == moment
        moment += timedelta(hours=7, minutes=13)


def test_time_zone_rejects_aware_and_unknown(schedule):
    aware = DT(2026, 4, 7, 10, 0, tzinfo=timezone.utc)
    with pytest.raises(ValueError):
        schedule.to_local(aware, "Pacific/Noumea")
    with pytest.raises(ValueError):
        schedule.to_utc(aware, "Pacific/Noumea")
    with pytest.raises(ZoneInfoNotFoundError):
        schedule.to_local(DT(2026, 4, 7), "Pacific/Nowhere")


# --- business days --------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (D(2026, 4, 7), 0, D(2026, 4, 7)),  # open: itself
        (D(2026, 4, 11), 0, D(2026, 4, 13)),  # Saturday -> Monday
        (D(2026, 4, 5), 0, D(2026, 4, 7)),  # Sunday, then Easter Monday
        (D(2026, 9, 5), 0, D(2026, 9, 7)),  # "the 5th or the next business day"
        (D(2026, 9, 24), 0, D(2026, 9, 25)),
        (D(2026, 4, 10), 1, D(2026, 4, 13)),  # Friday -> Monday
        (D(2026, 4, 11), 1, D(2026, 4, 14)),  # Saturday -> Tuesday (rolled)
        (D(2026, 4, 2), 2, D(2026, 4, 7)),  # across Easter Monday
        (D(2026, 4, 13), 5, D(2026, 4, 20)),
        (D(2026, 12, 24), 1, D(2026, 12, 28)),  # Christmas Friday
        (D(2026, 12, 31), 1, D(2027, 1, 4)),  # New Year's Day Friday
        # 2026: 261 weekdays, 10 of them NC holidays: Jan 2 is the first of
        # the 251 business days, Dec 31 the last.
        (D(2026, 1, 2), 250, D(2026, 12, 31)),
    ],
)
def test_add_business_days(schedule, day, n, expected):
    assert schedule.add_business_days(day, n, HOLIDAYS) == expected


@pytest.mark.parametrize(
    ("n", "weekdays", "expected"),
    [
        (1, frozenset({0, 1, 2, 3, 4, 5}), D(2026, 4, 11)),  # Saturday open
        (0, [0], D(2026, 4, 13)),  # Mondays only, any iterable
        (1, [0], D(2026, 4, 20)),
    ],
)
def test_add_business_days_custom_weekdays(schedule, n, weekdays, expected):
    friday = D(2026, 4, 10)
    assert schedule.add_business_days(friday, n, HOLIDAYS, weekdays) == expected


def test_add_business_days_invalid(schedule):
    with pytest.raises(ValueError):
        schedule.add_business_days(D(2026, 4, 7), -1, HOLIDAYS)
    with pytest.raises(schedule.ScheduleError):
        schedule.add_business_days(D(2026, 4, 7), 0, HOLIDAYS, frozenset())
