# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Collection cases ("Relance Eco" and classic hand-over): the data rules.

Rules (seed 002, the collection firm's "Relance Eco" offer; the module's
``readme/USAGE.md``):

- one invoice: its date, its amount including tax and its due date;
- several invoices: their composition, the total due, the dates of the first
  and of the last invoice, and the date of the creditor's last letter that
  claimed this amount;
- an Eco case claims the principal only; late-payment penalties, the fixed
  indemnity, legal interest, a penalty clause and rejected-payment fees are
  claimed only when the creditor invoiced them and lists those invoices in
  the case;
- fifteen days after the Eco email, a creditor who has not recorded the
  payment is offered the classic collection;
- the classic hand-over fee: none under an annual contract, the reduced fee
  after an Eco case, the full fee otherwise.

>>> from datetime import date
>>> lines = [Line("F1", date(2026, 3, 1), date(2026, 3, 31), 11300.0),
...          Line("F2", date(2026, 4, 1), date(2026, 4, 30), 5650.0),
...          Line("P1", date(2026, 5, 10), date(2026, 5, 10), 1000.0,
...               "late_penalty")]
>>> check_lines(lines, date(2026, 5, 20), date(2026, 6, 1))
[]
>>> s = summarize(lines, date(2026, 5, 20))
>>> s.total, s.principal, s.accessories, s.first_date, s.last_date
(17950.0, 16950.0, 1000.0, datetime.date(2026, 3, 1), datetime.date(2026, 5, 10))
>>> handover_fee(annual_contract=False, after_eco=True)
'after_eco'
"""

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

PRINCIPAL = "principal"
# What may be claimed besides the principal, only when invoiced and listed.
ACCESSORY_KINDS = (
    "late_penalty",
    "fixed_indemnity",
    "legal_interest",
    "penalty_clause",
    "rejection_fee",
)
LINE_KINDS = (PRINCIPAL, *ACCESSORY_KINDS)
FOLLOWUP_DAYS = 15
# Fee choices of the classic hand-over.
FEE_FULL = "full"
FEE_AFTER_ECO = "after_eco"
FEE_NONE = "none"


@dataclass(frozen=True)
class Line:
    """One invoice of a case: its reference, date, due date, the amount
    claimed (incl. tax) and what it invoices (``principal`` or an accessory
    kind)."""

    reference: str
    date: date
    due_date: date
    amount: float
    kind: str = PRINCIPAL


@dataclass(frozen=True)
class Problem:
    """A data error: ``code`` (see ``check_lines``) and the index of the line
    concerned, or None when it concerns the whole case."""

    code: str
    index: int | None = None


@dataclass(frozen=True)
class Summary:
    """What the case states: count, total, principal and accessories, the
    first and last invoice dates, the due date (single invoice: its own;
    several: the earliest) and the date of the last letter."""

    count: int
    total: float
    principal: float
    accessories: float
    first_date: date | None
    last_date: date | None
    due_date: date | None
    last_letter_date: date | None


def check_lines(lines, last_letter_date, today):
    """Return the ``Problem`` list of a case's data (empty when valid).

    Codes: ``no_line``; per line ``no_reference``, ``no_date``, ``no_due_date``,
    ``amount``, ``future_date``, ``due_before_date``, ``not_due``, ``kind``,
    ``duplicate``; per case ``no_principal``, ``letter_missing`` (several
    invoices), ``letter_future``, ``letter_before_invoice``.

    >>> today = date(2026, 6, 1)
    >>> check_lines([], None, today)
    [Problem(code='no_line', index=None)]
    >>> one = Line("F1", date(2026, 3, 1), date(2026, 7, 1), 100.0)
    >>> check_lines([one], None, today)
    [Problem(code='not_due', index=0)]
    """
    if not lines:
        return [Problem("no_line")]
    problems = []
    seen = set()
    for index, line in enumerate(lines):
        problems += [Problem(code, index) for code in _line_codes(line, today)]
        reference = (line.reference or "").strip().casefold()
        if reference and reference in seen:
            problems.append(Problem("duplicate", index))
        seen.add(reference)
    if not any(line.kind == PRINCIPAL for line in lines):
        problems.append(Problem("no_principal"))
    problems += [
        Problem(code) for code in _letter_codes(lines, last_letter_date, today)
    ]
    return problems


def _line_codes(line, today):
    """Codes of the problems of one line."""
    codes = []
    if not (line.reference or "").strip():
        codes.append("no_reference")
    if not line.date:
        codes.append("no_date")
    if not line.due_date:
        codes.append("no_due_date")
    if not line.amount or line.amount <= 0:
        codes.append("amount")
    if line.kind not in LINE_KINDS:
        codes.append("kind")
    if line.date and line.date > today:
        codes.append("future_date")
    if line.date and line.due_date:
        if line.due_date < line.date:
            codes.append("due_before_date")
        elif line.due_date >= today:
            codes.append("not_due")
    return codes


def _letter_codes(lines, last_letter_date, today):
    """Several invoices need the date of the last letter claiming them."""
    if not last_letter_date:
        return ["letter_missing"] if len(lines) > 1 else []
    codes = []
    if last_letter_date > today:
        codes.append("letter_future")
    dates = [line.date for line in lines if line.date]
    if dates and last_letter_date < max(dates):
        codes.append("letter_before_invoice")
    return codes


def summarize(lines, last_letter_date=None):
    """Return the ``Summary`` of valid ``lines`` (see ``check_lines``).

    >>> one = Line("F1", date(2026, 3, 1), date(2026, 3, 31), 11300.0)
    >>> s = summarize([one])
    >>> s.count, s.total, s.due_date, s.last_letter_date
    (1, 11300.0, datetime.date(2026, 3, 31), None)
    """
    principal = sum(line.amount for line in lines if line.kind == PRINCIPAL)
    accessories = sum(line.amount for line in lines if line.kind != PRINCIPAL)
    dates = [line.date for line in lines if line.date]
    due_dates = [line.due_date for line in lines if line.due_date]
    return Summary(
        count=len(lines),
        total=principal + accessories,
        principal=principal,
        accessories=accessories,
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
        due_date=min(due_dates, default=None),
        last_letter_date=last_letter_date or None,
    )


def accessories_by_kind(lines):
    """Amounts of the invoiced accessories, per kind, in ``ACCESSORY_KINDS``
    order (kinds without an invoice are left out: they are not claimed).

    >>> d = date(2026, 3, 1)
    >>> accessories_by_kind([Line("F1", d, d, 10.0),
    ...                      Line("I1", d, d, 5.0, "fixed_indemnity"),
    ...                      Line("I2", d, d, 2.0, "fixed_indemnity")])
    [('fixed_indemnity', 7.0)]
    """
    totals = {}
    for line in lines:
        if line.kind != PRINCIPAL:
            totals[line.kind] = totals.get(line.kind, 0.0) + line.amount
    return [(kind, totals[kind]) for kind in ACCESSORY_KINDS if kind in totals]


def followup_date(email_date, days=FOLLOWUP_DAYS):
    """Day on which the creditor is offered the classic collection.

    >>> followup_date(date(2026, 6, 20))
    datetime.date(2026, 7, 5)
    """
    return email_date + timedelta(days=days)


def followup_due(email_date, today, days=FOLLOWUP_DAYS):
    """Whether the follow-up offer is due ``today`` for an email sent on
    ``email_date`` (None: not sent yet).

    >>> followup_due(date(2026, 6, 1), date(2026, 6, 15))
    False
    >>> followup_due(date(2026, 6, 1), date(2026, 6, 16))
    True
    """
    return email_date is not None and today >= followup_date(email_date, days)


def handover_fee(annual_contract, after_eco):
    """Which classic hand-over fee applies: ``none`` under an annual contract,
    ``after_eco`` (reduced) after an Eco case, ``full`` otherwise.

    >>> handover_fee(True, True), handover_fee(False, False)
    ('none', 'full')
    """
    if annual_contract:
        return FEE_NONE
    return FEE_AFTER_ECO if after_eco else FEE_FULL


def case_key(creditor, debtor, references):
    """Idempotency key of a case: the same creditor, debtor and set of invoice
    references give the same key (order and case of references ignored).

    >>> case_key(1, "ACME", ["F2", "f1"]) == case_key(1, "acme", ["F1", "F2"])
    True
    """
    refs = sorted({(ref or "").strip().casefold() for ref in references})
    raw = "\x1f".join([str(creditor), str(debtor).strip().casefold(), *refs])
    return hashlib.sha256(raw.encode()).hexdigest()[:32]
