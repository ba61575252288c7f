# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""RIDET (New Caledonian company and establishment identifier).

The *Répertoire d'identification des entreprises et des établissements*
(arrêté n° 83-661/CG of 20 December 1983) is kept by ISEE. A company gets a
7-digit number, the RID; each of its establishments gets a 10-digit RIDET: the
RID followed by a 3-digit establishment number, counted from ``001``. Leading
zeros are significant (``0426049``). Invoices usually print
``D DDD DDD.DDD``, e.g. ``1 231 083.002``.

Two facts are uncertain, so they are *warnings*, never errors:

* ``"checksum"``: every real RID collected passes the Luhn check on its 7
  digits, which is very unlikely by chance, but ISEE documents no check digit;
  a failure means "probably mistyped", not "impossible".
* ``"establishment"``: ISEE numbers establishments from ``001``, yet one public
  tool treats ``000`` as the head office; ``000`` is therefore suspicious.

Errors are limited to the format (a non-digit character) and the length
(other than 7 or 10 digits). A 6- or 9-digit input is taken as a number whose
leading zero was dropped, as spreadsheets do with numeric cells, and is padded
by :func:`compact`.

Sources (see ``nc-domain.md`` section 1): ISEE leaflet "Qu'est-ce que le
RIDET" and https://www.isee.nc/ridet; CADA avis 20185271; the data.gouv.nc
datasets ``entreprises-actives-au-ridet`` and ``etablissements-actifs-au-ridet``
(7-character ``rid7``); written forms taken from public invoices and legal
notices (``1 231 083.002``, ``0 300 137 001``).

>>> validate("RIDET : 1 231 083.002")
'1231083002'
>>> validate("426049")
'0426049'
>>> warnings("1231084")
['checksum']
>>> warnings("1231083000")
['establishment']
>>> validate("1231083.0002")
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidLength: The number has an invalid length.
>>> validate("12310A3")
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidFormat: The number has an invalid format.
>>> split("0 300 137 001")
('0300137', '001')
>>> format("0300137001")
'0 300 137.001'
"""

import re

from stdnum import luhn
from stdnum.exceptions import InvalidFormat, InvalidLength
from stdnum.util import clean

__all__ = [
    "compact",
    "format",
    "is_valid",
    "split",
    "validate",
    "warnings",
]

#: Warning code: the 7-digit RID fails the (empirical) Luhn check.
WARNING_CHECKSUM = "checksum"
#: Warning code: the establishment suffix is ``000``.
WARNING_ESTABLISHMENT = "establishment"

# Separators removed by compact(); stdnum's clean() has already turned the
# non-breaking spaces U+00A0 / U+202F and the Unicode dashes into ASCII.
_SEPARATORS = " -./_"
# Optional leading label: "RIDET", "RIDET:", "RIDET n°", "Ridet N° :"...
_LABEL_RE = re.compile(r"^RIDET:?(?:N[°º]|NO)?:?", re.IGNORECASE)
_DIGITS_RE = re.compile(r"[0-9]*")


def compact(number):
    r"""Return the RIDET without separators, label nor dropped leading zero.

    Spaces (including non-breaking ones), dots, dashes, slashes and
    underscores are removed, as well as a leading ``RIDET`` label. A 6- or
    9-digit result gets back the leading zero that spreadsheets drop. The
    number is not validated.

    >>> compact("Ridet n° 0\u00a0132\u00a0720")
    '0132720'
    >>> compact("1 231 083-002")
    '1231083002'
    >>> compact("231083002")
    '0231083002'
    """
    number = "".join(clean(number, _SEPARATORS).split())
    number = _LABEL_RE.sub("", number, count=1)
    if len(number) in (6, 9) and _DIGITS_RE.fullmatch(number):
        number = "0" + number
    return number


def validate(number):
    """Check the RIDET's format and length and return its compact form.

    The result has 7 digits (company number only) or 10 digits (company
    number and establishment). Raise ``InvalidFormat`` for a non-digit
    character and ``InvalidLength`` for any other length. Suspicious but
    possible numbers are reported by :func:`warnings`, not here.

    >>> validate("0 426 049")
    '0426049'
    """
    number = compact(number)
    if not _DIGITS_RE.fullmatch(number):
        raise InvalidFormat()
    if len(number) not in (7, 10):
        raise InvalidLength()
    return number


def warnings(number):
    """Return the sorted warning codes of a valid RIDET.

    The codes are ``"checksum"`` (the RID fails the Luhn check) and
    ``"establishment"`` (the establishment number is ``000``). An invalid
    number raises like :func:`validate`.

    >>> warnings("1 231 083.002")
    []
    """
    number = validate(number)
    codes = []
    if not luhn.is_valid(number[:7]):
        codes.append(WARNING_CHECKSUM)
    if number[7:] == "000":
        codes.append(WARNING_ESTABLISHMENT)
    return sorted(codes)


def is_valid(number):
    """Tell whether the RIDET has a valid format and length (warnings ignored).

    >>> is_valid("1231084")
    True
    >>> is_valid("12345")
    False
    """
    try:
        return bool(validate(number))
    except (InvalidFormat, InvalidLength):
        return False


def split(number):
    """Return the company number and the establishment number (or ``""``).

    >>> split("1231083")
    ('1231083', '')
    """
    number = validate(number)
    return number[:7], number[7:]


def format(number):
    """Return the RIDET in its usual printed form, ``D DDD DDD.DDD``.

    A company number alone is printed ``D DDD DDD``. An invalid number raises
    like :func:`validate`.

    >>> format("426049")
    '0 426 049'
    """
    rid, establishment = split(number)
    printed = f"{rid[0]} {rid[1:4]} {rid[4:]}"
    return f"{printed}.{establishment}" if establishment else printed
