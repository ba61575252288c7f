# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc/tools/case.py (collection cases: seed 002 data rules)."""

from datetime import date

import pytest
from conftest import tool_fixture

D = date
TODAY = D(2026, 6, 1)
INVOICE_DATE = D(2026, 3, 1)
DUE_DATE = D(2026, 3, 31)


case = tool_fixture("relance_nc", "case")


def line(
    case,
    ref="F1",
    day=INVOICE_DATE,
    due=DUE_DATE,
    amount=1000.0,
    kind="principal",
):
    return case.Line(ref, day, due, amount, kind)


@pytest.mark.parametrize(
    ("changes", "codes"),
    [
        ({}, []),
        ({"ref": " "}, ["no_reference"]),
        ({"day": None}, ["no_date"]),
        ({"due": None}, ["no_due_date"]),
        ({"amount": 0.0}, ["amount"]),
        ({"amount": -5.0}, ["amount"]),
        ({"kind": "collection_fee"}, ["kind", "no_principal"]),
        ({"day": D(2026, 6, 2), "due": D(2026, 6, 30)}, ["future_date", "not_due"]),
        ({"due": D(2026, 2, 1)}, ["due_before_date"]),
        ({"due": TODAY}, ["not_due"]),
        ({"due": D(2026, 5, 31)}, []),
        ({"kind": "late_penalty"}, ["no_principal"]),
    ],
)
def test_single_invoice_rules(case, changes, codes):
    """One invoice: date, amount incl. tax and due date, due date passed."""
    problems = case.check_lines([line(case, **changes)], None, TODAY)
    assert [p.code for p in problems] == codes


def test_no_invoice(case):
    assert case.check_lines([], None, TODAY) == [case.Problem("no_line")]


@pytest.mark.parametrize(
    ("letter", "codes"),
    [
        (None, ["letter_missing"]),
        (D(2026, 5, 1), []),
        (D(2026, 4, 1), []),
        (D(2026, 3, 31), ["letter_before_invoice"]),
        (D(2026, 6, 2), ["letter_future"]),
    ],
)
def test_several_invoices_need_the_last_letter(case, letter, codes):
    lines = [
        line(case, "F1", D(2026, 3, 1), D(2026, 3, 31)),
        line(case, "F2", D(2026, 4, 1), D(2026, 4, 30)),
    ]
    assert [p.code for p in case.check_lines(lines, letter, TODAY)] == codes


def test_duplicate_reference_points_at_the_second_line(case):
    lines = [line(case, "F1"), line(case, "f1 ")]
    problems = case.check_lines(lines, D(2026, 5, 1), TODAY)
    assert problems == [case.Problem("duplicate", 1)]


def test_summary_of_several_invoices(case):
    lines = [
        line(case, "F2", D(2026, 4, 1), D(2026, 4, 30), 5650.0),
        line(case, "F1", D(2026, 3, 1), D(2026, 3, 31), 11300.0),
        line(case, "R1", D(2026, 5, 2), D(2026, 5, 2), 2000.0, "rejection_fee"),
        line(case, "I1", D(2026, 5, 2), D(2026, 5, 2), 4770.0, "fixed_indemnity"),
    ]
    summary = case.summarize(lines, D(2026, 5, 20))
    assert summary == case.Summary(
        count=4,
        total=23720.0,
        principal=16950.0,
        accessories=6770.0,
        first_date=D(2026, 3, 1),
        last_date=D(2026, 5, 2),
        due_date=D(2026, 3, 31),
        last_letter_date=D(2026, 5, 20),
    )
    # accessories come in the fixed legal order, not the order entered
    assert case.accessories_by_kind(lines) == [
        ("fixed_indemnity", 4770.0),
        ("rejection_fee", 2000.0),
    ]


def test_principal_only_without_invoiced_accessories(case):
    lines = [line(case, "F1", amount=11300.0)]
    summary = case.summarize(lines)
    assert (summary.principal, summary.accessories, summary.total) == (
        11300.0,
        0.0,
        11300.0,
    )
    assert case.accessories_by_kind(lines) == []


@pytest.mark.parametrize(
    "kind",
    [
        "late_penalty",
        "fixed_indemnity",
        "legal_interest",
        "penalty_clause",
        "rejection_fee",
    ],
)
def test_each_invoiced_accessory_is_claimed(case, kind):
    lines = [line(case, "F1"), line(case, "A1", amount=250.0, kind=kind)]
    assert case.check_lines(lines, D(2026, 5, 1), TODAY) == []
    assert case.accessories_by_kind(lines) == [(kind, 250.0)]


@pytest.mark.parametrize(
    ("sent", "today", "due"),
    [
        (None, D(2026, 7, 1), False),
        (D(2026, 6, 1), D(2026, 6, 15), False),
        (D(2026, 6, 1), D(2026, 6, 16), True),
        (D(2026, 12, 20), D(2027, 1, 4), True),
        (D(2026, 12, 20), D(2027, 1, 3), False),
    ],
)
def test_followup_after_fifteen_days(case, sent, today, due):
    assert case.followup_due(sent, today) is due


@pytest.mark.parametrize(
    ("contract", "after_eco", "fee"),
    [
        (False, False, "full"),
        (False, True, "after_eco"),
        (True, False, "none"),
        (True, True, "none"),
    ],
)
def test_handover_fee(case, contract, after_eco, fee):
    assert case.handover_fee(contract, after_eco) == fee


def test_case_key_ignores_order_and_case(case):
    assert case.case_key(7, "Acme", ["F1", "F2"]) == case.case_key(
        7, " acme", ["f2", "F1"]
    )
    assert case.case_key(7, "Acme", ["F1"]) != case.case_key(8, "Acme", ["F1"])
    assert case.case_key(7, "Acme", ["F1"]) != case.case_key(7, "Acme", ["F1", "F2"])
