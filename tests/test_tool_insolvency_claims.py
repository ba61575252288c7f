# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc_insolvency/tools/claims.py (claims at the judgment date)."""

from datetime import date
from decimal import Decimal

import pytest
from insolvency_tools import load

claims = load("claims")
Inst, P = claims.Instalment, claims.Payment
JUDGMENT = date(2026, 2, 15)


@pytest.mark.parametrize(
    ("instalments", "payments", "due", "not_yet_due", "paid_after"),
    [
        # one instalment, overdue, unpaid
        ([Inst(date(2026, 1, 31), 100000)], [], 100000, 0, 0),
        # due the day of the judgment: due
        ([Inst(JUDGMENT, 100000)], [], 100000, 0, 0),
        # due the day after: not yet due
        ([Inst(date(2026, 2, 16), 100000)], [], 0, 100000, 0),
        # partial payment before the judgment
        ([Inst(date(2026, 1, 31), 100000)], [P(date(2026, 2, 1), 40000)], 60000, 0, 0),
        # payment on the judgment day counts as before
        ([Inst(date(2026, 1, 31), 100000)], [P(JUDGMENT, 40000)], 60000, 0, 0),
        # payment after the judgment: flagged, claim unchanged
        (
            [Inst(date(2026, 1, 31), 100000)],
            [P(date(2026, 3, 1), 40000)],
            100000,
            0,
            40000,
        ),
        # payment before settles the oldest instalment first
        (
            [Inst(date(2026, 3, 31), 50000), Inst(date(2026, 1, 31), 50000)],
            [P(date(2026, 1, 20), 60000)],
            0,
            40000,
            0,
        ),
        # fully paid before the judgment: nothing to declare
        ([Inst(date(2026, 1, 31), 1000)], [P(date(2026, 2, 1), 1000)], 0, 0, 0),
        # decimals (EUR invoice)
        (
            [Inst(date(2026, 1, 31), Decimal("120.50"))],
            [P(date(2026, 2, 1), Decimal("20.25"))],
            Decimal("100.25"),
            0,
            0,
        ),
    ],
)
def test_invoice_claim(instalments, payments, due, not_yet_due, paid_after):
    total = sum(i.amount for i in instalments)
    claim = claims.invoice_claim("F1", "XPF", total, instalments, payments, JUDGMENT)
    assert (claim.due, claim.not_yet_due, claim.paid_after) == (
        due,
        not_yet_due,
        paid_after,
    )
    assert claim.has_payments_after is bool(paid_after)


def test_not_yet_due_keeps_due_dates():
    claim = claims.invoice_claim(
        "F1",
        "XPF",
        90,
        [
            Inst(date(2026, 1, 31), 30),
            Inst(date(2026, 3, 31), 30),
            Inst(date(2026, 4, 30), 30),
        ],
        [],
        JUDGMENT,
    )
    assert [i.due_date for i in claim.instalments_not_yet_due] == [
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]


@pytest.mark.parametrize(
    ("amount", "instalments", "judgment"),
    [
        (-1, [Inst(JUDGMENT, 1)], JUDGMENT),
        (1, [], JUDGMENT),
        (1, [Inst(JUDGMENT, 1)], None),
    ],
)
def test_invalid(amount, instalments, judgment):
    with pytest.raises(claims.ClaimError):
        claims.invoice_claim("F1", "XPF", amount, instalments, [], judgment)


def test_totals_per_currency():
    result = claims.totals(
        [
            claims.Claim("F1", "XPF", 100, 10),
            claims.Claim("F2", "EUR", 5, 0),
            claims.Claim("F3", "XPF", 1, 1),
        ]
    )
    assert result == {"XPF": (101, 11), "EUR": (5, 0)}
