# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
r"""Numéro TAHITI (French Polynesian company and establishment identifier).

ISPF keeps the *Répertoire territorial des entreprises* (RTE). An enterprise
gets a 6-character numéro T.A.H.I.T.I.: a digit or an upper-case letter
followed by 5 digits (``000026``, ``F95709``). Each establishment adds a
3-digit *numéro d'ordre*, written ``003970-001``.

There is no check digit: no algorithm is published, and public validators
explicitly skip any checksum for 6- and 9-character TAHITI numbers. Only the
format and the length are checked.

Sources (see ``nc-domain.md`` section 2): ISPF "Définitions et méthodologie"
of the RTE (https://data.ispf.pf/bases/Repertoires/Entreprises/); the
demarches-simplifiees.fr ``siret_format_validator.rb`` (``^[0-9A-Z]\d{5}$``)
and its FAQ (``003970-001``); the ``NumtahETA`` column of ISPF's
``exportrte.csv`` (``000026-001``).

>>> validate("n° tahiti f95709")
'F95709'
>>> validate("003970-001")
'003970001'
>>> validate("0039700")
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidLength: The number has an invalid length.
>>> validate("FF5709")
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidFormat: The number has an invalid format.
>>> split("003970.001")
('003970', '001')
>>> format("003970001")
'003970-001'
"""

import re

from stdnum.exceptions import InvalidFormat, InvalidLength
from stdnum.util import clean

__all__ = [
    "compact",
    "format",
    "is_valid",
    "split",
    "validate",
]

# Separators removed by compact(); stdnum's clean() has already turned the
# non-breaking spaces U+00A0 / U+202F and the Unicode dashes into ASCII.
_SEPARATORS = " -./"
# Optional leading label: "TAHITI", "N° TAHITI", "Numéro TAHITI :"...
_LABEL_RE = re.compile(r"^(?:N[°º]|NO|NUM[EÉ]RO)?:?TAHITI:?(?:N[°º]|NO)?:?")
# Characters a TAHITI number may contain: its first one may be a letter.
_CHARS_RE = re.compile(r"[0-9A-Z][0-9]*")


def compact(number):
    """Return the TAHITI number upper-cased, without separators nor label.

    Spaces (including non-breaking ones), dots, dashes and slashes are
    removed, as well as a leading ``TAHITI`` / ``N° TAHITI`` label. The number
    is not validated.

    >>> compact(" 003970 - 001 ")
    '003970001'
    """
    number = "".join(clean(number, _SEPARATORS).split()).upper()
    return _LABEL_RE.sub("", number, count=1)


def validate(number):
    """Check the TAHITI number's format and length and return its compact form.

    The result has 6 characters (enterprise) or 9 characters (enterprise and
    establishment). Raise ``InvalidLength`` for another length and
    ``InvalidFormat`` for a character out of place (only the first one may be
    a letter).

    >>> validate("F95709")
    'F95709'
    """
    number = compact(number)
    if number and not _CHARS_RE.fullmatch(number):
        raise InvalidFormat()
    if len(number) not in (6, 9):
        raise InvalidLength()
    return number


def is_valid(number):
    """Tell whether the TAHITI number has a valid format and length.

    >>> is_valid("000026-001")
    True
    >>> is_valid("26")
    False
    """
    try:
        return bool(validate(number))
    except (InvalidFormat, InvalidLength):
        return False


def split(number):
    """Return the enterprise number and the establishment number (or ``""``).

    >>> split("F95709")
    ('F95709', '')
    """
    number = validate(number)
    return number[:6], number[6:]


def format(number):
    """Return the TAHITI number in its usual printed form, ``XXXXXX-NNN``.

    An enterprise number alone is printed as its 6 characters. An invalid
    number raises like :func:`validate`.

    >>> format("f95709")
    'F95709'
    """
    enterprise, establishment = split(number)
    return f"{enterprise}-{establishment}" if establishment else enterprise
