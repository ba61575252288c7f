# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer files sent by a portal client to be watched (CSV or XLSX).

Columns (English or French names, any order): the name
(``name``/``nom``/``raison sociale``), the RIDET (``ridet``), the address
(``address``/``adresse``). A row is rejected, with its line and the reason,
when it has no name, no RIDET, a RIDET that is not 7 or 10 digits, or a
company number (RID) already listed higher in the file.

>>> entries, rejected = parse_rows([
...     ["Nom", "RIDET", "Adresse"],
...     ["Boulangerie du Caillou", "1 231 083.002", "Nouméa"],
...     ["Sans RIDET", "", ""],
...     ["Doublon", "1231083001", ""],
... ])
>>> entries
[{'name': 'Boulangerie du Caillou', 'ridet': '1231083002', 'address': 'Nouméa'}]
>>> [(r.position, r.reason) for r in rejected]
[(3, 'missing RIDET'), (4, 'RID 1231083 already listed on line 2')]
"""

import csv
import io
import re
import zipfile

from .feed import FeedError, Rejected, normalize_words
from .identifiers import rid_of

__all__ = ["MAX_ROWS", "parse_rows", "read_rows"]

MAX_ROWS = 100000
COLUMNS = {
    "name": ("name", "nom", "raison_sociale", "denomination", "client"),
    "ridet": ("ridet", "rid", "numero_ridet"),
    "address": ("address", "adresse"),
}


def read_rows(content, filename):
    """Rows (lists of strings) of a CSV or XLSX file given as bytes."""
    if (filename or "").lower().endswith(".xlsx"):
        return _read_xlsx(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_xlsx(content):
    import openpyxl  # noqa: PLC0415 (only for XLSX files)

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise FeedError(f"not an XLSX file: {err}") from err
    sheet = book.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(["" if cell is None else str(cell) for cell in row])
        if len(rows) > MAX_ROWS + 1:
            break
    book.close()
    return rows


def _columns(header):
    mapping = {}
    for index, column in enumerate(header):
        key = "_".join(normalize_words(column or "")).lower()
        for field, aliases in COLUMNS.items():
            if key in aliases and field not in mapping.values():
                mapping[index] = field
    if "name" not in mapping.values() or "ridet" not in mapping.values():
        raise FeedError("the header needs a name column and a RIDET column")
    return mapping


def parse_rows(rows):
    """Entries ``{name, ridet, address}`` and rejected rows of a file."""
    if not rows:
        raise FeedError("the file is empty")
    if len(rows) > MAX_ROWS + 1:
        raise FeedError(f"more than {MAX_ROWS} rows")
    mapping = _columns(rows[0])
    entries, rejected, seen = [], [], {}
    for line, row in enumerate(rows[1:], start=2):
        values = {
            mapping[i]: (v or "").strip() for i, v in enumerate(row) if i in mapping
        }
        if not any(values.values()):
            continue
        reason = _check(values, seen, line)
        if reason:
            rejected.append(Rejected(line, reason))
            continue
        ridet = re.sub(r"\D", "", values["ridet"])
        ridet = "0" + ridet if len(ridet) in (6, 9) else ridet
        entries.append(
            {
                "name": values["name"],
                "ridet": ridet,
                "address": values.get("address", ""),
            }
        )
    return entries, rejected


def _check(values, seen, line):
    if not values.get("name"):
        return "missing name"
    if not values.get("ridet"):
        return "missing RIDET"
    rid = rid_of(values["ridet"])
    if not rid:
        return f"invalid RIDET {values['ridet']!r}"
    if rid in seen:
        return f"RID {rid} already listed on line {seen[rid]}"
    seen[rid] = line
    return None
