# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Deadline to declare claims in a New Caledonian collective procedure.

Délibération n° 352 du 18 janvier 2008 portant mesures de procédure en
matière de sauvegarde des entreprises (New Caledonia's counterpart of the
French articles R. 622-24 and following): a creditor declares its claims to
the mandataire judiciaire within **two months** of the publication of the
opening judgment in the JONC (Journal officiel de la Nouvelle-Calédonie);
a creditor established **outside New Caledonia** has two more months, four in
total. See the add-on's ``readme/DESCRIPTION.md``.

A period of months ends on the day of the last month that bears the same
number as the starting day; when that month has no such day (31 December plus
two months), it ends on the last day of the month (code de procédure civile,
articles 641 and 642).

>>> from datetime import date
>>> declaration_deadline(date(2026, 3, 10))
datetime.date(2026, 5, 10)
>>> declaration_deadline(date(2026, 3, 10), outside_nc=True)
datetime.date(2026, 7, 10)
>>> declaration_deadline(date(2025, 12, 31))
datetime.date(2026, 2, 28)
>>> declaration_deadline(date(2027, 12, 31))
datetime.date(2028, 2, 29)
>>> reminder_dates(date(2026, 5, 10), date(2026, 4, 25))
[datetime.date(2026, 4, 25), datetime.date(2026, 5, 3)]
>>> days_left(date(2026, 5, 10), date(2026, 5, 12))
-2
"""

import calendar
from datetime import date, timedelta

__all__ = [
    "DECLARATION_MONTHS",
    "DECLARATION_MONTHS_OUTSIDE_NC",
    "REMINDER_DAYS",
    "add_months",
    "days_left",
    "declaration_deadline",
    "is_overdue",
    "reminder_dates",
]

DECLARATION_MONTHS = 2
DECLARATION_MONTHS_OUTSIDE_NC = 4
# Days before the deadline on which the responsible gets a to-do.
REMINDER_DAYS = (30, 15, 7)


def add_months(day, months):
    """Return ``day`` plus ``months`` months, clamped to the month's end.

    >>> add_months(date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    >>> add_months(date(2026, 11, 30), 3)
    datetime.date(2027, 2, 28)
    >>> add_months(date(2026, 8, 31), -2)
    datetime.date(2026, 6, 30)
    """
    if not isinstance(day, date):
        raise TypeError(f"a date is required, not {type(day).__name__}")
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def declaration_deadline(publication_date, outside_nc=False):
    """Last day to declare claims, from the JONC publication date."""
    months = DECLARATION_MONTHS_OUTSIDE_NC if outside_nc else DECLARATION_MONTHS
    return add_months(publication_date, months)


def reminder_dates(deadline, today, days=REMINDER_DAYS):
    """Dates of the reminders before ``deadline`` still to come from ``today``.

    A reminder whose date has passed is dropped, except that when every
    reminder is already past and the deadline is not, ``today`` is kept so that
    the responsible is warned at least once.
    """
    dates = sorted({deadline - timedelta(days=d) for d in days})
    upcoming = [d for d in dates if d >= today]
    if dates and dates[0] < today <= deadline and today not in upcoming:
        upcoming.insert(0, today)
    return upcoming


def days_left(deadline, today):
    """Days from ``today`` to ``deadline`` (negative once overdue)."""
    return (deadline - today).days


def is_overdue(deadline, today):
    """True when ``today`` is after the last day to declare.

    >>> is_overdue(date(2026, 5, 10), date(2026, 5, 10))
    False
    >>> is_overdue(date(2026, 5, 10), date(2026, 5, 11))
    True
    """
    return today > deadline
