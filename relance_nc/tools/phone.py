# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Phone numbers of New Caledonia (+687) and French Polynesia (+689).

A thin wrapper around ``phonenumbers`` (Google libphonenumber metadata) that
answers the questions a reminder needs: is the number valid, what is its
E.164 form for an SMS gateway, and can it receive an SMS (mobile)?

Rules and quirks (``nc-domain.md`` section 3, checked with phonenumbers 9.0):

* New Caledonia: 6-digit national numbers and **no trunk prefix**. Fixed
  lines start with 20, 23-29, 30-35, 41-47 or **88**; mobiles with 5x, 7x,
  9x, 80-87 or 89 (OPT-NC "Mobilis", no number portability). The national
  format uses dots: ``+687 75.12.34``.
* French Polynesia: 8 digits since the 21-23 June 2014 migration; fixed lines
  ``40 4x``/``49 4x``..., mobiles 87/88/89. Old 6-digit numbers no longer
  validate and must be rewritten by hand. Mobile numbers are portable since
  1 September 2024, so the prefix says nothing about the operator.
* Trap: a Caledonian number typed ``06 87 75 12 34`` and parsed as French is
  a valid French mobile, ``+33 6 87 75 12 34``. Numbers are therefore parsed
  with the partner's own country (New Caledonia by default), where a leading
  ``0`` trunk prefix does not exist: ``0687751234`` is invalid for NC.

Sources: phonenumbers metadata for NC and PF; tahiti-infos.com "Le passage à
8 chiffres, c'est ce week-end" (2014) and 2024 articles on portability.

>>> result = check_phone("75 12 34")
>>> result.e164, result.kind, result.region, result.international
('+687751234', 'mobile', 'NC', '+687 75.12.34')
>>> check_phone("87 12 34 56", "PF").sms_capable
True
>>> check_phone("0687751234", "NC").kind
'invalid'
>>> check_phone("0687751234", "FR").e164
'+33687751234'
"""

from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

__all__ = [
    "DEFAULT_REGION",
    "KIND_FIXED",
    "KIND_INVALID",
    "KIND_MOBILE",
    "KIND_OTHER",
    "PhoneCheck",
    "check_phone",
]

#: Region used when the partner has no country.
DEFAULT_REGION = "NC"
KIND_MOBILE = "mobile"
KIND_FIXED = "fixed"
KIND_OTHER = "other"
KIND_INVALID = "invalid"

# Regions where libphonenumber's "fixed line or mobile" type would mean a
# mobile. Their metadata separates the two today; this is a safety net.
_SMS_REGIONS = frozenset({"NC", "PF"})


@dataclass(frozen=True)
class PhoneCheck:
    """Outcome of :func:`check_phone`.

    ``e164`` (``"+687751234"``), ``region`` (``"NC"``) and ``international``
    (``"+687 75.12.34"``) are empty when ``kind`` is ``"invalid"``; otherwise
    ``kind`` is ``"mobile"``, ``"fixed"`` or ``"other"`` (VoIP, toll-free,
    premium rate, UAN...).
    """

    e164: str
    kind: str
    region: str
    international: str

    @property
    def sms_capable(self):
        """Tell whether the number can receive an SMS (it is a mobile)."""
        return self.kind == KIND_MOBILE


_INVALID = PhoneCheck(e164="", kind=KIND_INVALID, region="", international="")


def _kind(number_type, region):
    """Map a libphonenumber number type to one of our kinds."""
    if number_type == PhoneNumberType.MOBILE:
        return KIND_MOBILE
    if number_type == PhoneNumberType.FIXED_LINE:
        return KIND_FIXED
    if number_type == PhoneNumberType.FIXED_LINE_OR_MOBILE:
        return KIND_MOBILE if region in _SMS_REGIONS else KIND_OTHER
    return KIND_OTHER


def check_phone(number, region=None):
    """Validate and classify a phone number written by a user.

    ``region`` is the ISO country code of the partner (``"NC"``, ``"PF"``,
    ``"FR"``...) used for numbers written without ``+``; empty means New
    Caledonia. A number written in international form (``+689 ...``,
    ``00 687 ...``) is read as such whatever the region. Empty input,
    garbage and numbers that are not valid in their region give
    ``kind="invalid"``.

    >>> check_phone("+689 40 50 12 34", "NC")  # doctest: +NORMALIZE_WHITESPACE
    PhoneCheck(e164='+68940501234', kind='fixed', region='PF',
               international='+689 40 50 12 34')
    >>> check_phone("40 12 34 56", "PF").kind
    'invalid'
    """
    if not isinstance(number, str) or not number.strip():
        return _INVALID
    region = (region or "").strip().upper() or DEFAULT_REGION
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return _INVALID
    if not phonenumbers.is_valid_number(parsed):
        return _INVALID
    number_region = phonenumbers.region_code_for_number(parsed) or ""
    return PhoneCheck(
        e164=phonenumbers.format_number(parsed, PhoneNumberFormat.E164),
        kind=_kind(phonenumbers.number_type(parsed), number_region),
        region=number_region,
        international=phonenumbers.format_number(
            parsed, PhoneNumberFormat.INTERNATIONAL
        ),
    )
