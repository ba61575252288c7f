# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Claim of one invoice at the date of the opening judgment.

A declaration states, per invoice, the amount *due* on the date of the
opening judgment and the amounts *not yet due* with their due dates (French
Code de commerce L. 622-25 and R. 622-23, applied in New Caledonia through
délibération n° 352 du 18 janvier 2008). Payments received up to the
judgment date reduce the claim, oldest instalment first; a payment received
*after* the judgment does not: paying a debt born before the judgment is
forbidden once the procedure is open (L. 622-7), so it is reported apart,
flagged for the staff, and the declared amount stays the one of the
judgment date.

Amounts are integers or ``Decimal`` in the invoice's currency; rounding is
the caller's business.

>>> from datetime import date
>>> claim = invoice_claim(
...     "F0001", "XPF", 100000,
...     [Instalment(date(2026, 1, 31), 50000), Instalment(date(2026, 3, 31), 50000)],
...     [Payment(date(2026, 1, 20), 30000), Payment(date(2026, 2, 20), 10000)],
...     date(2026, 2, 15),
... )
>>> claim.due, claim.not_yet_due, claim.paid_after
(20000, 50000, 10000)
>>> claim.instalments_not_yet_due
(Instalment(due_date=datetime.date(2026, 3, 31), amount=50000),)
>>> claim.total, claim.has_payments_after
(70000, True)
"""

from dataclasses import dataclass, field
from datetime import date

__all__ = ["Claim", "ClaimError", "Instalment", "Payment", "invoice_claim", "totals"]


class ClaimError(ValueError):
    """The invoice data cannot give a claim (negative amount, no date…)."""


@dataclass(frozen=True)
class Instalment:
    """One due date of an invoice and the amount due on it."""

    due_date: date
    amount: object


@dataclass(frozen=True)
class Payment:
    """A payment (or credit) allocated to the invoice, on its date."""

    date: date
    amount: object


@dataclass(frozen=True)
class Claim:
    """What the creditor declares for one invoice."""

    reference: str
    currency: str
    due: object
    not_yet_due: object
    instalments_not_yet_due: tuple = ()
    paid_after: object = 0
    payments_after: tuple = field(default=())

    @property
    def total(self):
        return self.due + self.not_yet_due

    @property
    def has_payments_after(self):
        return bool(self.payments_after)


def invoice_claim(reference, currency, amount, instalments, payments, judgment_date):
    """Return the :class:`Claim` of an invoice at ``judgment_date``.

    The payments on or before the judgment date settle the oldest
    instalments first.

    >>> invoice_claim("F1", "XPF", 1000, [], [], date(2026, 1, 1))
    ... # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
        ...
    ClaimError: The invoice F1 has no due date.
    """
    if amount < 0:
        raise ClaimError(f"The invoice {reference} has a negative amount.")
    if not instalments:
        raise ClaimError(f"The invoice {reference} has no due date.")
    if not isinstance(judgment_date, date):
        raise ClaimError("The judgment date is required.")
    before = sum((p.amount for p in payments if p.date <= judgment_date), 0)
    after = tuple(
        sorted((p for p in payments if p.date > judgment_date), key=lambda p: p.date)
    )
    open_instalments = _settle(sorted(instalments, key=lambda i: i.due_date), before)
    due = sum((i.amount for i in open_instalments if i.due_date <= judgment_date), 0)
    later = tuple(i for i in open_instalments if i.due_date > judgment_date)
    return Claim(
        reference=reference,
        currency=currency,
        due=due,
        not_yet_due=sum((i.amount for i in later), 0),
        instalments_not_yet_due=later,
        paid_after=sum((p.amount for p in after), 0),
        payments_after=after,
    )


def _settle(instalments, paid):
    """Instalments still open once ``paid`` settled the oldest first."""
    result = []
    for instalment in instalments:
        settled = min(paid, instalment.amount)
        paid -= settled
        if instalment.amount - settled > 0:
            result.append(Instalment(instalment.due_date, instalment.amount - settled))
    return result


def totals(claims):
    """Sum claims per currency: ``{currency: (due, not_yet_due)}``.

    >>> a = Claim("F1", "XPF", 100, 50)
    >>> b = Claim("F2", "EUR", 10, 0)
    >>> totals([a, b, Claim("F3", "XPF", 1, 2)])
    {'XPF': (101, 52), 'EUR': (10, 0)}
    """
    result = {}
    for claim in claims:
        due, later = result.get(claim.currency, (0, 0))
        result[claim.currency] = (due + claim.due, later + claim.not_yet_due)
    return result
