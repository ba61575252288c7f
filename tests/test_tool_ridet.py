# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc/tools/ridet.py (New Caledonian RIDET)."""

import pytest
from conftest import tool_fixture
from stdnum.exceptions import InvalidFormat, InvalidLength, ValidationError

# RIDs seen on real documents (nc-domain.md section 1): all pass Luhn.
REAL_RIDS = [
    "0426049",
    "0132720",
    "1231083",
    "1637735",
    "1236165",
    "1445709",
    "0300137",
]


ridet = tool_fixture("relance_nc", "ridet")


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("1231083002", "1231083002"),
        ("1 231 083.002", "1231083002"),
        ("0 300 137 001", "0300137001"),
        ("1231083-002", "1231083002"),
        ("1231083/002", "1231083002"),
        ("1_231_083_002", "1231083002"),
        ("1\u00a0231\u00a0083.002", "1231083002"),
        ("1\u202f231\u202f083.002", "1231083002"),
        ("1\u2009231\u2009083\u2013002", "1231083002"),  # thin space, en dash
        ("\t1231083\n", "1231083"),
        ("RIDET 1231083", "1231083"),
        ("ridet: 1 231 083.002", "1231083002"),
        ("RIDET n° 0426049", "0426049"),
        ("Ridet N° : 0426049", "0426049"),
        ("RIDET nº0426049", "0426049"),
        ("RIDET No 0426049", "0426049"),
        ("426049", "0426049"),  # 6 digits: leading zero dropped
        ("426 049", "0426049"),
        ("300137001", "0300137001"),  # 9 digits: leading zero dropped
        ("12345", "12345"),  # too short: not padded, not validated
        ("12AB", "12AB"),
        ("12345A", "12345A"),  # 6 characters but not digits: no padding
        ("", ""),
    ],
)
def test_compact(ridet, number, expected):
    assert ridet.compact(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("0426049", "0426049"),
        ("426049", "0426049"),
        ("1 231 083.002", "1231083002"),
        ("0 300 137 001", "0300137001"),
        ("300137001", "0300137001"),
        ("RIDET : 1 637 735.001", "1637735001"),
        ("1231084", "1231084"),  # Luhn failure is a warning only
        ("1231083000", "1231083000"),  # establishment 000 is a warning only
        ("0000000", "0000000"),
        ("\uff11231083", "1231083"),  # stdnum's clean() maps full-width digits
    ],
)
def test_validate_accepts(ridet, number, expected):
    assert ridet.validate(number) == expected
    assert ridet.is_valid(number)


@pytest.mark.parametrize(
    ("number", "error"),
    [
        ("", InvalidLength),
        ("   ", InvalidLength),
        ("RIDET", InvalidLength),
        ("12345", InvalidLength),
        ("12345678", InvalidLength),  # 8 digits
        ("12310830021", InvalidLength),  # 11 digits
        ("1231083.0002", InvalidLength),
        ("123 456 789 012", InvalidLength),
        ("12AB", InvalidFormat),
        ("12310A3", InvalidFormat),
        ("1231083.00A", InvalidFormat),
        ("NC1231083002XX", InvalidFormat),  # pass Culture storage form
        ("1231083,002", InvalidFormat),
        ("١٢٣١٠٨٣", InvalidFormat),  # non-ASCII digits (full-width ones are mapped)
        ("RIDET: n/a", InvalidFormat),
    ],
)
def test_validate_refuses(ridet, number, error):
    with pytest.raises(error):
        ridet.validate(number)
    assert issubclass(error, ValidationError)
    assert not ridet.is_valid(number)


@pytest.mark.parametrize("value", [None, 1231083, False])
def test_non_text_is_invalid(ridet, value):
    with pytest.raises(InvalidFormat):
        ridet.validate(value)
    assert not ridet.is_valid(value)


@pytest.mark.parametrize("rid", REAL_RIDS)
def test_real_rids_have_no_warning(ridet, rid):
    assert ridet.validate(rid) == rid
    assert ridet.warnings(rid) == []
    assert ridet.warnings(rid + "001") == []


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("1231083", []),
        ("1 231 083.002", []),
        ("426049", []),
        ("1231084", ["checksum"]),
        ("1231084002", ["checksum"]),
        ("1231083000", ["establishment"]),
        ("1231084000", ["checksum", "establishment"]),
        ("0000000", []),  # Luhn-valid
    ],
)
def test_warnings(ridet, number, expected):
    assert ridet.warnings(number) == expected


def test_warning_codes_are_constants(ridet):
    assert ridet.WARNING_CHECKSUM == "checksum"
    assert ridet.WARNING_ESTABLISHMENT == "establishment"


@pytest.mark.parametrize(
    ("number", "error"), [("12AB", InvalidFormat), ("1", InvalidLength)]
)
def test_warnings_of_invalid_number_raise(ridet, number, error):
    with pytest.raises(error):
        ridet.warnings(number)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("1231083", ("1231083", "")),
        ("1 231 083.002", ("1231083", "002")),
        ("426049", ("0426049", "")),
        ("300137001", ("0300137", "001")),
    ],
)
def test_split(ridet, number, expected):
    assert ridet.split(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("1231083002", "1 231 083.002"),
        ("0 300 137 001", "0 300 137.001"),
        ("0426049", "0 426 049"),
        ("426049", "0 426 049"),
        ("RIDET n° 1637735-001", "1 637 735.001"),
    ],
)
def test_format(ridet, number, expected):
    assert ridet.format(number) == expected


@pytest.mark.parametrize("function", ["split", "format", "validate", "warnings"])
@pytest.mark.parametrize(
    ("number", "error"), [("12AB", InvalidFormat), ("", InvalidLength)]
)
def test_invalid_number_raises_everywhere(ridet, function, number, error):
    with pytest.raises(error):
        getattr(ridet, function)(number)


@pytest.mark.parametrize("rid", REAL_RIDS)
@pytest.mark.parametrize("establishment", ["", "001", "123"])
def test_format_round_trip(ridet, rid, establishment):
    number = rid + establishment
    printed = ridet.format(number)
    assert ridet.validate(printed) == number
    assert ridet.compact(printed) == number
    # A spreadsheet dropping the leading zero of the number is repaired.
    assert ridet.validate(number[1:] if number[0] == "0" else number) == number
