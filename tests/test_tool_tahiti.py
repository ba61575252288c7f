# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc/tools/tahiti.py (Polynesian numéro TAHITI)."""

import pytest
from conftest import tool_fixture
from stdnum.exceptions import InvalidFormat, InvalidLength

tahiti = tool_fixture("relance_nc", "tahiti")


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("F95709", "F95709"),
        ("f95709", "F95709"),
        ("003970-001", "003970001"),
        ("003970 001", "003970001"),
        ("003970.001", "003970001"),
        ("003970/001", "003970001"),
        ("003970\u2013001", "003970001"),  # en dash
        ("\u00a0003970\u202f001 ", "003970001"),
        ("N° TAHITI F95709", "F95709"),
        ("n° tahiti : f95709", "F95709"),
        ("TAHITI: 000026", "000026"),
        ("T.A.H.I.T.I. 000026", "000026"),
        ("Numéro TAHITI 075390-002", "075390002"),
        ("NUMERO TAHITI 075390", "075390"),
        ("TAHITI n° 075390", "075390"),
        ("26", "26"),  # no padding: a TAHITI number may start with a letter
        ("", ""),
    ],
)
def test_compact(tahiti, number, expected):
    assert tahiti.compact(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("000026", "000026"),
        ("075390", "075390"),
        ("F95709", "F95709"),
        ("z12345", "Z12345"),
        ("003970-001", "003970001"),
        ("000026-001", "000026001"),
        ("F95709-000", "F95709000"),  # no rule on the establishment number
        ("N° TAHITI F95709", "F95709"),
    ],
)
def test_validate_accepts(tahiti, number, expected):
    assert tahiti.validate(number) == expected
    assert tahiti.is_valid(number)


@pytest.mark.parametrize(
    ("number", "error"),
    [
        ("", InvalidLength),
        ("TAHITI", InvalidLength),
        ("26", InvalidLength),
        ("F9570", InvalidLength),
        ("0039700", InvalidLength),  # 7
        ("00397000", InvalidLength),  # 8
        ("003970-0001", InvalidLength),  # 10
        ("FF5709", InvalidFormat),
        ("F9570A", InvalidFormat),
        ("00397A-001", InvalidFormat),
        ("003970-00A", InvalidFormat),
        ("ABCDEF", InvalidFormat),
        ("F95709_001", InvalidFormat),  # underscore is not a separator here
        ("É95709", InvalidFormat),
        ("F95709;", InvalidFormat),
    ],
)
def test_validate_refuses(tahiti, number, error):
    with pytest.raises(error):
        tahiti.validate(number)
    assert not tahiti.is_valid(number)


@pytest.mark.parametrize("value", [None, 26, False])
def test_non_text_is_invalid(tahiti, value):
    with pytest.raises(InvalidFormat):
        tahiti.validate(value)
    assert not tahiti.is_valid(value)


def test_no_checksum(tahiti):
    # Every digit pattern is accepted: there is no check digit to verify.
    assert all(tahiti.is_valid(f"{n:06d}") for n in range(0, 1000000, 9973))


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("F95709", ("F95709", "")),
        ("003970-001", ("003970", "001")),
        ("f95709.002", ("F95709", "002")),
    ],
)
def test_split(tahiti, number, expected):
    assert tahiti.split(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("F95709", "F95709"),
        ("f95709", "F95709"),
        ("003970001", "003970-001"),
        ("003970 001", "003970-001"),
        ("N° TAHITI 000026.001", "000026-001"),
    ],
)
def test_format(tahiti, number, expected):
    assert tahiti.format(number) == expected


@pytest.mark.parametrize("function", ["split", "format", "validate"])
@pytest.mark.parametrize(
    ("number", "error"), [("FF5709", InvalidFormat), ("1", InvalidLength)]
)
def test_invalid_number_raises_everywhere(tahiti, function, number, error):
    with pytest.raises(error):
        getattr(tahiti, function)(number)


@pytest.mark.parametrize("number", ["000026", "F95709", "003970001", "Z99999123"])
def test_format_round_trip(tahiti, number):
    assert tahiti.validate(tahiti.format(number)) == number
