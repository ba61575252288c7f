# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Sending windows, public holidays of New Caledonia and French Polynesia.

Reminders go out "immédiatement ou à l'heure de programmation", calls "aux
heures ouvrables" (seed 000, sections E2, F2 and G2), and relance.nc never
sends at night, on Sundays or on public holidays (issue 3, "Delivery time").
This module answers the two questions behind that rule, with plain values:

* *When may this go out?* :func:`next_allowed` moves a moment to the start of
  the next :class:`SendWindow` on an open day (a weekday of the window that
  is not a holiday). Times are **naive local** wall-clock times
  (Pacific/Noumea or Pacific/Tahiti); :func:`to_local` and :func:`to_utc`
  convert from and to the naive UTC datetimes Odoo stores. Neither zone has
  daylight saving time, so no local time is ambiguous or missing.
* *Which days are holidays?* :func:`public_holidays` gives the default
  calendar of a territory for a year. These are defaults: the Odoo side lets
  each company add days (a bridge, a local fête) or remove them, and passes
  the resulting set of dates to the functions here, which never read the
  clock nor a calendar themselves.

Default calendars (names in French):

* ``"NC"`` (Code du travail de Nouvelle-Calédonie): 1 January, Easter Monday,
  1 and 8 May, Ascension (Easter + 39), Whit Monday (Easter + 50), 14 July,
  15 August, 24 September (Fête de la citoyenneté), 1 and 11 November and 25
  December. Good Friday is not a holiday in New Caledonia.
* ``"PF"`` (Code du travail de la Polynésie française): the same without
  24 September, plus 5 March (Arrivée de l'Évangile), Good Friday and, until
  2024, 29 June (Fête de l'autonomie). A loi du pays adopted on 6 May 2025
  replaced 29 June by 20 November (Matari'i i ni'a) from 2025 on; 29 June
  2025 fell on a Sunday, so the exact effective date does not change any
  sending. **[secondary]**: press and assembly reports, not the JOPF text.

Easter is computed with the anonymous Gregorian algorithm (Meeus, *Astronomical
Algorithms*, chapter 8; also known as Meeus/Jones/Butcher).

Sources: seed 000 sections E-G; issue 3; la1ere.francetvinfo.fr "Pont du 24
septembre" (2019); tahiti-infos.com "Les jours fériés en 2025 avec une
inconnue" (31 December 2024) and "Le 20 novembre remplace officiellement le 29
juin comme jour férié" (6 May 2025); assemblée de la Polynésie française,
rapport n° 23-2025 (JOPF n° 11 NA of 25 June 2025).

>>> easter_sunday(2026)
datetime.date(2026, 4, 5)
>>> holidays = public_holidays(2026, "NC")
>>> holidays[date(2026, 9, 24)]
'Fête de la citoyenneté'
>>> window = SendWindow()
>>> next_allowed(datetime(2026, 4, 4, 19, 30), window, holidays)  # Saturday
datetime.datetime(2026, 4, 7, 8, 0)
>>> next_allowed(datetime(2026, 4, 7, 10, 15), window, holidays)
datetime.datetime(2026, 4, 7, 10, 15)
>>> to_utc(datetime(2026, 4, 7, 8, 0), "Pacific/Noumea")
datetime.datetime(2026, 4, 6, 21, 0)
>>> add_business_days(date(2026, 4, 5), 0, holidays)  # the 5th or the next
datetime.date(2026, 4, 7)
"""

from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

__all__ = [
    "CALL_WINDOW",
    "ScheduleError",
    "SendWindow",
    "add_business_days",
    "easter_sunday",
    "is_open_day",
    "next_allowed",
    "public_holidays",
    "to_local",
    "to_utc",
]

#: Territories known by public_holidays().
TERRITORIES = ("NC", "PF")
#: Days searched for an open day before giving up (one year, leap or not).
MAX_SEARCH_DAYS = 366

# Fixed holidays common to both territories: (month, day, name).
_COMMON_FIXED = (
    (1, 1, "Jour de l'an"),
    (5, 1, "Fête du travail"),
    (5, 8, "Victoire 1945"),
    (7, 14, "Fête nationale"),
    (8, 15, "Assomption"),
    (11, 1, "Toussaint"),
    (11, 11, "Armistice 1918"),
    (12, 25, "Noël"),
)
# Movable holidays common to both territories: (days after Easter, name).
_COMMON_EASTER = (
    (1, "Lundi de Pâques"),
    (39, "Ascension"),
    (50, "Lundi de Pentecôte"),
)
# First year in which 20 November replaces 29 June in French Polynesia.
_PF_MATARII_FROM = 2025


class ScheduleError(ValueError):
    """Invalid argument of a scheduling function (territory, window, date)."""


def easter_sunday(year: int) -> date:
    """Return the date of Easter Sunday in the Gregorian calendar.

    >>> easter_sunday(2027), easter_sunday(2038)
    (datetime.date(2027, 3, 28), datetime.date(2038, 4, 25))
    """
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    j = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * j) // 451
    month, day = divmod(h + j - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _territory_days(year, territory):
    """Yield the (date, name) pairs of one territory's default calendar."""
    easter = easter_sunday(year)
    for month, day, name in _COMMON_FIXED:
        yield date(year, month, day), name
    for offset, name in _COMMON_EASTER:
        yield easter + timedelta(days=offset), name
    if territory == "NC":
        yield date(year, 9, 24), "Fête de la citoyenneté"
    else:
        yield date(year, 3, 5), "Arrivée de l'Évangile"
        yield easter - timedelta(days=2), "Vendredi saint"
        if year >= _PF_MATARII_FROM:
            yield date(year, 11, 20), "Matari'i i ni'a"
        else:
            yield date(year, 6, 29), "Fête de l'autonomie"


def public_holidays(year: int, territory: str) -> dict[date, str]:
    """Return the default public holidays of ``territory`` in ``year``.

    ``territory`` is ``"NC"`` (New Caledonia) or ``"PF"`` (French Polynesia);
    anything else raises :class:`ScheduleError`. The result maps each date to
    its French name, sorted by date; two holidays on the same day (Ascension
    on 1 or 8 May) share one entry named ``"A / B"``. These are defaults that
    the company may amend in Odoo.

    >>> pf = public_holidays(2026, "PF")
    >>> pf[date(2026, 4, 3)], pf[date(2026, 11, 20)], len(pf)
    ('Vendredi saint', "Matari'i i ni'a", 14)
    >>> public_holidays(2008, "NC")[date(2008, 5, 1)]
    'Fête du travail / Ascension'
    """
    if territory not in TERRITORIES:
        raise ScheduleError(
            f"Unknown territory {territory!r}: expected one of {TERRITORIES}."
        )
    holidays = {}
    for day, name in _territory_days(year, territory):
        holidays[day] = f"{holidays[day]} / {name}" if day in holidays else name
    return dict(sorted(holidays.items()))


@dataclass(frozen=True)
class SendWindow:
    """Hours and weekdays during which a channel may reach a customer.

    ``start`` is included and ``end`` excluded: with the default window a
    message may leave from 08:00 to 17:59:59. ``weekdays`` holds the allowed
    ``date.weekday()`` values (Monday is 0, Sunday 6); any iterable is
    accepted and stored as a frozenset. The default allows Monday to Saturday
    for email and SMS; see :data:`CALL_WINDOW` for calls. A window that does
    not end after it starts (one crossing midnight) or a weekday outside 0-6
    raises :class:`ScheduleError`.

    >>> SendWindow(time(9, 0), time(12, 0), [0, 2]).weekdays == {0, 2}
    True
    """

    start: time = time(8, 0)
    end: time = time(18, 0)
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4, 5})

    def __post_init__(self):
        """Check the window and freeze ``weekdays``."""
        weekdays = frozenset(self.weekdays)
        object.__setattr__(self, "weekdays", weekdays)
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ScheduleError("A send window uses naive local times.")
        if self.start >= self.end:
            raise ScheduleError(
                f"A send window must end after it starts ({self.start}-{self.end})."
            )
        if not weekdays <= set(range(7)):
            raise ScheduleError(f"Weekdays are 0 (Monday) to 6: {sorted(weekdays)}.")

    def contains(self, moment: datetime) -> bool:
        """Tell whether ``moment``'s time of day is inside the window's hours.

        >>> SendWindow().contains(datetime(2026, 4, 7, 18, 0))
        False
        """
        return self.start <= moment.time() < self.end


#: Business hours for phone calls: Monday to Friday, 08:00 to 17:00.
CALL_WINDOW = SendWindow(time(8, 0), time(17, 0), frozenset({0, 1, 2, 3, 4}))


def is_open_day(day: date, window: SendWindow, holidays: Container[date]) -> bool:
    """Tell whether ``day`` is a weekday of ``window`` and not a holiday.

    ``holidays`` is any container of dates: a set, or the dict returned by
    :func:`public_holidays`.

    >>> holidays = public_holidays(2026, "NC")
    >>> is_open_day(date(2026, 4, 6), SendWindow(), holidays)  # Easter Monday
    False
    >>> is_open_day(date(2026, 4, 11), SendWindow(), holidays)  # a Saturday
    True
    >>> is_open_day(date(2026, 4, 11), CALL_WINDOW, holidays)
    False
    """
    return day.weekday() in window.weekdays and day not in holidays


def _open_days(day, weekdays, holidays):
    """Yield the open days from ``day`` on, for at most one year."""
    for offset in range(MAX_SEARCH_DAYS + 1):
        candidate = day + timedelta(days=offset)
        if candidate.weekday() in weekdays and candidate not in holidays:
            yield candidate
    raise ScheduleError(
        f"No open day within {MAX_SEARCH_DAYS} days after {day}: "
        "check the weekdays and the holidays."
    )


def _check_naive(moment):
    """Raise :class:`ScheduleError` if ``moment`` carries a time zone."""
    if moment.tzinfo is not None:
        raise ScheduleError(f"A naive datetime is expected, not {moment!r}.")


def next_allowed(
    moment: datetime, window: SendWindow, holidays: Container[date]
) -> datetime:
    """Return the first moment from ``moment`` on when ``window`` is open.

    ``moment`` is a naive local time. It is returned unchanged when it falls
    inside the window's hours on an open day; otherwise the result is the
    window's start on the same day (if still to come and the day is open) or
    on the next open day. Raise :class:`ScheduleError` for an aware datetime
    or when no open day exists within 366 days (e.g. no weekday allowed).

    >>> holidays = public_holidays(2026, "NC") | public_holidays(2027, "NC")
    >>> next_allowed(datetime(2026, 12, 31, 20, 0), SendWindow(), holidays)
    datetime.datetime(2027, 1, 2, 8, 0)
    >>> next_allowed(datetime(2026, 4, 10, 17, 30), CALL_WINDOW, holidays)
    datetime.datetime(2026, 4, 13, 8, 0)
    """
    _check_naive(moment)
    day = moment.date()
    if is_open_day(day, window, holidays):
        if window.contains(moment):
            return moment
        if moment.time() < window.start:
            return datetime.combine(day, window.start)
    following = day + timedelta(days=1)
    open_day = next(_open_days(following, window.weekdays, holidays))
    return datetime.combine(open_day, window.start)


def to_local(utc_naive: datetime, tz_name: str) -> datetime:
    """Convert a naive UTC datetime to the naive wall-clock time of ``tz_name``.

    ``tz_name`` is an IANA zone name; an unknown one raises
    ``zoneinfo.ZoneInfoNotFoundError``.

    >>> to_local(datetime(2026, 4, 6, 21, 0), "Pacific/Noumea")
    datetime.datetime(2026, 4, 7, 8, 0)
    >>> to_local(datetime(2026, 4, 7, 18, 0), "Pacific/Tahiti")
    datetime.datetime(2026, 4, 7, 8, 0)
    """
    _check_naive(utc_naive)
    aware = utc_naive.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(tz_name))
    return aware.replace(tzinfo=None)


def to_utc(local_naive: datetime, tz_name: str) -> datetime:
    """Convert a naive wall-clock time of ``tz_name`` to a naive UTC datetime.

    >>> to_utc(datetime(2026, 4, 7, 8, 0), "Pacific/Tahiti")
    datetime.datetime(2026, 4, 7, 18, 0)
    """
    _check_naive(local_naive)
    aware = local_naive.replace(tzinfo=ZoneInfo(tz_name)).astimezone(timezone.utc)
    return aware.replace(tzinfo=None)


def add_business_days(
    day: date,
    n: int,
    holidays: Container[date],
    weekdays: Iterable[int] = frozenset({0, 1, 2, 3, 4}),
) -> date:
    """Return the ``n``-th business day after ``day`` (``n`` >= 0).

    ``day`` is first moved forward to the next business day (itself if it is
    one), then ``n`` business days are added, like numpy's ``busday_offset``
    with ``roll="forward"``: ``n=0`` gives "the 5th or the next business day",
    and ``n=1`` from a Saturday gives the Tuesday. Business days are the
    ``weekdays`` (Monday to Friday by default) that are not in ``holidays``.
    Raise :class:`ScheduleError` for a negative ``n`` or when a year passes
    without a business day.

    >>> holidays = public_holidays(2026, "NC")
    >>> add_business_days(date(2026, 4, 2), 2, holidays)  # Thursday
    datetime.date(2026, 4, 7)
    """
    if n < 0:
        raise ScheduleError(f"The number of business days must be >= 0, not {n}.")
    weekdays = frozenset(weekdays)
    day = next(_open_days(day, weekdays, holidays))
    for _ in range(n):
        day = next(_open_days(day + timedelta(days=1), weekdays, holidays))
    return day
