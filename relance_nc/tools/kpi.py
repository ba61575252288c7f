# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Receivable KPIs: age buckets, DSO and overdue ratio ("Suivre vos comptes
clients").

Rules (the usual credit-management definitions, as in Odoo's aged receivable
report and the French *délai moyen de paiement clients*):

- an open receivable item is aged on its own due date: ``days overdue`` is
  the number of days from the due date to the reference date, 0 when not yet
  due; it falls in one of five buckets: not due, 1-30, 31-60, 61-90 and over
  90 days. Credits (credit notes, unreconciled payments) are aged on their
  date like any item, so that the buckets add up to the balance;
- DSO (days sales outstanding) = receivable balance / credit sales of the
  period x days of the period (90 by default). A zero or negative balance
  gives 0 days; without sales in the period the DSO is undefined (None);
- overdue ratio = overdue balance / total receivable balance, both net of
  credits; undefined (None) when the total is zero or negative.

>>> from datetime import date
>>> days_overdue(date(2026, 1, 31), date(2026, 3, 2))
30
>>> age_bucket(30), age_bucket(31), age_bucket(0), age_bucket(91)
('1_30', '31_60', 'not_due', 'over_90')
>>> dso(1_500_000, 4_500_000)
30.0
>>> overdue_ratio(250_000, 1_000_000)
0.25
"""

from datetime import date

__all__ = [
    "BUCKETS",
    "BUCKET_LIMITS",
    "age_bucket",
    "aging",
    "days_overdue",
    "dso",
    "overdue_ratio",
    "recovery_rate",
]

#: Upper bound (days overdue, inclusive) of each bucket; None: no bound.
BUCKET_LIMITS = (
    ("not_due", 0),
    ("1_30", 30),
    ("31_60", 60),
    ("61_90", 90),
    ("over_90", None),
)
#: Bucket codes, youngest first.
BUCKETS = tuple(code for code, __ in BUCKET_LIMITS)
#: Default DSO period, in days.
DSO_PERIOD = 90


def days_overdue(due_date: date, today: date) -> int:
    """Days from ``due_date`` to ``today``; 0 when not yet due.

    >>> days_overdue(date(2026, 3, 1), date(2026, 3, 1))
    0
    >>> days_overdue(date(2026, 3, 10), date(2026, 3, 1))
    0
    """
    return max((today - due_date).days, 0)


def age_bucket(days: int) -> str:
    """Bucket code of an item ``days`` overdue.

    >>> [age_bucket(d) for d in (-5, 1, 60, 61, 90, 365)]
    ['not_due', '1_30', '31_60', '61_90', '61_90', 'over_90']
    """
    for code, limit in BUCKET_LIMITS:
        if limit is None or days <= limit:
            return code
    raise AssertionError("the last bucket has no limit")  # pragma: no cover


def aging(items, today: date) -> dict:
    """Sum ``(due_date, amount)`` pairs per bucket; every bucket is present.

    >>> totals = aging([(date(2026, 1, 1), 100), (date(2026, 3, 1), 50),
    ...                 (date(2025, 1, 1), -30)], date(2026, 3, 1))
    >>> totals
    {'not_due': 50, '1_30': 0, '31_60': 100, '61_90': 0, 'over_90': -30}
    """
    totals = dict.fromkeys(BUCKETS, 0)
    for due_date, amount in items:
        totals[age_bucket(days_overdue(due_date, today))] += amount
    return totals


def dso(receivable_balance: float, credit_sales: float, period_days: int = DSO_PERIOD):
    """Days sales outstanding, or None when the period has no sales.

    >>> dso(0, 1000)
    0.0
    >>> dso(-200, 1000)
    0.0
    >>> dso(1000, 0) is None
    True
    >>> round(dso(100_000, 300_000, period_days=30), 2)
    10.0
    """
    if credit_sales <= 0:
        return None
    return max(receivable_balance, 0) / credit_sales * period_days


def overdue_ratio(overdue: float, total_receivable: float):
    """Share of the receivable balance that is overdue, or None without one.

    The result may exceed 1 when credits not yet due offset overdue items.

    >>> overdue_ratio(0, 1000)
    0.0
    >>> overdue_ratio(500, 0) is None
    True
    >>> overdue_ratio(1200, 1000)
    1.2
    """
    if total_receivable <= 0:
        return None
    return overdue / total_receivable


def recovery_rate(recovered: float, claimed: float):
    """Share of the claimed amount recovered afterwards, or None without claim.

    >>> recovery_rate(30_000, 120_000)
    0.25
    >>> recovery_rate(10, 0) is None
    True
    """
    if claimed <= 0:
        return None
    return recovered / claimed
