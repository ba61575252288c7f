# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SMS length, encoding, splitting and French transliteration.

An SMS is written either in the GSM 7-bit default alphabet (3GPP TS 23.038,
"GSM 03.38") or, as soon as one character is outside it, in UCS-2 (UTF-16 in
practice), for the whole message. This module counts a text the way the
relance.nc contract (seed 000, section E1) tells the customer it is counted:

* ``gsm7``: a character of the basic table counts 1 (a space too); a
  character of the extension table (``| € } { [ ~ ] \\ ^`` and form feed) is
  sent as an escape pair and counts 2; a line break counts 2. A message holds
  160 units.
* ``ucs2``: every UTF-16 code unit counts 1, so a character outside the Basic
  Multilingual Plane (an emoji) counts 2; a message holds 70 units.
* A line break is ``"\\r\\n"``, ``"\\n"`` or ``"\\r"`` and counts 2 in both
  encodings. The seed says so for GSM; real GSM costs 1 septet for ``"\\n"``,
  2 for ``"\\r\\n"``, and UCS-2 costs 1 or 2 code units: the seed's count is
  never lower than the real one, so a part that fits by this count fits on
  the network, and the counter shown to the user matches the contract.
* Longer texts are sent as **separate** SMS ("un deuxième SMS distinct du
  premier sera envoyé"), not as one concatenated message, so every part may
  hold the full 160 (or 70) units. The concatenated sizes, 153 and 67 per
  part because of the 6-byte user-data header, are given by
  :func:`sms_limits` for information only.
* :func:`split_sms` cuts after the last space or line break that fits, so the
  separator ends the previous part and the next SMS starts with a word; it
  never cuts an escape pair, a UTF-16 surrogate pair or a ``"\\r\\n"``, and
  ``"".join(split_sms(text)) == text`` always holds. A no-break space
  (U+00A0, U+202F) is not a word boundary: "15 000 XPF" stays in one part.

Where the seed and the standard disagree, the standard wins for the alphabet:
the seed lists ``Ê Ë Ì Ï Ò Û ð ¢`` and ``»`` as standard characters and
forgets ``^`` among the extension ones, but the network sends them as UCS-2
(or escaped, for ``^``). U+001B (ESC) is the escape code, not a character: it
sits at 0x1B in :data:`GSM_BASIC` so that indexes are septet values, but a
text containing it is UCS-2.

French quirks (``nc-domain.md`` section 9): ``é è à ù É Ç`` are GSM, but
``ç â ê ë î ï ô û œ ’ « » – … °`` and the no-break spaces Odoo and babel put
in amounts (``15 000 XPF``) are not, and silently make the SMS UCS-2, 70 units
long. :func:`transliterate` replaces them by their closest GSM form.

Sources: 3GPP TS 23.038 section 6.2.1 (tables checked with the ``gsm0338``
codec and segment sizes with ``smsutil``, ``nc-domain.md`` section 9); seed
000 section E1 "Définition du SMS" for the counting rules and separate SMS.

>>> sms_length("Bonjour")
7
>>> sms_length("Total : 15 000 €")
17
>>> sms_length("Ligne 1\\r\\nLigne 2")
16
>>> sms_encoding("Votre facture est échue."), sms_encoding("Reçu, merci.")
('gsm7', 'ucs2')
>>> sms_limits("gsm7"), sms_limits("ucs2")
((160, 153), (70, 67))
>>> [len(part) for part in split_sms("Bonjour " * 30)]
[160, 80]
>>> transliterate("Votre facture n°12 de 15\\u00a0000\\u00a0XPF a échu à 9 h.")
'Votre facture no12 de 15 000 XPF a échu à 9 h.'
>>> sms_info("Reçu 2 000 € — merci")
{'encoding': 'ucs2', 'length': 20, 'count': 1, 'limit': 70, 'non_gsm': ['ç', '—']}
"""

import unicodedata
from typing import NamedTuple

__all__ = [
    "GSM_BASIC",
    "GSM_EXTENSION",
    "SmsError",
    "sms_count",
    "sms_encoding",
    "sms_info",
    "sms_length",
    "sms_limits",
    "split_sms",
    "transliterate",
]

#: The GSM 03.38 basic table; the index of a character is its septet value.
#: 0x0A is LF, 0x0D is CR, 0x1B is ESC (the escape code, not a character).
GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ"
    " !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
#: The GSM 03.38 extension table: each character is sent as ESC + code (2 units).
GSM_EXTENSION = "^{}\\[~]|€\f"

#: Encoding names returned by :func:`sms_encoding`.
GSM7 = "gsm7"
UCS2 = "ucs2"

# (single SMS, part of a concatenated SMS), in units of the encoding.
_LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}
_GSM_CHARS = frozenset(GSM_BASIC + GSM_EXTENSION) - {"\x1b"}
_EXTENSION_CHARS = frozenset(GSM_EXTENSION)
_LINE_BREAK_UNITS = 2
_HIGH_SURROGATES = ("\ud800", "\udbff")
_LOW_SURROGATES = ("\udc00", "\udfff")

# Explicit replacements of transliterate(): French letters and typography.
# Anything else outside GSM goes through the NFKD fallback.
_TRANSLITERATIONS = {
    "â": "a",
    "ê": "e",
    "î": "i",
    "ô": "o",
    "û": "u",
    "ë": "e",
    "ï": "i",
    "ÿ": "y",
    "ç": "c",
    "À": "A",
    "Â": "A",
    "È": "E",
    "Ê": "E",
    "Ë": "E",
    "Î": "I",
    "Ï": "I",
    "Ô": "O",
    "Ù": "U",
    "Û": "U",
    "Ÿ": "Y",
    "œ": "oe",
    "Œ": "OE",
    "’": "'",  # typographic apostrophe, what Word and LibreOffice type
    "‘": "'",
    "‚": "'",
    "′": "'",
    "`": "'",  # back-quote: not encodable at all in GSM
    "´": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "″": '"',
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "−": "-",
    "•": "-",
    "…": "...",
    "°": "o",  # "n°" -> "no"
    "\t": " ",
    "\u00ad": "",  # soft hyphen, invisible
    "\u200b": "",  # zero-width space, invisible
    "\ufeff": "",  # byte order mark pasted from files, invisible
}


class SmsError(ValueError):
    """Invalid argument of an SMS function (unknown encoding, limit too small)."""


class _Atom(NamedTuple):
    """A piece of text that is never split: its slice, units and kind."""

    start: int
    end: int
    units: int
    boundary: bool  # a space or a line break: a part may end after it


def _atoms(text, encoding):
    """Yield the unsplittable pieces of ``text`` counted in ``encoding``."""
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        end, boundary = index + 1, char == " "
        if char in "\r\n":
            if char == "\r" and text[index + 1 : index + 2] == "\n":
                end = index + 2
            units, boundary = _LINE_BREAK_UNITS, True
        elif encoding == GSM7:
            units = 2 if char in _EXTENSION_CHARS else 1
        elif ord(char) > 0xFFFF:
            units = 2  # outside the BMP: a surrogate pair in UTF-16
        elif (
            _HIGH_SURROGATES[0] <= char <= _HIGH_SURROGATES[1]
            and _LOW_SURROGATES[0] <= text[index + 1 : index + 2] <= _LOW_SURROGATES[1]
        ):
            end, units = index + 2, 2  # an already decoded surrogate pair
        else:
            units = 1
        yield _Atom(index, end, units, boundary)
        index = end


def sms_encoding(text: str) -> str:
    """Return ``"gsm7"`` if GSM 03.38 can encode every character, else ``"ucs2"``.

    Both the basic and the extension tables count as GSM. An empty text is
    ``"gsm7"``.

    >>> sms_encoding("Merci de régler 12 000 € avant le 5 [réf. A-12]")
    'gsm7'
    >>> sms_encoding("Merci de régler avant le 5 ! 🙏")
    'ucs2'
    """
    return GSM7 if _GSM_CHARS.issuperset(text) else UCS2


def sms_length(text: str) -> int:
    """Return the length of ``text`` in SMS units, by the seed's rules.

    In GSM 7-bit, a basic character counts 1 and an extension character 2; in
    UCS-2, a UTF-16 code unit counts 1 (an emoji 2); in both, a line break
    (``"\\r\\n"``, ``"\\n"`` or ``"\\r"``) counts 2.

    >>> sms_length("a|b")
    4
    >>> sms_length("\\r\\n"), sms_length("\\n"), sms_length("\\n\\r")
    (2, 2, 4)
    >>> sms_length("Merci 🙂")
    8
    """
    encoding = sms_encoding(text)
    return sum(atom.units for atom in _atoms(text, encoding))


def sms_limits(encoding: str) -> tuple[int, int]:
    """Return the sizes of one SMS and of one part of a concatenated SMS.

    relance.nc sends a long text as separate SMS, each up to the first size
    (see :func:`split_sms`); the second size applies only to concatenated
    messages and is given for information. Raise :class:`SmsError` for an
    unknown encoding.

    >>> sms_limits("ucs2")
    (70, 67)
    """
    try:
        return _LIMITS[encoding]
    except KeyError as err:
        raise SmsError(f"Unknown SMS encoding: {encoding!r}") from err


def _cut(atoms):
    """Return how many of ``atoms`` go into the part being closed.

    The part ends after its last boundary that follows at least one word,
    else it takes every atom (a hard cut inside a word too long to wrap).
    """
    for index in range(len(atoms) - 1, 0, -1):
        if atoms[index].boundary and not all(a.boundary for a in atoms[:index]):
            return index + 1
    return len(atoms)


def split_sms(text: str, limit: int | None = None) -> list[str]:
    """Split ``text`` into SMS of at most ``limit`` units each.

    The default limit is one whole SMS, 160 units for a GSM text and 70 for a
    UCS-2 one, because relance.nc sends separate SMS; the encoding of the
    whole text decides for every part. A part ends after the last space or
    line break that fits, so the separator stays at the end of the previous
    part (a word that ends exactly on the limit, its space not fitting, moves
    to the next part with it); a word longer than the limit is cut where the
    limit falls, and a separator that follows such a hard cut then starts the
    next part. Escape
    pairs, surrogate pairs and ``"\\r\\n"`` are never cut, and the parts joined
    give back ``text`` exactly. An empty text gives no part. Raise
    :class:`SmsError` if ``limit`` is below 2 (one escape pair).

    Each part is sent as its own SMS, so a gateway may encode a GSM-only part
    of a UCS-2 text in GSM 7-bit: it still fits, since a part of at most 70
    UCS-2 units is at most 140 GSM units.

    >>> split_sms("Rappel : facture F-12 échue, merci de régler.", limit=20)
    ['Rappel : facture ', 'F-12 échue, merci ', 'de régler.']
    >>> split_sms("")
    []
    """
    if not text:
        return []
    encoding = sms_encoding(text)
    if limit is None:
        limit = sms_limits(encoding)[0]
    if limit < 2:
        raise SmsError(f"An SMS part must hold at least 2 units, not {limit}.")
    parts, current, used = [], [], 0
    for atom in _atoms(text, encoding):
        while used + atom.units > limit:
            cut = _cut(current)
            parts.append(text[current[0].start : current[cut - 1].end])
            current = current[cut:]
            used = sum(a.units for a in current)
        current.append(atom)
        used += atom.units
    parts.append(text[current[0].start : current[-1].end])
    return parts


def sms_count(text: str) -> int:
    """Return the number of SMS :func:`split_sms` makes of ``text`` (0 if empty).

    >>> sms_count("a" * 160), sms_count("a" * 161), sms_count("")
    (1, 2, 0)
    """
    return len(split_sms(text))


def _transliterate_char(char):
    """Return the GSM replacement of one character outside GSM, or itself."""
    if char in _TRANSLITERATIONS:
        return _TRANSLITERATIONS[char]
    if unicodedata.category(char) == "Zs":
        return " "  # no-break, thin, narrow no-break and other Unicode spaces
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if base.strip() and _GSM_CHARS.issuperset(base):
        return base  # accented letter whose base letter is GSM, ligature...
    return char


def transliterate(text: str) -> str:
    """Replace the characters outside GSM 03.38 by their closest GSM form.

    Characters that GSM encodes are kept, accented or not (``é è à ù É Ç``).
    French letters lose the accent GSM lacks (``ç`` -> ``c``, ``ê`` -> ``e``,
    ``œ`` -> ``oe``), typographic quotes, dashes and ellipsis become ASCII,
    Unicode spaces become a plain space, ``°`` becomes ``o`` (``n°`` ->
    ``no``), and other accented letters lose their accent when the bare letter
    is GSM. Characters without a sensible equivalent (emoji, most symbols)
    are left as they are, so the result may still be UCS-2: check it with
    :func:`sms_encoding`.

    >>> transliterate("Reçu : « 15\\u202f000 XPF » – Noël, à bientôt… 🙂")
    'Recu : " 15 000 XPF " - Noel, à bientot... 🙂'
    >>> transliterate("ÉTÉ, Ça, où, déjà")
    'ÉTÉ, Ça, où, déjà'
    """
    return "".join(
        char if char in _GSM_CHARS else _transliterate_char(char) for char in text
    )


def sms_info(text: str) -> dict:
    """Return what the composer's live counter shows about ``text``.

    The keys are ``encoding`` (``"gsm7"`` or ``"ucs2"``), ``length`` (units,
    see :func:`sms_length`), ``count`` (number of SMS), ``limit`` (units per
    SMS for this encoding) and ``non_gsm`` (the sorted distinct characters
    that make the text UCS-2, empty for GSM text).

    >>> sms_info("")
    {'encoding': 'gsm7', 'length': 0, 'count': 0, 'limit': 160, 'non_gsm': []}
    """
    encoding = sms_encoding(text)
    return {
        "encoding": encoding,
        "length": sms_length(text),
        "count": sms_count(text),
        "limit": sms_limits(encoding)[0],
        "non_gsm": sorted(set(text) - _GSM_CHARS),
    }
