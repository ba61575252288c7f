# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Debtor identifiers found in announcements: RID (New Caledonia), SIREN.

A New Caledonian announcement names the debtor by its RIDET or only its RID,
the 7-digit company number (see ``relance_nc/tools/ridet.py``): a procedure
opens against the company, so every establishment (``RID`` + 3 digits) is
concerned and matching compares RIDs. A debtor registered in France is named
by its SIREN (9 digits, Luhn), checked with python-stdnum.

>>> rid_of("1 231 083.002")
'1231083'
>>> rid_of("426049")
'0426049'
>>> rid_of("12345") is None
True
>>> siren_of("732 829 320")
'732829320'
>>> siren_of("732 829 321") is None
True
>>> siren_of(["552 100 554", "552100554"])
'552100554'
"""

import re

from stdnum.exceptions import ValidationError
from stdnum.fr import siren as stdnum_siren

__all__ = ["rid_of", "siren_of"]

_NON_DIGIT = re.compile(r"\D")


def rid_of(value):
    """RID (7 digits) of a RIDET or RID in any written form, else None.

    Six or nine digits are numbers whose leading zero a spreadsheet dropped.

    >>> rid_of("0 300 137 001"), rid_of("300137001"), rid_of(None)
    ('0300137', '0300137', None)
    """
    digits = _NON_DIGIT.sub("", str(value or ""))
    if len(digits) in (6, 9):
        digits = "0" + digits
    if len(digits) not in (7, 10):
        return None
    return digits[:7]


def siren_of(value):
    """Valid SIREN found in ``value`` (a string, a SIRET or a list), else None.

    >>> siren_of("73282932000074")
    '732829320'
    """
    values = value if isinstance(value, (list, tuple)) else [value]
    for item in values:
        digits = _NON_DIGIT.sub("", str(item or ""))
        if len(digits) == 14:  # a SIRET: SIREN + NIC
            digits = digits[:9]
        try:
            return stdnum_siren.validate(digits)
        except ValidationError:
            continue
    return None
