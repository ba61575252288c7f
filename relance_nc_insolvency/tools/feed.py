# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Announcements of collective procedures read from files and feeds.

Three inputs give the same plain ``dict`` per announcement (keys of
:data:`FIELDS`, dates as ``datetime.date``):

* a CSV or JSON file typed in by the provider's staff from the JONC (which
  has no machine feed), columns named in English or French (:data:`ALIASES`);
* the JSON feed served by a relance.nc provider database, format
  :data:`FEED_FORMAT` (documented in the add-on's ``readme/USAGE.md``);
* a record of the BODACC open-data API (Opendatasoft Explore v2.1, dataset
  ``annonces-commerciales``, family "Procédures collectives"), for debtors
  registered in France.

A malformed entry never stops a file: parsers return ``(entries, rejected)``
where ``rejected`` lists :class:`Rejected` (position, reason); a file that is
not CSV/JSON at all raises :class:`FeedError`.

>>> entries, rejected = parse_csv(
...     "nom;ridet;type;date_jugement;tribunal;date_publication\\n"
...     "SARL Boulangerie du Caillou;1 231 083.002;Redressement judiciaire;"
...     "15/01/2026;Tribunal mixte de commerce de Nouméa;2026-01-22\\n"
...     "Sans date;0426049;liquidation judiciaire;;;\\n"
... )
>>> entries[0]["kind"], entries[0]["ridet"], entries[0]["judgment_date"]
('reorganisation', '1231083002', datetime.date(2026, 1, 15))
>>> rejected
[Rejected(position=3, reason='missing judgment date')]
"""

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from .identifiers import rid_of, siren_of
from .names import normalize

__all__ = [
    "ALIASES",
    "FEED_FORMAT",
    "FIELDS",
    "KINDS",
    "FeedError",
    "Rejected",
    "kind_of",
    "parse_bodacc",
    "parse_csv",
    "parse_date",
    "parse_feed",
    "parse_json",
]

FEED_FORMAT = "relance.nc/insolvency-feed/1"
FIELDS = (
    "external_id",
    "debtor_name",
    "ridet",
    "siren",
    "kind",
    "judgment_date",
    "court",
    "publication_date",
    "publication_ref",
    "administrator_name",
    "administrator_contact",
    "raw_text",
)
KINDS = (
    "safeguard",
    "reorganisation",
    "liquidation",
    "plan",
    "conversion",
    "closure",
    "other",
)
# Column names accepted in files, lower case without accents.
ALIASES = {
    "external_id": ("external_id", "id", "identifiant", "reference_annonce"),
    "debtor_name": ("debtor_name", "name", "nom", "denomination", "debiteur"),
    "ridet": ("ridet", "rid"),
    "siren": ("siren", "registre"),
    "kind": ("kind", "type", "nature", "procedure"),
    "judgment_date": ("judgment_date", "date_jugement", "jugement"),
    "court": ("court", "tribunal", "juridiction"),
    "publication_date": ("publication_date", "date_publication", "dateparution"),
    "publication_ref": ("publication_ref", "reference_jonc", "jonc", "publication"),
    "administrator_name": ("administrator_name", "administrator", "mandataire"),
    "administrator_contact": ("administrator_contact", "contact_mandataire"),
    "raw_text": ("raw_text", "text", "texte"),
}
# First pattern found wins: "clôture de la liquidation" is a closure,
# "conversion en liquidation" a conversion, "plan de redressement" a plan.
_KIND_PATTERNS = (
    ("closure", r"cl[oô]tur|closure"),
    ("conversion", r"conversion"),
    ("plan", r"\bplan\b"),
    ("liquidation", r"liquidation"),
    ("reorganisation", r"redressement|reorganis"),
    ("safeguard", r"sauvegarde|safeguard"),
)
_FRENCH_MONTHS = {
    m: i
    for i, m in enumerate(
        "janvier fevrier mars avril mai juin juillet aout septembre octobre "
        "novembre decembre".split(),
        start=1,
    )
}
MAX_TEXT = 20000


class FeedError(ValueError):
    """The whole input is unreadable (not CSV, not JSON, wrong shape)."""


@dataclass(frozen=True)
class Rejected:
    """An entry skipped, with its line (CSV, header = 1) or index (JSON, from 1)."""

    position: int
    reason: str


def kind_of(text):
    """Kind code of a procedure named in French or English, else None.

    >>> kind_of("Jugement prononçant la clôture de la liquidation judiciaire")
    'closure'
    >>> kind_of("Jugement arrêtant le plan de redressement")
    'plan'
    >>> kind_of("SAUVEGARDE"), kind_of("vente aux enchères")
    ('safeguard', None)
    """
    text = (text or "").strip().lower()
    if text in KINDS:
        return text
    for kind, pattern in _KIND_PATTERNS:
        if re.search(pattern, text):
            return kind
    return None


def parse_date(value):
    """A date from ISO, ``dd/mm/yyyy`` or "3 janvier 2026"; None if empty.

    >>> parse_date("2026-01-03"), parse_date("03/01/2026")
    (datetime.date(2026, 1, 3), datetime.date(2026, 1, 3))
    >>> parse_date("1er février 2026")
    datetime.date(2026, 2, 1)
    >>> parse_date("2026-02-30")
    Traceback (most recent call last):
        ...
    ValueError: invalid date '2026-02-30'
    """
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    words = normalize_words(text)
    if len(words) == 3 and words[1] in _FRENCH_MONTHS:
        day = words[0].removesuffix("ER")
        if day.isdigit() and words[2].isdigit():
            try:
                return date(int(words[2]), _FRENCH_MONTHS[words[1]], int(day))
            except ValueError as err:
                raise ValueError(f"invalid date {text!r}") from err
    raise ValueError(f"invalid date {text!r}")


def normalize_words(text):
    """Lower-case words without accents (helper of :func:`parse_date`)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.findall(r"\w+", ascii_text.lower())
    return [w.upper() if w.endswith("er") and w[:-2].isdigit() else w for w in words]


def _clean(raw):
    """Check one raw entry and return the announcement dict (or raise)."""
    entry = {key: raw.get(key) for key in FIELDS}
    for key in FIELDS:
        value = entry[key]
        if isinstance(value, (dict, list)) and key != "siren":
            raise ValueError(f"{key} must be text")
        if isinstance(value, str):
            entry[key] = value.replace("\x00", "").strip()[:MAX_TEXT] or None
    name = entry["debtor_name"]
    if not name:
        raise ValueError("missing debtor name")
    kind = kind_of(entry["kind"])
    if not kind:
        raise ValueError(f"unknown kind of procedure {entry['kind']!r}")
    entry["kind"] = kind
    for key in ("judgment_date", "publication_date"):
        entry[key] = parse_date(entry[key])
    if not entry["judgment_date"]:
        raise ValueError("missing judgment date")
    ridet = entry["ridet"]
    if ridet and not rid_of(ridet):
        raise ValueError(f"invalid RIDET {ridet!r}")
    entry["ridet"] = re.sub(r"\D", "", ridet or "") or None
    if entry["ridet"] and len(entry["ridet"]) in (6, 9):
        entry["ridet"] = "0" + entry["ridet"]
    siren = entry["siren"]
    entry["siren"] = siren_of(siren) if siren else None
    if siren and not entry["siren"]:
        raise ValueError(f"invalid SIREN {siren!r}")
    entry["external_id"] = str(entry["external_id"] or _entry_key(entry))[:200]
    return entry


def _entry_key(entry):
    """Stable identity of an entry without an id: same debtor, kind, judgment."""
    who = rid_of(entry["ridet"]) or entry["siren"] or normalize(entry["debtor_name"])
    text = f"{who}|{entry['kind']}|{entry['judgment_date'].isoformat()}"
    return "key:" + hashlib.sha1(text.encode()).hexdigest()[:20]


def _collect(raws, first_position):
    entries, rejected = [], []
    for position, raw in enumerate(raws, start=first_position):
        if not isinstance(raw, dict):
            rejected.append(Rejected(position, "entry is not an object"))
            continue
        try:
            entries.append(_clean(raw))
        except (ValueError, TypeError) as err:
            rejected.append(Rejected(position, str(err)))
    return entries, rejected


def _column_map(header):
    mapping = {}
    for index, column in enumerate(header):
        key = "_".join(normalize_words(column or "")).lower()
        for field, aliases in ALIASES.items():
            if key in aliases and field not in mapping.values():
                mapping[index] = field
                break
    return mapping


def parse_csv(text):
    """Announcements of a CSV text (``;`` or ``,`` separated, with a header)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = text.decode("cp1252")
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise FeedError("the file is empty")
    mapping = _column_map(rows[0])
    if "debtor_name" not in mapping.values():
        raise FeedError("no debtor name column (debtor_name or nom)")
    raws = [
        {mapping[i]: v for i, v in enumerate(row) if i in mapping} for row in rows[1:]
    ]
    entries, rejected = _collect(raws, 2)
    blank = {i for i, row in enumerate(rows[1:], start=2) if not any(row)}
    return entries, [r for r in rejected if r.position not in blank]


def _load_json(text):
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as err:
        raise FeedError(f"not JSON: {err}") from err


def parse_json(text):
    """Announcements of a JSON file: a list, or an object with ``announcements``."""
    data = _load_json(text)
    if isinstance(data, dict):
        data = data.get("announcements")
    if not isinstance(data, list):
        raise FeedError("a list of announcements is expected")
    return _collect(data, 1)


def parse_feed(text):
    """A page of the relance.nc provider feed: entries, rejected, cursor, more.

    >>> page = json.dumps({"format": FEED_FORMAT, "next_cursor": "42",
    ...     "has_more": False, "announcements": [{"id": "p-42",
    ...     "debtor_name": "Caillou", "ridet": "1231083", "kind": "liquidation",
    ...     "judgment_date": "2026-01-15"}]})
    >>> entries, rejected, cursor, more = parse_feed(page)
    >>> entries[0]["external_id"], cursor, more
    ('p-42', '42', False)
    """
    data = _load_json(text)
    if not isinstance(data, dict) or data.get("format") != FEED_FORMAT:
        raise FeedError(f"not a {FEED_FORMAT} page")
    raws = data.get("announcements")
    if not isinstance(raws, list):
        raise FeedError("a list of announcements is expected")
    for raw in raws:
        if isinstance(raw, dict) and "id" in raw and "external_id" not in raw:
            raw["external_id"] = raw["id"]
    entries, rejected = _collect(raws, 1)
    cursor = data.get("next_cursor")
    return (
        entries,
        rejected,
        str(cursor) if cursor is not None else None,
        bool(data.get("has_more")),
    )


def _json_field(value):
    """BODACC nests JSON documents as strings in some fields."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def _bodacc_raw(record):
    jugement = _json_field(record.get("jugement"))
    registre = record.get("registre")
    if isinstance(registre, str):
        registre = registre.split(",")
    number = record.get("numeroannonce")
    issue = record.get("publicationavis") or "BODACC"
    return {
        "external_id": f"bodacc:{record.get('id')}" if record.get("id") else None,
        "debtor_name": record.get("commercant"),
        "siren": registre,
        "kind": jugement.get("nature") or jugement.get("famille"),
        "judgment_date": jugement.get("date") or record.get("dateparution"),
        "court": record.get("tribunal"),
        "publication_date": record.get("dateparution"),
        "publication_ref": f"BODACC {issue} n° {number}" if number else None,
        "raw_text": " ".join(
            str(part)
            for part in (jugement.get("nature"), jugement.get("complementJugement"))
            if part
        )
        or None,
    }


def parse_bodacc(text):
    """A page of BODACC records: entries, rejected, total count.

    Only records of the family "Procédures collectives" are kept; the others
    are rejected with that reason (the query asks for that family anyway).
    """
    data = _load_json(text)
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise FeedError("not an Opendatasoft records page (no 'results')")
    raws = []
    for record in data["results"]:
        if not isinstance(record, dict):
            raws.append(record)
            continue
        family = record.get("familleavis_lib") or record.get("familleavis")
        if family and family not in ("Procédures collectives", "collective"):
            raws.append({"kind": None, "debtor_name": record.get("commercant")})
            continue
        raws.append(_bodacc_raw(record))
    entries, rejected = _collect(raws, 1)
    total = data.get("total_count")
    return entries, rejected, total if isinstance(total, int) else None
