# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Hygiene of the French translations (run without Odoo).

For each add-on, ``i18n/fr.po`` must exist, parse, translate every msgid of
``i18n/<addon>.pot`` (non-empty msgstr, no ``fuzzy`` flag) and keep the
placeholders of each msgid: ``%(name)s`` and ``%s`` formats, ``{{ ... }}``
expressions, QWeb ``t-*`` attributes and HTML tags.

The files are read with polib when it is installed, else with the small
parser below. ``setup/i18n_update.py`` merges a new template into ``fr.po``
and lists what is left to translate.
"""

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

try:
    import polib
except ImportError:  # pragma: no cover - polib comes with Odoo's requirements
    polib = None

REPO = Path(__file__).resolve().parent.parent
ADDONS = (
    "relance_nc",
    "relance_nc_payment",
    "relance_nc_insolvency",
    "relance_nc_edition",
)
LANG = "fr"


# ---------------------------------------------------------------------------
# Reading .po/.pot files
# ---------------------------------------------------------------------------


class Entry:
    """The parts of a catalogue entry these tests look at."""

    def __init__(self, msgid="", msgstr="", flags=(), msgctxt=None, plural=None):
        self.msgid = msgid
        self.msgstr = msgstr
        self.flags = list(flags)
        self.msgctxt = msgctxt
        self.msgstr_plural = dict(plural or {})

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    def translations(self):
        """Every msgstr of the entry (one, or one per plural form)."""
        if self.msgstr_plural:
            return [self.msgstr_plural[k] for k in sorted(self.msgstr_plural)]
        return [self.msgstr]


_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$")


def _unquote(token, path, lineno):
    """The text of a quoted PO string, C escapes decoded."""
    if not (len(token) >= 2 and token[0] == token[-1] == '"'):
        raise ValueError(f"{path}:{lineno}: not a quoted string: {token}")
    try:
        return ast.literal_eval(token)
    except (SyntaxError, ValueError) as err:
        raise ValueError(f"{path}:{lineno}: bad string {token}") from err


class _PoParser:
    """A minimal gettext parser: the active (non-obsolete) entries of a file."""

    def __init__(self, path):
        self.path = path
        self.entries = []
        self.fields, self.flags, self.current = {}, [], None

    def flush(self):
        """Close the entry being read, if any."""
        if self.fields:
            if "msgid" not in self.fields:
                raise ValueError(f"{self.path}: entry without msgid: {self.fields}")
            plural = {
                int(key[7:-1]): value
                for key, value in self.fields.items()
                if key.startswith("msgstr[")
            }
            self.entries.append(
                Entry(
                    self.fields["msgid"],
                    self.fields.get("msgstr", ""),
                    self.flags,
                    self.fields.get("msgctxt"),
                    plural,
                )
            )
        self.fields, self.flags, self.current = {}, [], None

    def feed(self, lineno, line):
        """Read one stripped, non-blank, non-obsolete line."""
        after_msgstr = any(key.startswith("msgstr") for key in self.fields)
        if line.startswith("#"):
            if after_msgstr:
                self.flush()
            if line.startswith("#,"):
                self.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
            return
        match = _KEYWORD.match(line)
        if match:
            keyword = match.group(1)
            if keyword in ("msgctxt", "msgid") and after_msgstr:
                self.flush()
            if keyword in self.fields:
                raise ValueError(f"{self.path}:{lineno}: duplicate {keyword}")
            self.current = keyword
            self.fields[keyword] = _unquote(match.group(3), self.path, lineno)
        elif line.startswith('"') and self.current:
            self.fields[self.current] += _unquote(line, self.path, lineno)
        else:
            raise ValueError(f"{self.path}:{lineno}: cannot parse: {line!r}")


def _parse_po_text(text, path):
    """Active (non-obsolete) entries of a PO file, the header included."""
    parser = _PoParser(path)
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            parser.flush()
        elif not line.startswith("#~"):
            parser.feed(lineno, line)
    parser.flush()
    return parser.entries


def _parse_metadata(header):
    metadata = {}
    for line in header.split("\n"):
        if ":" in line:
            name, value = line.split(":", 1)
            metadata[name.strip()] = value.strip()
    return metadata


def read_catalog(path):
    """Return (metadata, entries without the header) of a .po/.pot file."""
    if polib is not None:
        catalog = polib.pofile(str(path))
        entries = [
            Entry(e.msgid, e.msgstr, e.flags, e.msgctxt, e.msgstr_plural)
            for e in catalog
            if not e.obsolete
        ]
        return dict(catalog.metadata), entries
    return read_catalog_without_polib(path)


def read_catalog_without_polib(path):
    """:func:`read_catalog` with the minimal parser of this module."""
    entries = _parse_po_text(Path(path).read_text(encoding="utf-8"), path)
    header = [e for e in entries if e.msgid == "" and e.msgctxt is None]
    metadata = _parse_metadata(header[0].msgstr) if header else {}
    return metadata, [e for e in entries if e.msgid != "" or e.msgctxt is not None]


# ---------------------------------------------------------------------------
# Placeholders
# ---------------------------------------------------------------------------

# Python %-formats; "%%" is matched to be skipped. Positional formats take no
# space flag, so that French "100 % des" is not read as "% d".
_PERCENT = re.compile(
    r"%%|%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc]"
)
_JINJA = re.compile(r"\{\{.*?\}\}", re.S)
_QWEB_ATTR = re.compile(r"""\b(t-[\w.:-]+)\s*=\s*("[^"]*"|'[^']*')""")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:.-]*)")


def placeholders(text):
    """A comparable summary of what a translation must keep from its msgid."""
    return {
        "format": Counter(p for p in _PERCENT.findall(text) if p != "%%"),
        "jinja": Counter(" ".join(p[2:-2].split()) for p in _JINJA.findall(text)),
        "qweb": Counter((a, v[1:-1]) for a, v in _QWEB_ATTR.findall(text)),
        "tags": Counter(
            (closing, name.lower()) for closing, name in _TAG.findall(text)
        ),
    }


# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------


def _paths(addon):
    i18n = REPO / addon / "i18n"
    return i18n / f"{addon}.pot", i18n / f"{LANG}.po"


@pytest.fixture(name="catalogs", params=ADDONS, scope="module")
def _catalogs(request):
    """(addon, pot entries, po metadata, po entries by key) of each add-on."""
    addon = request.param
    pot_path, po_path = _paths(addon)
    assert pot_path.is_file(), f"{pot_path.relative_to(REPO)} is missing"
    assert po_path.is_file(), f"{po_path.relative_to(REPO)} is missing"
    _pot_meta, pot_entries = read_catalog(pot_path)
    po_meta, po_entries = read_catalog(po_path)
    return addon, pot_entries, po_meta, {e.key: e for e in po_entries}


def test_po_header(catalogs):
    addon, _pot, metadata, _po = catalogs
    assert metadata.get("Language") == LANG, addon
    assert "charset=UTF-8" in metadata.get("Content-Type", ""), addon
    assert metadata.get("Plural-Forms") == "nplurals=2; plural=(n > 1);", addon
    assert metadata.get("Project-Id-Version", "").startswith("Odoo Server"), addon


def test_every_msgid_translated(catalogs):
    addon, pot_entries, _meta, po = catalogs
    missing, empty, fuzzy = [], [], []
    for template in pot_entries:
        entry = po.get(template.key)
        if entry is None:
            missing.append(template.msgid)
        elif not all(entry.translations()):
            empty.append(template.msgid)
        elif "fuzzy" in entry.flags:
            fuzzy.append(template.msgid)
    assert not missing, f"{addon}: msgids missing from fr.po: {missing}"
    assert not empty, f"{addon}: untranslated msgids: {empty}"
    assert not fuzzy, f"{addon}: fuzzy translations: {fuzzy}"


def test_no_stale_entries(catalogs):
    """fr.po has no active entry that left the template (run i18n_update.py)."""
    addon, pot_entries, _meta, po = catalogs
    stale = sorted(set(po) - {e.key for e in pot_entries})
    assert not stale, f"{addon}: entries not in the .pot any more: {stale}"


def test_placeholders_kept(catalogs):
    addon, _pot, _meta, po = catalogs
    wrong = []
    for entry in po.values():
        expected = placeholders(entry.msgid)
        for msgstr in entry.translations():
            if msgstr and placeholders(msgstr) != expected:
                wrong.append((entry.msgid, msgstr))
    assert not wrong, f"{addon}: placeholders differ: {wrong}"


def test_addons_listed():
    """Every add-on of the checkout is covered by these tests."""
    found = {path.parent.name for path in REPO.glob("*/__manifest__.py")}
    assert found == set(ADDONS)


# ---------------------------------------------------------------------------
# The helpers themselves
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("msgid", "msgstr", "same"),
    [
        ("Line %(line)s: %(error)s", "Ligne %(line)s : %(error)s", True),
        ("Line %(line)s: %(error)s", "Ligne %(ligne)s : %(error)s", False),
        ("%s of %s", "%s sur %s", True),
        ("%s of %s", "%s sur", False),
        ("100%% paid", "payé à 100 % des", True),
        ("Dear {{ object.name }}", "Cher {{object.name}}", True),
        ("Dear {{ object.name }}", "Cher {{ object.display_name }}", False),
        ('<t t-out="object.name"/> owes', 'dû par <t t-out="object.name"/>', True),
        ('<t t-out="object.name"/>', '<t t-esc="object.name"/>', False),
        ("<p>Hello <b>you</b></p>", "<p>Bonjour <strong>vous</strong></p>", False),
        ("<p>Hello <b>you</b></p>", "<p><b>Bonjour</b> vous</p>", True),
    ],
)
def test_placeholders_helper(msgid, msgstr, same):
    assert (placeholders(msgid) == placeholders(msgstr)) is same


_SAMPLE_PO = r"""# header comment
msgid ""
msgstr ""
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"

#. module: x
#: code:addons/x/models/a.py:0
msgid "Line %(line)s:\n"
" %(error)s"
msgstr "Ligne %(line)s :\n"
" %(error)s"

#, fuzzy
msgid "Say \"hi\""
msgstr "Dites « salut »"

msgctxt "menu"
msgid "Open"
msgstr ""

#~ msgid "Old"
#~ msgstr "Ancien"
"""


def test_fallback_parser_sample():
    entries = _parse_po_text(_SAMPLE_PO, "sample.po")
    assert [e.msgid for e in entries] == [
        "",
        "Line %(line)s:\n %(error)s",
        'Say "hi"',
        "Open",
    ]
    assert _parse_metadata(entries[0].msgstr)["Language"] == "fr"
    assert entries[1].msgstr == "Ligne %(line)s :\n %(error)s"
    assert entries[2].flags == ["fuzzy"]
    assert entries[3].msgctxt == "menu" and entries[3].msgstr == ""


@pytest.mark.skipif(polib is None, reason="polib is not installed")
@pytest.mark.parametrize("addon", ADDONS)
def test_fallback_parser_agrees_with_polib(addon):
    for path in _paths(addon):
        meta, entries = read_catalog(path)
        meta2, entries2 = read_catalog_without_polib(path)
        assert meta2 == meta
        assert [(e.key, e.translations(), e.flags) for e in entries2] == [
            (e.key, e.translations(), e.flags) for e in entries
        ]
