# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc/tools/phone.py (NC +687 / PF +689 phone numbers)."""

import dataclasses

import pytest
from conftest import tool_fixture
from phonenumbers import PhoneNumberType

phone = tool_fixture("relance_nc", "phone")


@pytest.mark.parametrize(
    ("number", "region", "e164", "kind", "number_region", "international"),
    [
        # New Caledonia: 6 digits, no trunk prefix.
        ("751234", "NC", "+687751234", "mobile", "NC", "+687 75.12.34"),
        ("75.12.34", "NC", "+687751234", "mobile", "NC", "+687 75.12.34"),
        ("27 12 34", "NC", "+687271234", "fixed", "NC", "+687 27.12.34"),
        ("881234", "NC", "+687881234", "fixed", "NC", "+687 88.12.34"),
        ("871234", "NC", "+687871234", "mobile", "NC", "+687 87.12.34"),
        ("891234", "NC", "+687891234", "mobile", "NC", "+687 89.12.34"),
        ("501234", "NC", "+687501234", "mobile", "NC", "+687 50.12.34"),
        ("361234", "NC", "+687361234", "other", "NC", "+687 36.12.34"),  # premium
        ("05 01 23", "NC", "+687050123", "other", "NC", "+687 05.01.23"),  # free
        ("+687 75 12 34", "NC", "+687751234", "mobile", "NC", "+687 75.12.34"),
        ("00 687 75 12 34", "NC", "+687751234", "mobile", "NC", "+687 75.12.34"),
        # No country: New Caledonia.
        ("751234", None, "+687751234", "mobile", "NC", "+687 75.12.34"),
        ("751234", "", "+687751234", "mobile", "NC", "+687 75.12.34"),
        ("751234", "nc", "+687751234", "mobile", "NC", "+687 75.12.34"),
        ("751234", " NC ", "+687751234", "mobile", "NC", "+687 75.12.34"),
        ("751234", False, "+687751234", "mobile", "NC", "+687 75.12.34"),  # Odoo
        # French Polynesia: 8 digits since 2014.
        ("87 12 34 56", "PF", "+68987123456", "mobile", "PF", "+689 87 12 34 56"),
        ("89123456", "pf", "+68989123456", "mobile", "PF", "+689 89 12 34 56"),
        ("40 50 12 34", "PF", "+68940501234", "fixed", "PF", "+689 40 50 12 34"),
        ("49 94 12 34", "PF", "+68949941234", "other", "PF", "+689 49 94 12 34"),
        ("44 12 34", "PF", "+689441234", "other", "PF", "+689 44 12 34"),  # UAN
        ("800 12 34 56", "PF", "+689800123456", "other", "PF", "+689 800 12 34 56"),
        # E.164 input parses whatever the partner's region.
        ("+689 40 50 12 34", "NC", "+68940501234", "fixed", "PF", "+689 40 50 12 34"),
        ("+689 40 50 12 34", None, "+68940501234", "fixed", "PF", "+689 40 50 12 34"),
        ("+687751234", "PF", "+687751234", "mobile", "NC", "+687 75.12.34"),
        ("+687751234", "FR", "+687751234", "mobile", "NC", "+687 75.12.34"),
        (
            "+33 6 12 34 56 78",
            "NC",
            "+33612345678",
            "mobile",
            "FR",
            "+33 6 12 34 56 78",
        ),
        ("+687751234", "XX", "+687751234", "mobile", "NC", "+687 75.12.34"),
        ("++687751234", "NC", "+687751234", "mobile", "NC", "+687 75.12.34"),  # lenient
        # France: the trunk-prefix trap of nc-domain.md section 3.
        ("0687751234", "FR", "+33687751234", "mobile", "FR", "+33 6 87 75 12 34"),
        ("01 23 45 67 89", "FR", "+33123456789", "fixed", "FR", "+33 1 23 45 67 89"),
        # United States: FIXED_LINE_OR_MOBILE outside NC/PF is "other".
        ("+1 650 253 0000", "NC", "+16502530000", "other", "US", "+1 650-253-0000"),
    ],
)
def test_valid_numbers(phone, number, region, e164, kind, number_region, international):
    result = phone.check_phone(number, region)
    assert result == phone.PhoneCheck(e164, kind, number_region, international)
    assert result.sms_capable is (kind == "mobile")


@pytest.mark.parametrize(
    ("number", "region"),
    [
        ("0687751234", "NC"),  # no trunk prefix in NC: not a French mobile here
        ("06 87 75 12 34", None),
        ("401234", "NC"),
        ("481234", "NC"),
        ("123456", "NC"),
        ("75123", "NC"),  # too short
        ("7512345", "NC"),  # too long
        ("40 12 34 56", "PF"),
        ("871234", "PF"),  # old 6-digit PF mobile (before June 2014)
        ("431234", "PF"),  # old 6-digit PF fixed line
        ("+689871234", "NC"),
        ("751234", "PF"),  # NC number without +687 for a PF partner
        ("751234", "XX"),  # unknown region and no international prefix
        ("", "NC"),
        ("   ", "NC"),
        (None, "NC"),
        (False, "NC"),  # Odoo's empty field
        (751234, "NC"),  # not text
        ("garbage", "NC"),
        ("+", "NC"),
        ("7" * 300, "NC"),
    ],
)
def test_invalid_numbers(phone, number, region):
    result = phone.check_phone(number, region)
    assert result == phone.PhoneCheck("", "invalid", "", "")
    assert not result.sms_capable


def test_phone_check_is_frozen(phone):
    result = phone.check_phone("751234")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.kind = "fixed"


@pytest.mark.parametrize(
    ("number_type", "region", "kind"),
    [
        (PhoneNumberType.MOBILE, "FR", "mobile"),
        (PhoneNumberType.FIXED_LINE, "NC", "fixed"),
        (PhoneNumberType.FIXED_LINE_OR_MOBILE, "NC", "mobile"),
        (PhoneNumberType.FIXED_LINE_OR_MOBILE, "PF", "mobile"),
        (PhoneNumberType.FIXED_LINE_OR_MOBILE, "US", "other"),
        (PhoneNumberType.FIXED_LINE_OR_MOBILE, "", "other"),
        (PhoneNumberType.VOIP, "PF", "other"),
        (PhoneNumberType.TOLL_FREE, "NC", "other"),
        (PhoneNumberType.PREMIUM_RATE, "NC", "other"),
        (PhoneNumberType.UAN, "PF", "other"),
        (PhoneNumberType.PAGER, "NC", "other"),
    ],
)
def test_type_mapping(phone, number_type, region, kind):
    # NC/PF metadata never yields FIXED_LINE_OR_MOBILE today: test the mapping.
    assert phone._kind(number_type, region) == kind


def test_kind_constants(phone):
    kinds = (phone.KIND_MOBILE, phone.KIND_FIXED, phone.KIND_OTHER, phone.KIND_INVALID)
    assert kinds == ("mobile", "fixed", "other", "invalid")
    assert phone.DEFAULT_REGION == "NC"
