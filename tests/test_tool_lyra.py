# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Lyra form API V2 signature and amounts (run without Odoo)."""

import pytest
from conftest import tool_fixture

lyra = tool_fixture("relance_nc_payment", "lyra")


FORM = {
    "vads_action_mode": "INTERACTIVE",
    "vads_amount": "5124",
    "vads_ctx_mode": "TEST",
    "vads_currency": "978",
    "vads_page_action": "PAYMENT",
    "vads_payment_config": "SINGLE",
    "vads_site_id": "12345678",
    "vads_trans_date": "20170129130025",
    "vads_trans_id": "123456",
    "vads_version": "V2",
}


@pytest.mark.parametrize(
    ("fields", "key", "expected"),
    [
        (FORM, "1122334455667788", "ycA5Do5tNvsnKdc/eP1bj2xa19z9q3iWPy9/rpesfS0="),
        (
            {
                "vads_amount": "5124",
                "vads_ctx_mode": "TEST",
                "vads_site_id": "12345678",
                "vads_trans_date": "20170129130025",
            },
            "1122334455667788",
            "onkKR1MfdjBzrD7WB0J87mekhoy6kqGukaFsU+t09gA=",
        ),
        (
            {
                "vads_amount": "1000",
                "vads_ctx_mode": "PRODUCTION",
                "vads_site_id": "87654321",
                "vads_trans_date": "20250101010101",
            },
            "99887766554433221100",
            "Kn9DbAO+UPsMizxZG5ZRAj65JwssNt4cuBN09yJJ5Fk=",
        ),
        (
            {**FORM, "vads_currency": "953"},
            "1122334455667788",
            "vSlCWjJwN8TpobRyuyKhwAlKEhlThtICZiI/rmpPK4U=",
        ),
    ],
)
def test_published_vectors(lyra, fields, key, expected):
    assert lyra.sign(fields, key) == expected
    assert lyra.verify(fields, expected, key)


def test_signature_string_order_and_extra_fields(lyra):
    fields = {**FORM, "signature": "ignored", "other": "ignored"}
    assert lyra.signature_string(fields, "K") == (
        "INTERACTIVE+5124+TEST+978+PAYMENT+SINGLE+12345678+20170129130025+123456+V2+K"
    )


def test_verify_rejects_tampering(lyra):
    good = lyra.sign(FORM, "1122334455667788")
    assert not lyra.verify({**FORM, "vads_amount": "5125"}, good, "1122334455667788")
    assert not lyra.verify(FORM, good, "other-key")
    assert not lyra.verify(FORM, good[:-2] + "x=", "1122334455667788")
    assert not lyra.verify(FORM, None, "1122334455667788")
    assert not lyra.verify(FORM, good, "")


def test_sign_needs_key(lyra):
    with pytest.raises(ValueError):
        lyra.sign(FORM, "")


@pytest.mark.parametrize(
    ("amount", "digits", "expected"),
    [
        (1235.0, 0, "1235"),
        (1234.5, 0, "1235"),
        (1234.4, 0, "1234"),
        (25.9, 0, "26"),
        (51.24, 2, "5124"),
        (0.1 + 0.2, 2, "30"),
        (100000, 0, "100000"),
    ],
)
def test_form_amount(lyra, amount, digits, expected):
    assert lyra.form_amount(amount, digits) == expected


def test_form_amount_negative(lyra):
    with pytest.raises(ValueError):
        lyra.form_amount(-1, 0)


@pytest.mark.parametrize(
    ("status", "group"),
    [
        ("AUTHORISED", "done"),
        ("CAPTURED", "done"),
        ("ACCEPTED", "done"),
        ("AUTHORISED_TO_VALIDATE", "authorized"),
        ("PRE_AUTHORISED", "authorized"),
        ("WAITING_AUTHORISATION", "pending"),
        ("UNDER_VERIFICATION", "pending"),
        ("ABANDONED", "cancel"),
        ("REFUSED", "error"),
        ("CANCELLED", "cancel"),
        ("EXPIRED", "cancel"),
        ("CAPTURE_FAILED", "error"),
        ("", "error"),
        (None, "error"),
    ],
)
def test_status_group(lyra, status, group):
    assert lyra.status_group(status) == group


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("INV-2026-00001", True),
        ("tx_20261206-1", True),
        ("A" * 64, True),
        ("A" * 65, False),
        ("", False),
        (None, False),
        (["INV-1"], False),
        ("INV\x00", False),
        ("INV/2026/00001", False),
        ("1' OR '1'='1", False),
        ("é", False),
    ],
)
def test_valid_order_id(lyra, value, valid):
    assert lyra.valid_order_id(value) is valid


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("INV/2026/00001", "INV-2026-00001"),
        ("INV/2026/00001,INV/2026/00002", "INV-2026-00001-INV-2026-00002"),
        ("Facture été", "Facture-ete"),
        ("", ""),
        (None, ""),
    ],
)
def test_order_id_prefix(lyra, text, prefix):
    result = lyra.order_id_prefix(text)
    assert result == prefix
    assert not result or lyra.valid_order_id(result)


def test_trans_id_and_mask(lyra):
    assert lyra.trans_id(0) == "000000"
    assert lyra.trans_id(899999) == "899999"
    assert lyra.trans_id(900000) == "000000"
    assert lyra.mask_card_number("497010XXXXXX0000") == "**** 0000"
    assert lyra.parse_amount("5124", 2) == 51.24
