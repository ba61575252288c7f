# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""UPU S10 item identifiers (tracking numbers of registered letters).

Format: 2 letters (service indicator; ``R?`` for registered items), 8 digits
(serial), 1 check digit, 2 letters (ISO 3166 country code of the issuing
operator), e.g. ``RR123456785NC``. Check digit: weights 8, 6, 4, 2, 3, 5, 9, 7
on the serial, ``c = 11 - (sum mod 11)``, then 10 -> 0 and 11 -> 5.
Source: UPU standard S10 (nc-domain.md section 7, reference ``s10_ok``).
Whether OPT-NC's domestic labels use S10 is not confirmed, so only the format
and the check digit are enforced, not the country code.

>>> compact(" rr 123 456 785 nc ")
'RR123456785NC'
>>> is_valid("RR123456785NC")
True
>>> is_valid("RR123456784NC")
False
>>> check_digit("12345678")
5
>>> is_valid("R123456785NC")
False
"""

import re

_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_S10_RE = re.compile(r"[A-Z]{2}(\d{8})(\d)[A-Z]{2}")


def compact(value):
    """Upper-case ``value`` without spaces, dots or dashes."""
    return re.sub(r"[\s.\-]", "", value or "").upper()


def check_digit(serial):
    """Check digit of an 8-digit serial."""
    pairs = zip(serial, _WEIGHTS, strict=True)
    total = sum(int(digit) * weight for digit, weight in pairs)
    check = 11 - total % 11
    return {10: 0, 11: 5}.get(check, check)


def is_valid(value):
    """True when ``value`` (compacted) is an S10 identifier with a good check digit."""
    match = _S10_RE.fullmatch(compact(value))
    return bool(match) and int(match[2]) == check_digit(match[1])
