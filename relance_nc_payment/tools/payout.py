# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Monthly payouts of the hosted shop: payout date, fees, netting of rejections.

Pure Python, no Odoo import: dates, holidays and amounts are parameters.

The rules (seed 000 §B "Option paiement carte bancaire", issue 4 "Collected
funds, payouts, fees, rejections"):

* **Payout date.** Everything collected up to the end of a month is paid out
  on the 5th of the next month. When the 5th is not a *business day* (a
  Saturday, a Sunday or a public holiday of the company's calendar) the payout
  moves to the **next** business day, never to the previous one: a bank
  transfer is only ordered on a business day, and paying later never pays out
  money that is not yet collected. Saturday counts as closed because banks do
  not execute transfers on Saturdays. This is the rule of
  ``relance_nc.tools.schedule.add_business_days(day, 0, holidays)``
  ("the 5th or the next business day"); ``tests/test_tool_payout.py`` checks
  that both agree. Dates are *local* dates of the company (Pacific/Noumea):
  a card payment confirmed on 31 January at 23:30 UTC is collected on
  1 February in Nouméa and belongs to February.
* **Fees.** Per transaction: ``percent`` of the amount, rounded half up to the
  currency's minor unit (whole francs for XPF), plus a ``fixed`` amount.
* **Rejections and chargebacks** (full or partial) are deducted from the next
  payout in the order given; when the collected amount cannot cover them, the
  part left over of each rejection is invoiced to the creditor.

>>> payout_date(2026, 4, {date(2026, 4, 6)})  # 5 April 2026 is a Sunday
datetime.date(2026, 4, 7)
>>> collection_fee(12345, 1.5, 25)  # 185.175 -> 185, plus 25
210
>>> net_payout(10000, [4000, 8000])
Netting(payout=0, deducted=(4000, 6000), invoiced=(0, 2000))
"""

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "PAYOUT_DAY",
    "Netting",
    "PayoutError",
    "collection_fee",
    "due_period",
    "net_payout",
    "payout_date",
    "period_end",
    "previous_period",
]

#: Day of the month on which the funds of the previous month are paid out.
PAYOUT_DAY = 5
#: Business days: Monday (0) to Friday (4).
BUSINESS_WEEKDAYS = frozenset(range(5))
#: Days searched for a business day before giving up.
MAX_SEARCH_DAYS = 366


class PayoutError(ValueError):
    """Invalid argument of a payout function."""


def next_business_day(
    day: date,
    holidays: Container[date],
    weekdays: Iterable[int] = BUSINESS_WEEKDAYS,
) -> date:
    """Return ``day`` if it is a business day, else the next business day.

    >>> next_business_day(date(2026, 9, 24), {date(2026, 9, 24)})  # Thursday
    datetime.date(2026, 9, 25)
    """
    weekdays = frozenset(weekdays)
    for offset in range(MAX_SEARCH_DAYS + 1):
        candidate = day + timedelta(days=offset)
        if candidate.weekday() in weekdays and candidate not in holidays:
            return candidate
    raise PayoutError(f"No business day within {MAX_SEARCH_DAYS} days after {day}.")


def payout_date(
    year: int,
    month: int,
    holidays: Container[date],
    payout_day: int = PAYOUT_DAY,
    weekdays: Iterable[int] = BUSINESS_WEEKDAYS,
) -> date:
    """Return the payout date of ``month``: the 5th or the next business day.

    It pays out what was collected during the *previous* month.

    >>> payout_date(2026, 7, set())  # Sunday 5 July 2026
    datetime.date(2026, 7, 6)
    >>> payout_date(2026, 8, set())  # a Wednesday
    datetime.date(2026, 8, 5)
    """
    if not 1 <= payout_day <= 28:
        raise PayoutError(f"The payout day must be 1 to 28, not {payout_day}.")
    return next_business_day(date(year, month, payout_day), holidays, weekdays)


def previous_period(day: date) -> date:
    """First day of the month before ``day``'s month (the period paid out).

    >>> previous_period(date(2027, 1, 5))
    datetime.date(2026, 12, 1)
    """
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def period_end(period: date) -> date:
    """First day *after* the month that starts on ``period`` (exclusive end).

    >>> period_end(date(2026, 12, 1))
    datetime.date(2027, 1, 1)
    """
    return (period.replace(day=28) + timedelta(days=4)).replace(day=1)


def due_period(
    today: date,
    holidays: Container[date],
    payout_day: int = PAYOUT_DAY,
) -> date | None:
    """Return the period to pay out on ``today`` (local date), or ``None``.

    From the payout date of ``today``'s month on, the period due is the
    previous month (its first day); before it, nothing is due yet (the
    previous payout was made last month). A scheduled action that runs every
    day can therefore call this and create what is missing: a run missed on
    the payout date is caught up the next day.

    >>> due_period(date(2026, 4, 6), {date(2026, 4, 6)})  # Easter Monday
    >>> due_period(date(2026, 4, 7), {date(2026, 4, 6)})
    datetime.date(2026, 3, 1)
    """
    if today < payout_date(today.year, today.month, holidays, payout_day):
        return None
    return previous_period(today)


def collection_fee(amount, percent=0.0, fixed=0.0, digits: int = 0):
    """Fee of one transaction: ``percent`` of ``amount`` rounded half up to
    ``digits`` decimals (0 for XPF), plus ``fixed``.

    The percentage is read through its decimal text, so that ``1.15`` % of
    1000 is exactly 11.5 and rounds to 12, not to 11 as binary floats would.
    The result is an ``int`` when ``digits`` is 0, else a float.

    >>> collection_fee(1000, 1.15), collection_fee(1000, 1.25, 30)
    (12, 43)
    >>> collection_fee(19.99, 2.9, 0.25, digits=2)
    0.83
    """
    if digits < 0:
        raise PayoutError(f"Digits must be >= 0, not {digits}.")
    if percent < 0 or fixed < 0:
        raise PayoutError(f"Fees cannot be negative: {percent} %, {fixed}.")
    quantum = Decimal(1).scaleb(-digits)
    share = Decimal(str(amount)) * Decimal(str(percent)) / 100
    fee = share.quantize(quantum, rounding=ROUND_HALF_UP) + Decimal(str(fixed))
    fee = fee.quantize(quantum, rounding=ROUND_HALF_UP)
    return int(fee) if digits == 0 else float(fee)


@dataclass(frozen=True)
class Netting:
    """Result of :func:`net_payout`.

    ``payout`` is the amount to transfer; ``deducted[i]`` and ``invoiced[i]``
    split rejection ``i`` between the payout and an invoice to the creditor
    (``deducted[i] + invoiced[i]`` is the rejection's amount).
    """

    payout: float
    deducted: tuple
    invoiced: tuple

    @property
    def remainder(self):
        """Total to invoice to the creditor."""
        return sum(self.invoiced)


def net_payout(collected, rejections: Sequence) -> Netting:
    """Deduct ``rejections`` (amounts, in order) from ``collected``.

    Each rejection takes what it can from the amount still available; the
    part it cannot take is invoiced. The payout is never negative.

    >>> net_payout(10000, [2500])
    Netting(payout=7500, deducted=(2500,), invoiced=(0,))
    >>> net_payout(0, [300]).remainder
    300
    """
    if collected < 0:
        raise PayoutError(f"The collected amount cannot be negative: {collected}.")
    available = collected
    deducted, invoiced = [], []
    for amount in rejections:
        if amount < 0:
            raise PayoutError(f"A rejection amount cannot be negative: {amount}.")
        taken = min(available, amount)
        available -= taken
        deducted.append(taken)
        invoiced.append(amount - taken)
    return Netting(available, tuple(deducted), tuple(invoiced))
