# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc_insolvency/tools/names.py and identifiers.py."""

import pytest
from insolvency_tools import load

names = load("names")
identifiers = load("identifiers")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SARL BOULANGERIE DU CAILLOU", "BOULANGERIE CAILLOU"),
        ("Société Boulangerie-du-Caillou (EURL)", "BOULANGERIE CAILLOU"),
        ("S.A.S. Nickel & Co", "NICKEL CO"),
        ("Ets Ballande", "BALLANDE"),
        ("Épicerie Chez Léa", "EPICERIE CHEZ LEA"),
        ("SCI", "SCI"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize(raw, expected):
    assert names.normalize(raw) == expected


@pytest.mark.parametrize(
    ("left", "right", "proposed"),
    [
        ("SARL Boulangerie du Caillou", "Boulangerie du Caillou", True),
        ("Caillou Boulangerie", "Boulangerie du Caillou", True),
        ("Boulangerie du Cailou", "Boulangerie du Caillou", True),
        ("Boulangerie du Caillou", "Boucherie du Caillou", False),
        ("Garage Nouméa Sud", "Pharmacie du Sud", False),
        ("", "Boulangerie", False),
    ],
)
def test_similarity(left, right, proposed):
    score = names.similarity(left, right)
    assert 0.0 <= score <= 1.0
    assert (score >= names.PROPOSAL_THRESHOLD) is proposed


@pytest.mark.parametrize(
    ("value", "rid"),
    [
        ("1 231 083.002", "1231083"),
        ("1231083", "1231083"),
        ("0 300 137 001", "0300137"),
        ("300137001", "0300137"),
        ("426049", "0426049"),
        ("12345", None),
        ("12345678901", None),
        ("", None),
    ],
)
def test_rid_of(value, rid):
    assert identifiers.rid_of(value) == rid


@pytest.mark.parametrize(
    ("value", "siren"),
    [
        ("732 829 320", "732829320"),
        ("732829320", "732829320"),
        ("73282932000074", "732829320"),
        ("732 829 321", None),
        ("12345678", None),
        (["bad", "552 100 554"], "552100554"),
        ("552,100,554", "552100554"),
        (None, None),
    ],
)
def test_siren_of(value, siren):
    assert identifiers.siren_of(value) == siren
