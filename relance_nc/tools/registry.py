# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
r"""Public company registries of New Caledonia (RIDET) and French Polynesia (TAHITI).

This module reads the open-data extracts of both registries into
:class:`RegistryUnit` values, and compares a customer with its registry unit
to propose corrections (:class:`Proposal`).

Sources (``nc-domain.md`` sections 1 and 2):

* RIDET, kept by ISEE, published by the government of New Caledonia on
  https://data.gouv.nc (Opendatasoft Explore API v2.1, Licence Ouverte 2.0,
  attribution to ISEE): the datasets ``entreprises-actives-au-ridet``
  (format ``"ridet_company"``: one row per company, key ``rid7``) and
  ``etablissements-actifs-au-ridet`` (format ``"ridet_establishment"``: key
  ``rid7`` + ``ndegetablissement``). CSV exports use ``;`` and UTF-8, with or
  without BOM. They contain *active* units only and no street address (the
  commune only); a unit that disappears from the extract has ceased or been
  radiated.
* TAHITI, kept by ISPF: ``exportrte.csv`` on data.gouv.fr (format
  ``"tahiti"``), ``;``-separated, UTF-8 or Windows-1252, one row per
  establishment (key ``Numtah`` + ``NumETA`` / ``NumtahETA``), including
  radiated units with their radiation (``Rad_*``) and re-registration
  (``Reins_*``) dates, written DD/MM/YYYY. ``Code_Postal_ENT`` holds the
  postal code followed by the post office (``98713 PAPEETE BP``);
  ``Nom_ENT`` is the legal name (*raison sociale*) and ``Nom_ETAB`` the
  establishment's trade name (``nomCommercial`` in ISPF's i-taiete API), often
  a mere ``SIEGE SOCIAL``: it is kept as ``trade_name``.

Reading a file:

>>> lines = decode_lines([b"\xef\xbb\xbfrid7;denomination;libelle_commune\r\n",
...                       b"426049;SOCIETE TEST;NOUMEA\r\n12AB;X;Y\r\n"])
>>> file_format, rows = parse(lines)
>>> file_format
'ridet_company'
>>> for line, row in rows:
...     print(line, row.identifier if isinstance(row, RegistryUnit) else row)
2 0426049
3 RowError(line=3, message="invalid RIDET '12AB'")

Comparing a customer with its unit:

>>> unit = RegistryUnit(source="ridet", identifier="0426049",
...                     company_number="0426049", name="SOCIETE TEST",
...                     city="NOUMEA")
>>> customer = {"name": "Société Test", "ridet": "0 426 049", "city": "Dumbéa"}
>>> compare_customer(customer, unit)
[Proposal(field='city', current='Dumbéa', proposed='NOUMEA', kind='city')]
"""

import codecs
import csv
import datetime
import re
import unicodedata
from collections import deque
from dataclasses import dataclass

from stdnum.util import clean

__all__ = [
    "FORMAT_RIDET_COMPANY",
    "FORMAT_RIDET_ESTABLISHMENT",
    "FORMAT_TAHITI",
    "PROPOSAL_KINDS",
    "Proposal",
    "RegistryFormatError",
    "RegistryUnit",
    "RowError",
    "compare_customer",
    "comparison_key",
    "decode_lines",
    "detect_format",
    "parse",
    "unit_key_candidates",
]

SOURCE_RIDET = "ridet"
SOURCE_TAHITI = "tahiti"

FORMAT_RIDET_COMPANY = "ridet_company"
FORMAT_RIDET_ESTABLISHMENT = "ridet_establishment"
FORMAT_TAHITI = "tahiti"

KIND_IDENTIFIER_INVALID = "identifier_invalid"
KIND_NOT_FOUND = "not_found"
KIND_CEASED = "ceased"
KIND_NAME = "name"
KIND_STREET = "street"
KIND_ZIP = "zip"
KIND_CITY = "city"
KIND_PHONE_FORMAT = "phone_format"
KIND_PHONE_INVALID = "phone_invalid"
KIND_PHONE_NOT_MOBILE = "phone_not_mobile"
#: Every proposal kind, in the order compare_customer() emits them.
PROPOSAL_KINDS = (
    KIND_IDENTIFIER_INVALID,
    KIND_NOT_FOUND,
    KIND_CEASED,
    KIND_NAME,
    KIND_STREET,
    KIND_ZIP,
    KIND_CITY,
    KIND_PHONE_FORMAT,
    KIND_PHONE_INVALID,
    KIND_PHONE_NOT_MOBILE,
)
#: Field receiving the "ceased" proposal (on res.partner).
REGISTRY_STATE_FIELD = "relance_registry_state"

# A quoted field may span lines; beyond this many lines the quote is taken as
# unterminated, so that one stray quote cannot swallow the rest of the file.
_MAX_RECORD_LINES = 10
_DELIMITERS = (";", "\t", ",")

# Identifiers, kept in step with ridet.py and tahiti.py (no sibling import:
# see the package docstring).
_RIDET_SEPARATORS = " -./_"
_TAHITI_SEPARATORS = " -./"
_RIDET_LABEL_RE = re.compile(r"^RIDET:?(?:N[°º]|NO)?:?", re.IGNORECASE)
_TAHITI_LABEL_RE = re.compile(r"^(?:N[°º]|NO|NUM[EÉ]RO)?:?TAHITI:?(?:N[°º]|NO)?:?")
_RIDET_RE = re.compile(r"[0-9]{7}(?:[0-9]{3})?")
_RID7_RE = re.compile(r"[0-9]{7}")
_TAHITI_RE = re.compile(r"[0-9A-Z][0-9]{5}(?:[0-9]{3})?")
_TAHITI6_RE = re.compile(r"[0-9A-Z][0-9]{5}")
_ESTABLISHMENT_RE = re.compile(r"[0-9]{3}")
# DD/MM/YYYY or YYYY-MM-DD, optionally followed by a time.
_DATE_RE = re.compile(
    r"(?:([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})"
    r"|([0-9]{4})-([0-9]{2})-([0-9]{2}))(?:[ T]|$)"
)
_TAHITI_STRIP_RE = re.compile(r"[\s./-]")
_ZIP_RE = re.compile(r"([0-9]{5})(?![0-9])")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


class RegistryFormatError(ValueError):
    """The file is not one of the registry extracts this module can read."""


@dataclass(frozen=True)
class RegistryUnit:
    """A company or an establishment as published by a registry.

    ``identifier`` is compact: 7 or 10 digits for ``source="ridet"``, 6 or 9
    characters for ``source="tahiti"``; ``establishment`` is empty for a
    company (enterprise) unit. Text fields are stripped, with inner runs of
    spaces collapsed, and empty when the registry does not publish them.
    """

    source: str
    identifier: str
    company_number: str
    establishment: str = ""
    name: str = ""
    acronym: str = ""
    trade_name: str = ""
    legal_form: str = ""
    activity_code: str = ""
    activity_label: str = ""
    street: str = ""
    zip: str = ""
    po_box: str = ""
    city: str = ""
    province: str = ""
    ceased_date: datetime.date | None = None

    @property
    def is_ceased(self):
        """Tell whether the registry records the unit as radiated."""
        return self.ceased_date is not None


@dataclass(frozen=True)
class RowError:
    """A data row that could not be read; ``line`` is its physical line."""

    line: int
    message: str


@dataclass(frozen=True)
class Proposal:
    """A correction of customer field ``field`` from ``current`` to ``proposed``.

    ``kind`` is one of :data:`PROPOSAL_KINDS`. ``proposed`` is empty for the
    informational kinds (``identifier_invalid``, ``not_found``,
    ``phone_invalid``, ``phone_not_mobile``).
    """

    field: str
    current: str
    proposed: str
    kind: str


# ---------------------------------------------------------------------------
# Decoding and splitting the file
# ---------------------------------------------------------------------------


def decode_lines(chunks):
    r"""Decode a byte stream incrementally into text lines without line endings.

    ``chunks`` is an iterable of ``bytes`` such as ``requests``'
    ``Response.iter_content()``; lines may be split anywhere across chunks and
    end with LF or CRLF. The encoding is UTF-8 (a leading BOM is dropped)
    unless the first non-ASCII bytes of the stream are not valid UTF-8, in
    which case the whole stream is read as Windows-1252. The decision is taken
    once, on the first chunk holding a complete non-ASCII character (ASCII
    reads the same in both encodings, and a character split across chunks
    waits for its end); use chunks of a few KiB or more. Bytes that later turn
    out to be undecodable become U+FFFD instead of aborting the import.

    >>> list(decode_lines([b"Numtah;Nom_ENT\r\n000026;CAF", b"\xc9 DU PORT\r\n"]))
    ['Numtah;Nom_ENT', '000026;CAFÉ DU PORT']
    """
    decoder = None
    undecided = b""
    ascii_seen = False
    pending = ""
    for chunk in chunks:
        if not chunk:
            continue
        if decoder is not None:
            text = decoder.decode(chunk)
        elif not undecided and chunk.isascii():
            text = chunk.decode("ascii")
            ascii_seen = True
        else:
            undecided += chunk
            decoder, text = _choose_decoder(undecided, bom_allowed=not ascii_seen)
            if decoder is None:
                continue
            undecided = b""
        *lines, pending = (pending + text).split("\n")
        for line in lines:
            yield line.removesuffix("\r")
    if decoder is not None:
        pending += decoder.decode(b"", final=True)
    elif undecided:  # the stream ends inside a would-be UTF-8 character
        pending += undecided.decode("cp1252", errors="replace")
    for line in pending.split("\n") if pending else ():
        yield line.removesuffix("\r")


class DownloadCapped(Exception):
    """A download went over one of its caps (size, time, line length)."""


def cap_stream(chunks, max_bytes, max_seconds, clock):
    """Yield ``chunks`` (bytes) until ``max_bytes`` or ``max_seconds`` (measured
    with ``clock()``) is passed, then raise :class:`DownloadCapped`.

    >>> list(cap_stream([b"ab", b"cd"], 4, 10, lambda: 0))
    [b'ab', b'cd']
    >>> try:
    ...     list(cap_stream([b"ab", b"cd"], 3, 10, lambda: 0))
    ... except DownloadCapped as err:
    ...     print(err)
    The download is larger than 3 bytes.
    """
    start = clock()
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise DownloadCapped(f"The download is larger than {max_bytes} bytes.")
        if clock() - start > max_seconds:
            raise DownloadCapped(f"The download took more than {max_seconds} s.")
        yield chunk


def cap_lines(lines, max_length):
    """Yield ``lines`` but raise :class:`DownloadCapped` (naming the line
    number, never its content) for a line longer than ``max_length``.

    >>> list(cap_lines(["a", "bb"], 2))
    ['a', 'bb']
    >>> try:
    ...     list(cap_lines(["a", "bbb"], 2))
    ... except DownloadCapped as err:
    ...     print(err)
    Line 2 is longer than 2 characters.
    """
    for number, line in enumerate(lines, 1):
        if len(line) > max_length:
            raise DownloadCapped(
                f"Line {number} is longer than {max_length} characters."
            )
        yield line


def _choose_decoder(data, bom_allowed):
    """Return the stream's decoder and the decoded ``data``, or ``(None, "")``.

    ``data`` holds the stream's first non-ASCII bytes; ``None`` means they
    are only the beginning of a UTF-8 character (or BOM): wait for more.
    """
    encoding = "utf-8-sig" if bom_allowed else "utf-8"
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        text = decoder.decode(data)
    except UnicodeDecodeError:
        decoder = codecs.getincrementaldecoder("cp1252")("replace")
        return decoder, decoder.decode(data)
    if text.isascii() and not (bom_allowed and data.startswith(codecs.BOM_UTF8)):
        return None, ""
    decoder.errors = "replace"
    return decoder, text


def _split_records(numbered, delimiter):
    """Yield ``(line, fields, error)`` per CSV record of ``(line, text)`` pairs.

    Lines without a quote are split directly. A record whose quoted field
    spans lines is joined back. ``error`` is empty, or says why ``fields`` is
    None: a quote left open after ``_MAX_RECORD_LINES`` lines or at the end of
    the file (the lines after the first one are then read again as records of
    their own), or a row the csv module cannot read.
    """
    backlog = deque()

    def pull():
        if backlog:
            return backlog.popleft()
        return next(numbered, None)

    while (item := pull()) is not None:
        line_no, line = item[0], item[1].rstrip("\r\n")
        if not line.strip():
            continue
        if '"' not in line:
            yield line_no, line.split(delimiter), ""
            continue
        taken, text = [item], line
        try:
            while (fields := _read_record(text, delimiter)) is None:
                if len(taken) >= _MAX_RECORD_LINES or (following := pull()) is None:
                    break
                taken.append(following)
                text += "\n" + following[1].rstrip("\r\n")
        except csv.Error as err:
            fields, error = None, f"unreadable row: {err}"
        else:
            error = "" if fields is not None else "unterminated quoted field"
        if fields is None:
            backlog.extendleft(reversed(taken[1:]))
        yield line_no, fields, error


def _read_record(text, delimiter):
    """Return the fields of a complete record, or None if a quote is open.

    Raise ``csv.Error`` for a row the csv module cannot read at all.
    """
    try:
        return next(csv.reader([text], delimiter=delimiter, strict=True))
    except csv.Error:
        if _quote_open(text, delimiter):
            return None
    # Stray quotes: read the way spreadsheets and the csv module do.
    return next(csv.reader([text], delimiter=delimiter))


def _quote_open(text, delimiter):
    """Tell whether ``text`` ends inside a quoted field (csv module's rules)."""
    state = "start"
    for char in text:
        if state == "quoted":
            if char == '"':
                state = "quote"
        elif state == "quote":
            if char == '"':
                state = "quoted"
            else:
                state = "start" if char == delimiter else "field"
        elif char == delimiter:
            state = "start"
        elif state == "start" and char == '"':
            state = "quoted"
        else:
            state = "field"
    return state == "quoted"


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


def _column_key(name):
    """Return the header name as matched: stripped, BOM-less, case-folded."""
    return name.strip().lstrip("\ufeff").strip().casefold()


def detect_format(header):
    """Return the format of a registry extract from its header fields.

    ``"tahiti"`` when there is a ``Numtah`` column, ``"ridet_establishment"``
    for ``rid7`` with ``ndegetablissement``, ``"ridet_company"`` for ``rid7``
    alone; names are matched case-insensitively and other columns ignored.
    Raise :class:`RegistryFormatError` otherwise.

    >>> detect_format(["RID7", "Denomination"])
    'ridet_company'
    """
    keys = {_column_key(name) for name in header}
    if "numtah" in keys:
        return FORMAT_TAHITI
    if "rid7" in keys:
        if "ndegetablissement" in keys:
            return FORMAT_RIDET_ESTABLISHMENT
        return FORMAT_RIDET_COMPANY
    shown = ", ".join(repr(name.strip()) for name in header[:6])
    if len(header) > 6:
        shown += ", ..."
    raise RegistryFormatError(
        "Unrecognised registry file: expected a 'rid7' column (RIDET, "
        f"data.gouv.nc) or a 'Numtah' column (TAHITI, ISPF); header: {shown or '-'}"
    )


def parse(lines):
    """Read a registry extract: return its format and an iterator of its rows.

    ``lines`` are text lines (with or without line endings), e.g. from
    :func:`decode_lines`. The header (the first non-empty line) is read at
    once and may raise :class:`RegistryFormatError`; the returned iterator
    then yields ``(line, RegistryUnit | RowError)`` and never raises because
    of the file's content (an error raised by ``lines`` itself, such as a
    network failure, propagates). ``line`` is the 1-based physical line
    number (the header is line 1 in a file without leading blank lines).
    Empty lines are skipped. The delimiter is ``;`` (tab or comma are
    accepted when the header has no ``;``).

    For the ``"tahiti"`` format, the first row of each enterprise also yields
    its enterprise unit (6 characters, enterprise-level data, radiation from
    ``Rad_ENT``) before the establishment unit of the row, because the ISPF
    file only has establishment rows while customers often quote the
    6-character number.
    """
    numbered = enumerate(lines, start=1)
    line_no, line = next(
        ((n, text) for n, text in numbered if text.strip("\r\n\ufeff \t")),
        (0, ""),
    )
    if not line_no:
        raise RegistryFormatError("Unrecognised registry file: it is empty.")
    line = line.rstrip("\r\n").lstrip("\ufeff")
    delimiter = next((d for d in _DELIMITERS if d in line), ";")
    try:
        header = next(csv.reader([line], delimiter=delimiter))
    except csv.Error as err:
        raise RegistryFormatError(f"Unreadable header line {line_no}: {err}") from err
    file_format = detect_format(header)
    return file_format, _iter_rows(file_format, header, delimiter, numbered)


def _iter_rows(file_format, header, delimiter, numbered):
    """Yield the units and errors of the data rows (see :func:`parse`)."""
    columns = {}
    for index, name in enumerate(header):
        columns.setdefault(_column_key(name), (index, name.strip()))
    reader = _ROW_READERS[file_format](columns)
    width = len(header)
    for line_no, fields, error in _split_records(numbered, delimiter):
        if error:
            yield line_no, RowError(line_no, error)
            continue
        if len(fields) != width and (
            len(fields) < width or any(v.strip() for v in fields[width:])
        ):
            message = f"wrong number of fields: {len(fields)} instead of {width}"
            yield line_no, RowError(line_no, message)
            continue
        try:
            units = reader(_Row(fields, columns))
        except _RowProblem as problem:
            yield line_no, RowError(line_no, str(problem))
            continue
        for unit in units:
            yield line_no, unit


class _RowProblem(Exception):
    """A row's content is unusable; the message becomes a RowError."""


class _Row:
    """Access to one data row's values by case-folded column name."""

    __slots__ = ("columns", "fields")

    def __init__(self, fields, columns):
        self.fields = fields
        self.columns = columns

    def get(self, key):
        """Return the value of column ``key``, whitespace-normalised, or ``""``."""
        column = self.columns.get(key)
        if column is None:
            return ""
        value = self.fields[column[0]]
        if not value:
            return value
        value = value.strip()
        if "  " in value or "\t" in value or "\n" in value:
            value = " ".join(value.split())
        return value

    def require(self, key):
        """Return the value of a key column, or report it missing."""
        value = self.get(key)
        if not value:
            raise _RowProblem(f"missing column value '{self.columns[key][1]}'")
        return value

    def date(self, key):
        """Return the date of column ``key`` (DD/MM/YYYY or ISO) or None."""
        value = self.get(key)
        if not value:
            return None
        match = _DATE_RE.match(value)
        if match:
            day, month, year = (
                match.group(1, 2, 3) if match[1] else match.group(6, 5, 4)
            )
            try:
                return datetime.date(int(year), int(month), int(day))
            except ValueError as err:  # e.g. 31/02/2024: a date that does not exist
                raise _RowProblem(
                    f"invalid date '{value}' in column '{self.columns[key][1]}'"
                ) from err
        raise _RowProblem(f"invalid date '{value}' in column '{self.columns[key][1]}'")


def _pad(value, width):
    """Restore the leading zeros a spreadsheet dropped from a numeric code."""
    return value.zfill(width) if value.isdigit() and value.isascii() else value


def _ridet_rows(columns):
    """Return the row reader of the RIDET formats."""
    with_establishment = "ndegetablissement" in columns

    def read(row):
        raw = row.require("rid7")
        rid7 = _pad(raw, 7)
        if not _RID7_RE.fullmatch(rid7):
            raise _RowProblem(f"invalid RIDET '{raw}'")
        establishment = ""
        if with_establishment:
            raw = row.require("ndegetablissement")
            establishment = _pad(raw, 3)
            if not _ESTABLISHMENT_RE.fullmatch(establishment):
                raise _RowProblem(f"invalid establishment number '{raw}'")
        return [
            RegistryUnit(
                source=SOURCE_RIDET,
                identifier=rid7 + establishment,
                company_number=rid7,
                establishment=establishment,
                name=row.get("denomination"),
                acronym=row.get("sigle"),
                trade_name=row.get("enseigne"),
                legal_form=row.get("libelle_formjur") or row.get("code_formjur"),
                activity_code=row.get("code_ape"),
                activity_label=row.get("libelle_naf"),
                street=row.get("adresse"),
                city=row.get("libelle_commune"),
                province=row.get("province"),
            )
        ]

    return read


def _tahiti_rows(columns):
    """Return the row reader of the ISPF format (remembers enterprises seen)."""
    seen = set()

    def read(row):
        raw = row.require("numtah")
        numtah = _pad(raw.upper(), 6)
        if not _TAHITI6_RE.fullmatch(numtah):
            raise _RowProblem(f"invalid TAHITI '{raw}'")
        establishment = _tahiti_establishment(row, numtah)
        enterprise_ceased = _ceased(row.date("rad_ent"), row.date("reins_ent"))
        common = {
            "source": SOURCE_TAHITI,
            "company_number": numtah,
            "acronym": row.get("sigle_ent"),
            "legal_form": row.get("code_fjur"),
            "zip": _zip(row.get("code_postal_ent")),
            "po_box": row.get("bp_ent"),
        }
        units = []
        if numtah not in seen:
            seen.add(numtah)
            units.append(
                RegistryUnit(
                    identifier=numtah,
                    name=row.get("nom_ent"),
                    activity_code=row.get("naf2008_ent"),
                    street="" if establishment else _tahiti_street(row),
                    city="" if establishment else row.get("com_etab_libelle"),
                    ceased_date=enterprise_ceased,
                    **common,
                )
            )
        if establishment:
            etab_ceased = _ceased(row.date("rad_etab"), row.date("reins_etab"))
            units.append(
                RegistryUnit(
                    identifier=numtah + establishment,
                    establishment=establishment,
                    name=row.get("nom_ent"),
                    trade_name=row.get("nom_etab"),
                    activity_code=row.get("naf2008_etab") or row.get("naf2008_ent"),
                    street=_tahiti_street(row),
                    city=row.get("com_etab_libelle"),
                    ceased_date=etab_ceased or enterprise_ceased,
                    **common,
                )
            )
        return units

    return read


def _tahiti_establishment(row, numtah):
    """Return the 3-digit establishment number of an ISPF row, or ``""``."""
    full = row.get("numtaheta")
    if full:
        compact = _TAHITI_STRIP_RE.sub("", full.upper())
        if not _TAHITI_RE.fullmatch(compact) or len(compact) != 9:
            raise _RowProblem(f"invalid TAHITI '{full}'")
        if compact[:6] != numtah:
            raise _RowProblem(f"NumtahETA '{full}' does not match Numtah '{numtah}'")
        return compact[6:]
    raw = row.get("numeta")
    if not raw:
        return ""
    establishment = _pad(raw, 3)
    if not _ESTABLISHMENT_RE.fullmatch(establishment):
        raise _RowProblem(f"invalid establishment number '{raw}'")
    return establishment


def _tahiti_street(row):
    """Return the street line of an ISPF row: number and street, building..."""
    number_street = " ".join(v for v in (row.get("num_adr"), row.get("rue")) if v)
    pk = row.get("pk")
    if pk and not pk.upper().startswith("PK"):
        pk = f"PK {pk}"
    parts = (number_street, row.get("immeuble"), row.get("quartier"), pk)
    return ", ".join(part for part in parts if part) or row.get("adrgeo")


def _zip(value):
    """Return the postal code of ``98713 PAPEETE BP``-like values."""
    match = _ZIP_RE.match(value)
    return match.group(1) if match else value


def _ceased(radiated, reregistered):
    """Return the radiation date unless a later re-registration cancels it."""
    if radiated and not (reregistered and reregistered >= radiated):
        return radiated
    return None


_ROW_READERS = {
    FORMAT_RIDET_COMPANY: _ridet_rows,
    FORMAT_RIDET_ESTABLISHMENT: _ridet_rows,
    FORMAT_TAHITI: _tahiti_rows,
}


# ---------------------------------------------------------------------------
# Matching and comparing customers
# ---------------------------------------------------------------------------


def _compact_identifier(value, separators, label_re, upper):
    """Compact an identifier the way ridet.compact / tahiti.compact do."""
    value = "".join(clean(value, separators).split())
    value = value.upper() if upper else value
    return label_re.sub("", value, count=1)


def _valid_ridet(value):
    """Return the compact RIDET (ridet.validate's result) or None."""
    value = _compact_identifier(value, _RIDET_SEPARATORS, _RIDET_LABEL_RE, upper=False)
    if len(value) in (6, 9) and value.isdigit():
        value = "0" + value
    return value if _RIDET_RE.fullmatch(value) else None


def _valid_tahiti(value):
    """Return the compact TAHITI number (tahiti.validate's result) or None."""
    value = _compact_identifier(value, _TAHITI_SEPARATORS, _TAHITI_LABEL_RE, upper=True)
    return value if _TAHITI_RE.fullmatch(value) else None


def unit_key_candidates(identifier):
    """Return the registry identifiers to look up for a customer's identifier.

    ``identifier`` is a compact identifier (``ridet.compact`` /
    ``tahiti.compact``): its length tells the registry. A RIDET of 10 digits
    gives itself then its 7-digit company number, a TAHITI number of 9
    characters itself then its 6-character enterprise number; a company
    number gives itself; anything else gives ``[]``.

    >>> unit_key_candidates("1231083002")
    ['1231083002', '1231083']
    >>> unit_key_candidates("F95709")
    ['F95709']
    """
    value = "".join((identifier or "").split()).upper()
    if _RIDET_RE.fullmatch(value):
        return [value, value[:7]] if len(value) == 10 else [value]
    if _TAHITI_RE.fullmatch(value):
        return [value, value[:6]] if len(value) == 9 else [value]
    return []


def comparison_key(value):
    """Return the form under which two names or addresses are compared.

    Letters and digits only, case-folded, without accents (``œ`` and ``æ``
    spelled out): punctuation and spaces never make a difference.

    >>> comparison_key("S.A.R.L.  Œuvres de l'Île")
    'sarloeuvresdelile'
    """
    text = (value or "").casefold().translate(_LIGATURES)
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text if char.isalnum())


def _text(value):
    """Return a customer value as text (Odoo gives False for empty fields)."""
    return value if isinstance(value, str) else ""


def compare_customer(customer, unit, *, registry_loaded=True, phone_check=None):
    """Return the corrections to propose for a customer, in a stable order.

    ``customer`` maps ``name``, ``ridet``, ``tahiti``, ``street``, ``zip``,
    ``city``, ``phone``, ``country_code`` and ``registry_state``
    (``"active"``, ``"ceased"`` or ``""``) to text; missing keys count as
    empty. The identifier checked is the RIDET if set, else the TAHITI
    number. ``unit`` is the registry unit the caller matched (None when none
    matched). ``registry_loaded=False`` means that registry has no data at
    all, so an absent unit proves nothing. ``phone_check(phone,
    country_code)`` (``phone.check_phone``) returns an object with ``e164``
    and ``kind``; without it, the phone is not checked.

    Proposals, in this order (see :data:`PROPOSAL_KINDS`):

    * ``identifier_invalid``: malformed RIDET / TAHITI (proposed ``""``);
    * ``not_found``: a valid identifier absent from a loaded registry, for a
      customer whose ``registry_state`` is neither ``"active"`` nor
      ``"ceased"``;
    * ``ceased``: the unit is radiated, or vanished from the registry while
      the customer was ``"active"`` (the RIDET extracts list active units
      only); field ``relance_registry_state``, proposed ``"ceased"``;
    * ``name``, ``street``, ``zip``, ``city``: the registry has a value that
      differs under :func:`comparison_key` (a name equal to the unit's trade
      name is accepted too); proposed as the registry writes it;
    * ``phone_format`` (valid but not written in E.164: proposed E.164),
      ``phone_invalid`` and ``phone_not_mobile`` (proposed ``""``).

    >>> compare_customer({"ridet": "12AB"}, None)
    [Proposal(field='ridet', current='12AB', proposed='', kind='identifier_invalid')]
    """
    proposals = _identifier_proposals(customer, unit, registry_loaded)
    if unit is not None:
        proposals += _unit_proposals(customer, unit)
    if phone_check is not None:
        proposals += _phone_proposals(customer, phone_check)
    return proposals


def _identifier_proposals(customer, unit, registry_loaded):
    """Return the identifier_invalid / not_found / ceased proposals."""
    field, current = None, ""
    for name, valid in (("ridet", _valid_ridet), ("tahiti", _valid_tahiti)):
        value = _text(customer.get(name))
        if value.strip():
            if valid(value) is None:
                return [Proposal(name, value, "", KIND_IDENTIFIER_INVALID)]
            field, current = name, value
            break
    state = _text(customer.get("registry_state"))
    ceased = Proposal(REGISTRY_STATE_FIELD, state, "ceased", KIND_CEASED)
    if unit is None:
        if field is None or not registry_loaded or state == "ceased":
            return []  # a ceased unit leaves the RIDET extracts: nothing new
        if state == "active":
            return [ceased]
        return [Proposal(field, current, "", KIND_NOT_FOUND)]
    if unit.is_ceased and state != "ceased":
        return [ceased]
    return []


def _unit_proposals(customer, unit):
    """Return the name / street / zip / city proposals from the unit."""
    proposals = []
    name = _text(customer.get("name"))
    accepted = {comparison_key(v) for v in (unit.name, unit.trade_name) if v}
    if unit.name and comparison_key(name) not in accepted:
        proposals.append(Proposal("name", name, unit.name, KIND_NAME))
    for field, registry_value in (
        ("street", unit.street),
        ("zip", unit.zip),
        ("city", unit.city),
    ):
        current = _text(customer.get(field))
        if registry_value and comparison_key(current) != comparison_key(registry_value):
            proposals.append(Proposal(field, current, registry_value, field))
    return proposals


def _phone_proposals(customer, phone_check):
    """Return the phone_format / phone_invalid / phone_not_mobile proposals."""
    phone = _text(customer.get("phone"))
    if not phone.strip():
        return []
    result = phone_check(phone, _text(customer.get("country_code")))
    if result.kind == "invalid":
        return [Proposal("phone", phone, "", KIND_PHONE_INVALID)]
    proposals = []
    if phone != result.e164:
        proposals.append(Proposal("phone", phone, result.e164, KIND_PHONE_FORMAT))
    if result.kind != "mobile":
        proposals.append(Proposal("phone", phone, "", KIND_PHONE_NOT_MOBILE))
    return proposals
