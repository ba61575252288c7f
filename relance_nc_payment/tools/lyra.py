# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Lyra / PayZen payment form (API V2) helpers, pure Python, no Odoo import.

EpayNC (CSB, New Caledonia), OSB (French Polynesia) and PayZen run the same
Lyra platform. The shop posts ``vads_*`` fields and a ``signature`` to the
hosted payment page; the platform posts back ``vads_*`` fields and a
``signature`` to the notification URL (IPN) and to the return URL.

Signature (HMAC-SHA-256 mode): ``Base64(HMAC-SHA-256(key, V))`` where ``V``
is the values of every field whose name starts with ``vads_``, sorted by
field name, joined with ``+``, followed by ``+`` and the key.

>>> fields = {
...     "vads_action_mode": "INTERACTIVE", "vads_amount": "5124",
...     "vads_ctx_mode": "TEST", "vads_currency": "978",
...     "vads_page_action": "PAYMENT", "vads_payment_config": "SINGLE",
...     "vads_site_id": "12345678", "vads_trans_date": "20170129130025",
...     "vads_trans_id": "123456", "vads_version": "V2",
... }
>>> sign(fields, "1122334455667788")
'ycA5Do5tNvsnKdc/eP1bj2xa19z9q3iWPy9/rpesfS0='
>>> verify(fields, "ycA5Do5tNvsnKdc/eP1bj2xa19z9q3iWPy9/rpesfS0=", "1122334455667788")
True
>>> form_amount(1234.5, 0), form_amount(12.345, 2)
('1235', '1235')
>>> status_group("AUTHORISED"), status_group("ABANDONED"), status_group("REFUSED")
('done', 'cancel', 'error')
>>> status_group("AUTHORISED_TO_VALIDATE"), status_group("CAPTURE_FAILED")
('authorized', 'error')
"""

import base64
import hashlib
import hmac
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

#: vads_trans_status values, by outcome (Lyra's official plugins).
#: AUTHORISED is "waiting for capture": the platform captures it by itself
#: at the capture date, so the payment is made (a later CAPTURE_FAILED or
#: EXPIRED notification undoes it).
STATUS_DONE = ("AUTHORISED", "CAPTURED", "ACCEPTED")
#: Authorised but captured only once the merchant validates it in the back
#: office: the money is not taken yet.
STATUS_AUTHORIZED = ("AUTHORISED_TO_VALIDATE", "PRE_AUTHORISED")
STATUS_PENDING = (
    "WAITING_AUTHORISATION",
    "WAITING_AUTHORISATION_TO_VALIDATE",
    "INITIAL",
    "UNDER_VERIFICATION",
    "WAITING_FOR_PAYMENT",
)
#: Abandoned by the payer, or cancelled / expired in the back office.
STATUS_CANCEL = ("ABANDONED", "CANCELLED", "EXPIRED")

#: ``vads_order_id`` as Lyra's own plugins send it: letters, digits, ``_``
#: and ``-``, at most 64 characters.
ORDER_ID_RE = re.compile(r"[0-9A-Za-z_-]{1,64}")


def signature_string(fields, key):
    """The string that is signed: sorted ``vads_*`` values, ``+``, the key.

    >>> signature_string({"vads_b": "2", "vads_a": "1", "other": "x"}, "K")
    '1+2+K'
    """
    values = [
        "" if fields[name] is None else str(fields[name])
        for name in sorted(fields)
        if name.startswith("vads_")
    ]
    return "+".join([*values, key])


def sign(fields, key):
    """Base64 HMAC-SHA-256 signature of the ``vads_*`` fields with ``key``."""
    if not key:
        raise ValueError("A signature key is required")
    digest = hmac.new(
        key.encode(), signature_string(fields, key).encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode()


def verify(fields, signature, key):
    """Whether ``signature`` is the signature of ``fields`` (constant time).

    >>> verify({"vads_amount": "1"}, "", "K"), verify({"vads_amount": "1"}, None, "K")
    (False, False)
    """
    if not signature or not key or not isinstance(signature, str):
        return False
    return hmac.compare_digest(sign(fields, key).encode(), signature.encode())


def form_amount(amount, currency_digits):
    """``vads_amount``: the amount in minor units, rounded half-up first.

    Lyra truncates extra decimals, so the amount is rounded here.

    >>> form_amount(25.9, 0), form_amount(100, 2), form_amount("0.5", 0)
    ('26', '10000', '1')
    """
    digits = int(currency_digits)
    quantum = Decimal(1).scaleb(-digits)
    value = Decimal(str(amount)).quantize(quantum, rounding=ROUND_HALF_UP)
    minor = int(value.scaleb(digits))
    if minor < 0:
        raise ValueError("A payment amount cannot be negative")
    return str(minor)


def parse_amount(vads_amount, currency_digits):
    """The amount of a ``vads_amount`` (minor units) as a float.

    >>> parse_amount("1235", 0), parse_amount("1235", 2)
    (1235.0, 12.35)
    """
    return int(vads_amount) / (10 ** int(currency_digits))


def status_group(trans_status):
    """``done``, ``authorized``, ``pending``, ``cancel`` or ``error`` for a
    ``vads_trans_status``."""
    if trans_status in STATUS_DONE:
        return "done"
    if trans_status in STATUS_AUTHORIZED:
        return "authorized"
    if trans_status in STATUS_PENDING:
        return "pending"
    if trans_status in STATUS_CANCEL:
        return "cancel"
    return "error"


def trans_id(number):
    """``vads_trans_id``: 6 digits, ``000000`` to ``899999``.

    >>> trans_id(1), trans_id(900001)
    ('000001', '000001')
    """
    return f"{int(number) % 900000:06d}"


def mask_card_number(number):
    """Keep only the last four digits of a (masked) card number.

    >>> mask_card_number("497010XXXXXX0000"), mask_card_number("12")
    ('**** 0000', '')
    """
    digits = "".join(ch for ch in number or "" if ch.isdigit())
    return f"**** {digits[-4:]}" if len(digits) >= 4 else ""


def valid_order_id(value):
    """Whether ``value`` is a ``vads_order_id`` of the allowed shape.

    >>> valid_order_id("INV-2026-00001"), valid_order_id("INV/1")
    (True, False)
    >>> valid_order_id("A\\x00")
    False
    >>> valid_order_id(["A"]), valid_order_id(""), valid_order_id("A" * 65)
    (False, False, False)
    """
    return isinstance(value, str) and bool(ORDER_ID_RE.fullmatch(value))


def order_id_prefix(text, length=48):
    """``text`` reduced to the characters of a ``vads_order_id``, each other
    run of characters becoming one ``-`` (``length`` characters at most, room
    being left for a ``-n`` suffix).

    >>> order_id_prefix("INV/2026/00001"), order_id_prefix("Facture été")
    ('INV-2026-00001', 'Facture-ete')
    >>> order_id_prefix("///")
    ''
    """
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9A-Za-z_]+", "-", text).strip("-")[:length]
