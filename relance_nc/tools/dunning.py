# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reminder level arithmetic: which level is due for which receivable item.

Rules (relance.nc design card, in the way of Odoo Enterprise follow-ups and
OCA ``account_credit_control``):

- each receivable journal item (one per instalment) is aged on its own due
  date, not only on the invoice's last due date;
- the level due for an item is the highest level whose delay (days after the
  due date, negative for a courtesy reminder before it) has been reached;
- an invoice is reminded at a level only once: a level is due when it is
  higher than the level its invoice already reached;
- a customer's overdue balance is netted with its credits (credit notes and
  unreconciled payments), and nothing is sent below the policy's minimum.

>>> from datetime import date
>>> level_for_days(10, [-3, 7, 21])
7
>>> level_for_days(-5, [-3, 7, 21]) is None
True
>>> items = [Item(1, 10, date(2026, 1, 1), 500.0, None),
...          Item(2, 10, date(2026, 2, 1), 500.0, None),
...          Item(3, 11, date(2026, 1, 1), 200.0, 7)]
>>> due = due_levels(items, [-3, 7, 21], date(2026, 1, 25))
>>> sorted((delay, [i.key for i in lines]) for delay, lines in due.items())
[(21, [1, 3])]
"""

from bisect import bisect_right
from datetime import date
from typing import NamedTuple


class Item(NamedTuple):
    """A receivable journal item: ``key`` (line id), ``move`` (invoice id), its
    due date, residual amount and the delay of the level its invoice reached
    (None when never reminded). A named tuple: a planning run makes one per
    overdue item, hundreds of thousands at scale."""

    key: int
    move: int
    due_date: date
    residual: float
    reached_delay: int | None


def level_for_days(days_overdue, delays):
    """Return the highest delay in ``delays`` that ``days_overdue`` reached, or
    None when none is reached yet.

    >>> level_for_days(7, [7, 21])
    7
    >>> level_for_days(6, [7, 21]) is None
    True
    """
    ordered = sorted(delays)
    index = bisect_right(ordered, days_overdue)
    return ordered[index - 1] if index else None


def due_levels(items, delays, today):
    """Group the ``items`` whose due level is above the level their invoice
    reached: ``{delay: [items]}``. An invoice with several instalments takes
    the level of its oldest overdue instalment, so all its items go together;
    a later instalment not due yet is not chased.
    """
    ordered = sorted(delays)
    own = []  # the level each item reached on its own due date
    for item in items:
        index = bisect_right(ordered, (today - item.due_date).days)
        own.append(ordered[index - 1] if index else None)
    by_move = {}
    for item, delay in zip(items, own, strict=True):
        if delay is not None and delay > by_move.get(item.move, delay - 1):
            by_move[item.move] = delay
    due = {}
    for item, own_delay in zip(items, own, strict=True):
        if own_delay is None:
            continue
        delay = by_move[item.move]
        if item.reached_delay is not None and delay <= item.reached_delay:
            continue
        due.setdefault(delay, []).append(item)
    return due


def net_overdue(items, credits):
    """Overdue balance of a customer: the residual of its ``items`` less its
    ``credits`` (positive amounts of credit notes and unreconciled payments),
    never below zero.

    >>> net_overdue([Item(1, 1, date(2026, 1, 1), 1000.0, None)], [300.0])
    700.0
    >>> net_overdue([], [300.0])
    0.0
    """
    total = sum(item.residual for item in items) - sum(credits)
    return max(total, 0.0)
