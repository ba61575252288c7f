# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc/tools/registry.py (RIDET / TAHITI open data).

Also checks the rules shared by every ``relance_nc/tools`` module: loadable
without Odoo, no sibling import, doctests passing.
"""

import ast
import csv
import dataclasses
import datetime
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import tool_fixture

TOOLS_DIR = Path(__file__).resolve().parent.parent / "relance_nc" / "tools"
TOOL_NAMES = sorted(p.stem for p in TOOLS_DIR.glob("*.py") if p.stem != "__init__")

TAHITI_HEADER = (
    "Numtah;Nom_ENT;Sigle_ENT;code_Fjur;NAF2008_ENT;Classe_Effectifs;"
    "Code_Postal_ENT;BP_ENT;Com_BP_ENT;NumETA;NumtahETA;Nom_ETAB;Com_ETAB;"
    "Com_ETAB_libelle;PK;Quartier;Num_adr;Rue;Immeuble;ADRGEO;NAF2008_ETAB;"
    "NAF2008_ETAB_1;NAF2008_ETAB_2;NAF2008_ETAB_3;NAF2008_ETAB_4;NAF2008_ETAB_5;"
    "Insc_ENT;Mod_ENT;Rad_ENT;Reins_ENT;Insc_ETAB;Mod_ETAB;Rad_ETAB;Reins_ETAB"
)
TAHITI_COLUMNS = TAHITI_HEADER.split(";")


registry = tool_fixture("relance_nc", "registry")


phone = tool_fixture("relance_nc", "phone")


def tahiti_line(**values):
    """Return an ISPF data line with the given column values (others empty)."""
    unknown = set(values) - set(TAHITI_COLUMNS)
    assert not unknown, unknown
    return ";".join(values.get(column, "") for column in TAHITI_COLUMNS)


def parse_all(registry, lines):
    file_format, rows = registry.parse(lines)
    return file_format, list(rows)


# ---------------------------------------------------------------------------
# Rules shared by all tools modules
# ---------------------------------------------------------------------------


def test_tools_load_without_odoo():
    """Load every tools module in a fresh interpreter where odoo is blocked."""
    code = textwrap.dedent(
        """
        import importlib.abc, importlib.util, pathlib, sys

        class BlockOdoo(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("odoo", "openerp") or "relance" in name:
                    raise ImportError("forbidden import: " + name)

        sys.meta_path.insert(0, BlockOdoo())
        for path in sys.argv[1:]:
            name = "_check_" + pathlib.Path(path).stem
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
        leaked = [n for n in sys.modules if n.split(".")[0] in ("odoo", "openerp")]
        assert not leaked, leaked
        print("loaded", len(sys.argv) - 1)
        """
    )
    paths = [str(TOOLS_DIR / f"{name}.py") for name in TOOL_NAMES]
    done = subprocess.run(
        [sys.executable, "-c", code, *paths],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"loaded {len(paths)}"


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((0, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.level, node.module or ""


@pytest.mark.parametrize("name", TOOL_NAMES)
def test_tool_imports_only_stdlib_stdnum_phonenumbers(name):
    allowed = set(sys.stdlib_module_names) | {"stdnum", "phonenumbers"}
    for level, module in _imports(TOOLS_DIR / f"{name}.py"):
        assert level == 0, f"relative import in {name}.py"
        assert module.split(".")[0] in allowed, f"{name}.py imports {module}"


def test_tools_package_init_imports_nothing():
    assert list(_imports(TOOLS_DIR / "__init__.py")) == []


def test_expected_tools_exist():
    assert {"phone", "registry", "ridet", "tahiti"} <= set(TOOL_NAMES)


# ---------------------------------------------------------------------------
# detect_format
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["rid7", "denomination", "sigle"], "ridet_company"),
        (["RID7", "Denomination"], "ridet_company"),
        ([" rid7 ", "x"], "ridet_company"),
        (["\ufeffrid7", "denomination"], "ridet_company"),
        (["rid7"], "ridet_company"),
        (["rid7", "ndegetablissement", "denomination"], "ridet_establishment"),
        (["denomination", "NdegEtablissement", "Rid7"], "ridet_establishment"),
        (TAHITI_COLUMNS, "tahiti"),
        (["numtah"], "tahiti"),
        (["NUMTAH", "nom_ent", "unknown"], "tahiti"),
    ],
)
def test_detect_format(registry, header, expected):
    assert registry.detect_format(header) == expected


@pytest.mark.parametrize(
    "header",
    [
        [],
        [""],
        ["siren", "nom", "ville"],
        ["ridet", "denomination"],
        ["ndegetablissement", "denomination"],  # establishment without rid7
        ["NumtahETA", "Nom_ETAB"],
        ["a", "b", "c", "d", "e", "f", "g", "h"],
    ],
)
def test_detect_format_refuses(registry, header):
    with pytest.raises(registry.RegistryFormatError) as caught:
        registry.detect_format(header)
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert "'rid7'" in message
    assert "'Numtah'" in message


# ---------------------------------------------------------------------------
# decode_lines
# ---------------------------------------------------------------------------

UTF8_TEXT = "rid7;denomination\r\n0426049;SOCIÉTÉ « L’ÎLE »\r\n\r\n1231083;Œuvre\r\n"
UTF8_LINES = ["rid7;denomination", "0426049;SOCIÉTÉ « L’ÎLE »", "", "1231083;Œuvre"]


def _chunked(data, size):
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_decode_lines_utf8_every_split(registry, bom):
    data = bom + UTF8_TEXT.encode("utf-8")
    for cut in range(len(data) + 1):
        assert list(registry.decode_lines([data[:cut], data[cut:]])) == UTF8_LINES
    assert list(registry.decode_lines(_chunked(data, 1))) == UTF8_LINES
    assert list(registry.decode_lines([data])) == UTF8_LINES


def test_decode_lines_cp1252_every_split(registry):
    text = "Numtah;Nom_ENT\r\n000026;PÂTISSERIE DE L’ÎLE – ŒUVRE\r\n"
    data = text.encode("cp1252")
    expected = ["Numtah;Nom_ENT", "000026;PÂTISSERIE DE L’ÎLE – ŒUVRE"]
    for cut in range(len(data) + 1):
        assert list(registry.decode_lines([data[:cut], data[cut:]])) == expected
    assert list(registry.decode_lines(_chunked(data, 1))) == expected


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        ([], []),
        ([b""], []),
        ([b"", b"a\n", b"", b"b"], ["a", "b"]),  # empty chunks; no final newline
        ([b"a\nb\n"], ["a", "b"]),  # final newline: no empty last line
        ([b"a\n\n\nb\n"], ["a", "", "", "b"]),  # blank lines are kept (parse skips)
        ([b"a\r", b"\nb\r\n"], ["a", "b"]),  # CRLF split across chunks
        ([b"a\r\n\r\n"], ["a", ""]),
        ([b"\xef\xbb\xbf"], []),  # BOM only
        ([b"\xef", b"\xbb", b"\xbfa\n"], ["a"]),  # BOM split across chunks
        ([b"a;\xc3", b"\x89t\xc3\xa9\n"], ["a;Été"]),  # UTF-8 char split
        # The first chunk holding a non-ASCII byte decides; ASCII before it.
        ([b"Numtah\n", b"1;\xc9T\xc9\n"], ["Numtah", "1;ÉTÉ"]),
        ([b"Numtah\n", b"1;\xc3\x89T\xc3\x89\n"], ["Numtah", "1;ÉTÉ"]),
        # Decided UTF-8, then a stray Windows-1252 byte: replaced, no crash.
        ([b"a;\xc3\x89\n", b"b;\xc9\n"], ["a;É", "b;\ufffd"]),
        # The stream ends before any complete non-ASCII character: Windows-1252.
        ([b"a;\xc3"], ["a;Ã"]),
        ([b"a;", b"\xc3"], ["a;Ã"]),
        # Windows-1252 with a byte it leaves undefined (0x81).
        ([b"a;\xe9\x81\n"], ["a;é\ufffd"]),
        # A BOM later in the stream is not a BOM: kept as U+FEFF.
        ([b"a\n", b"\xef\xbb\xbfb\n"], ["a", "\ufeffb"]),
    ],
)
def test_decode_lines_cases(registry, chunks, expected):
    assert list(registry.decode_lines(chunks)) == expected


def test_decode_lines_is_lazy(registry):
    def chunks():
        yield b"first\nsec"
        raise AssertionError("read too far")

    lines = registry.decode_lines(chunks())
    assert next(lines) == "first"


# ---------------------------------------------------------------------------
# parse: the three formats
# ---------------------------------------------------------------------------


def _unit(registry, **values):
    return registry.RegistryUnit(**values)


def test_fixture_files_keep_their_bytes(fixtures_dir):
    """The samples must keep their BOM, CRLF and Windows-1252 bytes."""
    company = (fixtures_dir / "ridet_company.csv").read_bytes()
    assert company.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in company
    tahiti = (fixtures_dir / "tahiti_cp1252.csv").read_bytes()
    assert b"\r\n" in tahiti
    with pytest.raises(UnicodeDecodeError):
        tahiti.decode("utf-8")


def test_parse_ridet_company(registry, fixtures_dir):
    data = (fixtures_dir / "ridet_company.csv").read_bytes()
    file_format, rows = parse_all(registry, registry.decode_lines(_chunked(data, 64)))
    assert file_format == "ridet_company"
    sarl = "Société à responsabilité limitée"
    assert rows == [
        (
            2,
            _unit(
                registry,
                source="ridet",
                identifier="0426049",
                company_number="0426049",
                name="SOCIÉTÉ DU CAILLOU",
                acronym="SDC",
                legal_form=sarl,
                activity_code="4711D",
                activity_label="Supermarchés",
                city="NOUMEA",
                province="Province Sud",
            ),
        ),
        (
            3,
            _unit(
                registry,
                source="ridet",
                identifier="0132720",  # leading zero restored
                company_number="0132720",
                name='BOULANGERIE "LE FOURNIL"; PAÏTA',  # quoted field
                legal_form=sarl,
                activity_code="1071C",
                activity_label="Boulangerie et boulangerie-pâtisserie",
                city="PAITA",
                province="Province Sud",
            ),
        ),
        (
            4,
            _unit(
                registry,
                source="ridet",
                identifier="1231083",
                company_number="1231083",
                name="ATELIER DU NORD",  # spaces normalised
                city="KONE",
                province="Province Nord",
            ),
        ),
    ]
    assert all(unit.establishment == "" and not unit.is_ceased for _, unit in rows)


def test_parse_ridet_establishment(registry, fixtures_dir):
    data = (fixtures_dir / "ridet_establishment.csv").read_bytes()
    file_format, rows = parse_all(registry, registry.decode_lines([data]))
    assert file_format == "ridet_establishment"
    assert [(line, unit.identifier) for line, unit in rows] == [
        (2, "1231083002"),
        (3, "0300137001"),
        (4, "0426049001"),
    ]
    assert rows[0][1] == _unit(
        registry,
        source="ridet",
        identifier="1231083002",
        company_number="1231083",
        establishment="002",  # "2" padded
        name="ATELIER DU NORD",
        acronym="ADN",
        trade_name="Garage de Koné",
        legal_form="Société par actions simplifiée",
        activity_code="4520A",
        activity_label="Entretien et réparation de véhicules automobiles légers",
        city="KONE",
        province="Province Nord",
    )
    last = rows[2][1]
    assert (last.company_number, last.establishment) == ("0426049", "001")
    assert last.trade_name == 'Supermarché "Le Caillou"'
    assert last.province == "Province des Îles Loyauté"


def test_parse_tahiti_cp1252(registry, fixtures_dir):
    data = (fixtures_dir / "tahiti_cp1252.csv").read_bytes()
    file_format, rows = parse_all(registry, registry.decode_lines(_chunked(data, 100)))
    assert file_format == "tahiti"
    assert [(line, unit.identifier) for line, unit in rows] == [
        (2, "000026"),
        (2, "000026001"),
        (3, "075390"),
        (3, "075390001"),
        (4, "075390002"),  # enterprise already emitted
        (5, "F95709"),
        (5, "F95709001"),
        (6, "123456"),
        (6, "123456001"),
        (7, "234567"),
        (7, "234567001"),
    ]
    units = {unit.identifier: unit for _, unit in rows}
    assert units["000026"] == _unit(
        registry,
        source="tahiti",
        identifier="000026",
        company_number="000026",
        name="HAUT-COMMISSARIAT DE LA REPUBLIQUE",
        acronym="HAUSSARIAT",
        legal_form="710",
        activity_code="8411Z",
        zip="98713",  # from "98713 PAPEETE BP"
        po_box="115",
    )
    assert units["000026001"] == _unit(
        registry,
        source="tahiti",
        identifier="000026001",
        company_number="000026",
        establishment="001",
        name="HAUT-COMMISSARIAT DE LA REPUBLIQUE",
        acronym="HAUSSARIAT",
        trade_name="HAUT-COMMISSARIAT",
        legal_form="710",
        activity_code="8411Z",
        street="Avenue Bruat",
        zip="98713",
        po_box="115",
        city="Papeete",
    )
    assert units["075390001"].trade_name == "SIEGE SOCIAL"
    assert units["075390001"].name == "BANQUE SOCREDO"
    assert units["075390002"].street == "Centre ville Raiatea"  # ADRGEO fallback
    assert units["075390002"].city == "Uturoa"
    # Windows-1252 accents and typographic apostrophe.
    assert units["F95709"].name == "PÂTISSERIE DE L’ÎLE"
    assert units["F95709001"].trade_name == "Pâtisserie Hélène"
    assert units["F95709001"].city == "Faa’a"
    assert units["F95709001"].street == ""  # ADRGEO written ""
    # Radiation of the establishment only.
    assert units["F95709"].ceased_date is None
    assert units["F95709001"].ceased_date == datetime.date(2021, 3, 15)
    assert units["F95709001"].is_ceased
    # Radiated then re-registered: active; NumETA "1" padded.
    assert units["123456"].ceased_date is None
    assert units["123456001"].establishment == "001"
    assert units["123456001"].street == (
        "15 Route de l’Est, Immeuble Fare, Quartier Erima, PK 12,5"
    )
    assert units["123456001"].zip == "98701"
    assert units["123456001"].po_box == ""
    # Radiated enterprise: its establishments are ceased too.
    assert units["234567"].ceased_date == datetime.date(2019, 12, 31)
    assert units["234567001"].ceased_date == datetime.date(2019, 12, 31)
    assert units["234567001"].street == "Haapiti"


def test_parse_ridet_errors(registry, fixtures_dir):
    data = (fixtures_dir / "ridet_company_errors.csv").read_bytes()
    file_format, rows = parse_all(registry, registry.decode_lines([data]))
    assert file_format == "ridet_company"
    summary = [
        (line, row.identifier if isinstance(row, registry.RegistryUnit) else row)
        for line, row in rows
    ]
    error = registry.RowError
    assert summary == [
        (2, "0426049"),
        (4, error(4, "missing column value 'rid7'")),
        (5, error(5, "wrong number of fields: 2 instead of 5")),
        (6, error(6, "invalid RIDET '12AB'")),
        (7, "1637735"),  # quoted name over lines 7-8
        (9, "1236165"),  # trailing empty fields tolerated
        (10, error(10, "invalid RIDET '12345678'")),
        (11, error(11, "wrong number of fields: 6 instead of 5")),
        (12, error(12, "unterminated quoted field")),
        (13, "1231083"),  # read again after the open quote
    ]
    assert rows[4][1].name == "NOM SUR DEUX LIGNES"


def test_parse_unknown_header(registry, fixtures_dir):
    data = (fixtures_dir / "unknown_header.csv").read_bytes()
    with pytest.raises(registry.RegistryFormatError, match="'siren'"):
        registry.parse(registry.decode_lines([data]))


@pytest.mark.parametrize("lines", [[], [""], ["", "  ", "\ufeff"], ["\r\n"]])
def test_parse_empty_file(registry, lines):
    with pytest.raises(registry.RegistryFormatError, match="empty"):
        registry.parse(lines)


def test_parse_raises_on_header_at_call_time(registry):
    def lines():
        yield "siren;nom"
        raise AssertionError("data rows must not be read before iteration")

    with pytest.raises(registry.RegistryFormatError):
        registry.parse(lines())


def test_parse_text_file_object(registry, fixtures_dir):
    """Lines with their endings (a text file) parse like decode_lines' output."""
    path = fixtures_dir / "ridet_company.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        from_file = parse_all(registry, handle)
    from_bytes = parse_all(registry, registry.decode_lines([path.read_bytes()]))
    assert from_file == from_bytes


def test_parse_line_numbers_count_blank_lines(registry):
    lines = ["", "  ", "rid7;denomination", "", "1231083;A", "   ", "", "0426049;B"]
    file_format, rows = parse_all(registry, lines)
    assert file_format == "ridet_company"
    assert [(line, unit.identifier) for line, unit in rows] == [
        (5, "1231083"),
        (8, "0426049"),
    ]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_parse_delimiters(registry, delimiter):
    lines = [
        delimiter.join(["rid7", "denomination", "libelle_commune"]),
        delimiter.join(["1231083", '"A, B; C"', "KONE"]),
    ]
    _, rows = parse_all(registry, lines)
    assert rows[0][1].name == "A, B; C"
    assert rows[0][1].city == "KONE"


def test_parse_header_tolerance(registry):
    """Case, column order and unknown columns do not matter."""
    lines = [
        "Extra;LIBELLE_COMMUNE;Denomination;NDEGETABLISSEMENT;RID7;Province",
        "x;DUMBEA;MON ENTREPRISE;7;1637735;Province Sud",
    ]
    file_format, rows = parse_all(registry, lines)
    assert file_format == "ridet_establishment"
    assert rows == [
        (
            2,
            registry.RegistryUnit(
                source="ridet",
                identifier="1637735007",
                company_number="1637735",
                establishment="007",
                name="MON ENTREPRISE",
                city="DUMBEA",
                province="Province Sud",
            ),
        )
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("12AB;1;X", "invalid RIDET '12AB'"),
        ("12345678;1;X", "invalid RIDET '12345678'"),
        ("1231083;;X", "missing column value 'ndegetablissement'"),
        ("1231083;AB;X", "invalid establishment number 'AB'"),
        ("1231083;1234;X", "invalid establishment number '1234'"),
        ("1231083;1", "wrong number of fields: 2 instead of 3"),
    ],
)
def test_parse_ridet_establishment_errors(registry, row, message):
    lines = ["rid7;ndegetablissement;denomination", row, "1231083;2;OK"]
    _, rows = parse_all(registry, lines)
    assert rows[0] == (2, registry.RowError(2, message))
    assert rows[1][0] == 3
    assert rows[1][1].identifier == "1231083002"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"Nom_ENT": "X"}, "missing column value 'Numtah'"),
        ({"Numtah": "FF1234"}, "invalid TAHITI 'FF1234'"),
        ({"Numtah": "1234567"}, "invalid TAHITI '1234567'"),
        ({"Numtah": "000026", "NumETA": "A1"}, "invalid establishment number 'A1'"),
        (
            {"Numtah": "000026", "NumtahETA": "000026-01A"},
            "invalid TAHITI '000026-01A'",
        ),
        (
            {"Numtah": "000026", "NumtahETA": "000026"},
            "invalid TAHITI '000026'",
        ),
        (
            {"Numtah": "000026", "NumtahETA": "075390-001"},
            "NumtahETA '075390-001' does not match Numtah '000026'",
        ),
        (
            {"Numtah": "000026", "Rad_ENT": "31/02/2020"},
            "invalid date '31/02/2020' in column 'Rad_ENT'",
        ),
        (
            {"Numtah": "000026", "NumETA": "001", "Rad_ETAB": "2020"},
            "invalid date '2020' in column 'Rad_ETAB'",
        ),
        (
            {"Numtah": "000026", "Reins_ENT": "demain"},
            "invalid date 'demain' in column 'Reins_ENT'",
        ),
        (
            {"Numtah": "000026", "Rad_ENT": "01/02/20"},
            "invalid date '01/02/20' in column 'Rad_ENT'",
        ),
        (
            {"Numtah": "000026", "Rad_ENT": "2023-02-29"},
            "invalid date '2023-02-29' in column 'Rad_ENT'",
        ),
        (
            {"Numtah": "000026", "Rad_ENT": "01/02/20201"},
            "invalid date '01/02/20201' in column 'Rad_ENT'",
        ),
        (
            {"Numtah": "000026", "Rad_ENT": "44197"},  # Excel serial date
            "invalid date '44197' in column 'Rad_ENT'",
        ),
    ],
)
def test_parse_tahiti_errors(registry, values, message):
    lines = [TAHITI_HEADER, tahiti_line(**values), tahiti_line(Numtah="075390")]
    _, rows = parse_all(registry, lines)
    assert rows[0] == (2, registry.RowError(2, message))
    assert [(line, unit.identifier) for line, unit in rows[1:]] == [(3, "075390")]


@pytest.mark.parametrize(
    ("values", "identifiers"),
    [
        ({"Numtah": "26"}, ["000026"]),  # zeros dropped by a spreadsheet
        ({"Numtah": "f95709"}, ["F95709"]),
        ({"Numtah": "000026", "NumETA": "2"}, ["000026", "000026002"]),
        ({"Numtah": "26", "NumtahETA": "000026 - 003"}, ["000026", "000026003"]),
        (
            {"Numtah": "000026", "NumtahETA": "000026-004", "NumETA": "9"},
            ["000026", "000026004"],
        ),
    ],
)
def test_parse_tahiti_identifiers(registry, values, identifiers):
    _, rows = parse_all(registry, [TAHITI_HEADER, tahiti_line(**values)])
    assert [unit.identifier for _, unit in rows] == identifiers


def test_parse_tahiti_enterprise_row(registry):
    """A row without establishment is an enterprise unit with the row's address."""
    row = tahiti_line(
        Numtah="000026",
        Nom_ENT="ENTREPRISE",
        Code_Postal_ENT="98714 PAPEETE",
        BP_ENT="12",
        Com_ETAB_libelle="Papeete",
        Rue="Rue du Port",
        Num_adr="3",
        NAF2008_ENT="4711D",
        Rad_ENT="2024-05-06",  # ISO dates are accepted too
    )
    _, rows = parse_all(registry, [TAHITI_HEADER, row, row])  # duplicate skipped
    assert rows == [
        (
            2,
            registry.RegistryUnit(
                source="tahiti",
                identifier="000026",
                company_number="000026",
                name="ENTREPRISE",
                activity_code="4711D",
                street="3 Rue du Port",
                zip="98714",
                po_box="12",
                city="Papeete",
                ceased_date=datetime.date(2024, 5, 6),
            ),
        )
    ]


@pytest.mark.parametrize(
    ("values", "ceased"),
    [
        ({}, None),
        ({"Rad_ETAB": "01/02/2020"}, datetime.date(2020, 2, 1)),
        ({"Rad_ETAB": "01/02/2020", "Reins_ETAB": "01/03/2020"}, None),
        ({"Rad_ETAB": "01/02/2020", "Reins_ETAB": "01/02/2020"}, None),
        (
            {"Rad_ETAB": "01/03/2020", "Reins_ETAB": "01/02/2020"},
            datetime.date(2020, 3, 1),
        ),
        ({"Rad_ENT": "05/05/2015"}, datetime.date(2015, 5, 5)),
        (
            {"Rad_ENT": "05/05/2015", "Rad_ETAB": "01/01/2010"},
            datetime.date(2010, 1, 1),
        ),
        ({"Rad_ENT": "05/05/2015", "Reins_ENT": "06/05/2015"}, None),
        ({"Rad_ETAB": "01/02/2020 00:00:00"}, datetime.date(2020, 2, 1)),
        ({"Rad_ETAB": "1/2/2020"}, datetime.date(2020, 2, 1)),
        ({"Rad_ETAB": "2020-02-01"}, datetime.date(2020, 2, 1)),
        ({"Rad_ETAB": "2020-02-01T10:00:00"}, datetime.date(2020, 2, 1)),
        ({"Rad_ETAB": "29/02/2024"}, datetime.date(2024, 2, 29)),
    ],
)
def test_parse_tahiti_ceased_date(registry, values, ceased):
    line = tahiti_line(Numtah="000026", NumETA="001", **values)
    _, rows = parse_all(registry, [TAHITI_HEADER, line])
    establishment = rows[-1][1]
    assert establishment.identifier == "000026001"
    assert establishment.ceased_date == ceased
    assert establishment.is_ceased is (ceased is not None)


@pytest.mark.parametrize(
    ("values", "street"),
    [
        ({}, ""),
        ({"Rue": "Avenue Bruat"}, "Avenue Bruat"),
        ({"Num_adr": "12", "Rue": "Rue Cook"}, "12 Rue Cook"),
        ({"Num_adr": "12"}, "12"),
        ({"Immeuble": "Fare Ute", "Quartier": "Fariipiti"}, "Fare Ute, Fariipiti"),
        ({"PK": "4,2"}, "PK 4,2"),
        ({"PK": "pk 4"}, "pk 4"),
        ({"Rue": "Route de Ceinture", "PK": "18"}, "Route de Ceinture, PK 18"),
        ({"ADRGEO": "Centre ville"}, "Centre ville"),
        ({"ADRGEO": "Centre ville", "Rue": "Rue A"}, "Rue A"),
    ],
)
def test_parse_tahiti_street(registry, values, street):
    line = tahiti_line(Numtah="000026", NumETA="001", **values)
    _, rows = parse_all(registry, [TAHITI_HEADER, line])
    assert rows[-1][1].street == street


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("98713 PAPEETE BP", "98713"),
        ("98714", "98714"),
        ("98714PAPEETE", "98714"),
        ("987130", "987130"),  # not a 5-digit code: kept as written
        ("PAPEETE", "PAPEETE"),
        ("", ""),
    ],
)
def test_parse_tahiti_zip(registry, value, expected):
    line = tahiti_line(Numtah="000026", Code_Postal_ENT=value)
    _, rows = parse_all(registry, [TAHITI_HEADER, line])
    assert rows[0][1].zip == expected


def test_parse_quoted_rows(registry):
    lines = [
        "rid7;denomination;sigle",
        '"1231083";"A ""B""";""',  # every field quoted
        'X1;"open',  # quote left open beyond the limit
        *[f"line {n}" for n in range(12)],
        '0426049;AB"C;D',  # stray quote inside an unquoted field
        '0132720;"A"B;C',  # text after a closing quote (lenient reading)
    ]
    _, rows = parse_all(registry, lines)
    results = [
        (line, row.name if isinstance(row, registry.RegistryUnit) else row.message)
        for line, row in rows
    ]
    assert results[0] == (2, 'A "B"')
    assert results[1] == (3, "unterminated quoted field")
    # The following lines are read again, one by one.
    assert results[2] == (4, "wrong number of fields: 1 instead of 3")
    assert results[-2] == (16, 'AB"C')
    assert results[-1] == (17, "AB")


def test_parse_huge_field(registry):
    limit = csv.field_size_limit()
    lines = [
        "rid7;denomination",
        '1231083;"' + "x" * (limit + 10) + '"',
        "0426049;OK",
    ]
    _, rows = parse_all(registry, lines)
    assert rows[0][0] == 2
    assert rows[0][1].message.startswith("unreadable row: field larger than")
    assert rows[1] == (
        3,
        registry.RegistryUnit(
            source="ridet",
            identifier="0426049",
            company_number="0426049",
            name="OK",
        ),
    )


def test_parse_big_file_streams(registry):
    """Many rows go through without keeping them all (iterator of iterators)."""

    def lines():
        yield TAHITI_HEADER
        for n in range(5000):
            yield tahiti_line(
                Numtah=f"{n // 2:06d}", NumETA=str(n % 2 + 1), ADRGEO='""'
            )

    file_format, rows = registry.parse(lines())
    assert file_format == "tahiti"
    count = sum(1 for _ in rows)
    assert count == 5000 + 2500


# ---------------------------------------------------------------------------
# Data classes
# ---------------------------------------------------------------------------


def test_dataclasses_are_frozen(registry):
    unit = registry.RegistryUnit(
        source="ridet", identifier="1231083", company_number="1231083"
    )
    for value in (
        unit,
        registry.RowError(2, "x"),
        registry.Proposal("name", "a", "b", "name"),
    ):
        with pytest.raises(dataclasses.FrozenInstanceError):
            value.line = 3
    assert [f.name for f in dataclasses.fields(registry.RegistryUnit)] == [
        "source",
        "identifier",
        "company_number",
        "establishment",
        "name",
        "acronym",
        "trade_name",
        "legal_form",
        "activity_code",
        "activity_label",
        "street",
        "zip",
        "po_box",
        "city",
        "province",
        "ceased_date",
    ]
    assert not unit.is_ceased


# ---------------------------------------------------------------------------
# Identifiers: unit_key_candidates and agreement with ridet.py / tahiti.py
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("identifier", "expected"),
    [
        ("1231083002", ["1231083002", "1231083"]),
        ("1231083", ["1231083"]),
        ("0426049", ["0426049"]),
        ("003970001", ["003970001", "003970"]),
        ("F95709001", ["F95709001", "F95709"]),
        ("f95709", ["F95709"]),
        ("000026", ["000026"]),
        (" 1231083 ", ["1231083"]),
        ("", []),
        (None, []),
        ("12345", []),
        ("12AB", []),
        ("12345678", []),
        ("1231083-002", []),  # not compact
    ],
)
def test_unit_key_candidates(registry, identifier, expected):
    assert registry.unit_key_candidates(identifier) == expected


IDENTIFIER_INPUTS = [
    "",
    "1231083",
    "1231084",
    "426049",
    "300137001",
    "1 231 083.002",
    "0 300 137 001",
    "RIDET n° 1 637 735.001",
    "ridet: 1231083",
    "1\u00a0231\u202f083\u2013002",
    "12AB",
    "12345",
    "12345678",
    "F95709",
    "f95709",
    "003970-001",
    "N° TAHITI F95709",
    "T.A.H.I.T.I. 000026",
    "FF5709",
    "F95709_001",
    "1_231_083_002",
    "١٢٣١٠٨٣",
]


@pytest.mark.parametrize("value", IDENTIFIER_INPUTS)
def test_identifier_rules_match_ridet_and_tahiti(registry, load_tool, value):
    ridet = load_tool("relance_nc", "ridet")
    tahiti = load_tool("relance_nc", "tahiti")
    expected_ridet = ridet.validate(value) if ridet.is_valid(value) else None
    expected_tahiti = tahiti.validate(value) if tahiti.is_valid(value) else None
    assert registry._valid_ridet(value) == expected_ridet
    assert registry._valid_tahiti(value) == expected_tahiti


# ---------------------------------------------------------------------------
# comparison_key
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "equal"),
    [
        ("Société Générale", "SOCIETE GENERALE", True),
        ("S.A.R.L. Dupont-Martin", "SARL DUPONT MARTIN", True),
        ("L'Île  des   Pins", "LILE DES PINS", True),
        ("Œuvres", "OEUVRES", True),
        ("Ætna", "AETNA", True),
        ("Straße", "STRASSE", True),
        ("Faa’a", "FAAA", True),
        ("Nouméa", "NOUMEA", True),
        ("98800", " 98 800 ", True),
        ("ＡＢＣ", "ABC", True),  # full-width letters
        ("", "", True),
        ("Dupont", "Durand", False),
        ("Koné", "Koumac", False),
        ("98800", "98801", False),
        ("A&B", "A ET B", False),
    ],
)
def test_comparison_key(registry, left, right, equal):
    assert (registry.comparison_key(left) == registry.comparison_key(right)) is equal


@pytest.mark.parametrize("value", [None, False, ""])
def test_comparison_key_empty(registry, value):
    assert registry.comparison_key(value) == ""


# ---------------------------------------------------------------------------
# compare_customer
# ---------------------------------------------------------------------------

RIDET_UNIT = {
    "source": "ridet",
    "identifier": "1231083002",
    "company_number": "1231083",
    "establishment": "002",
    "name": "ATELIER DU NORD",
    "trade_name": "GARAGE DE KONE",
    "city": "KONE",
}
TAHITI_UNIT = {
    "source": "tahiti",
    "identifier": "F95709001",
    "company_number": "F95709",
    "establishment": "001",
    "name": "PÂTISSERIE DE L’ÎLE",
    "trade_name": "Pâtisserie Hélène",
    "street": "15 Route de l’Est",
    "zip": "98701",
    "po_box": "4321",
    "city": "Arue",
}
CEASED = {"ceased_date": datetime.date(2021, 3, 15)}
CUSTOMER = {
    "name": "Atelier du Nord",
    "ridet": "1 231 083.002",
    "tahiti": "",
    "street": "Lot 12, zone artisanale",
    "zip": "98860",
    "city": "Koné",
    "phone": "+687751234",
    "country_code": "NC",
    "registry_state": "active",
}
PF_CUSTOMER = {
    "name": "Pâtisserie de l'Île",
    "ridet": "",
    "tahiti": "F95709-001",
    "street": "15, route de l'Est",
    "zip": "98701",
    "city": "ARUE",
    "phone": "+68987123456",
    "country_code": "PF",
    "registry_state": "active",
}


def prop(field, current, proposed, kind):
    """Return a proposal as a tuple (short form for the table below)."""
    return (field, current, proposed, kind)


@pytest.mark.parametrize(
    ("customer", "unit", "options", "expected"),
    [
        # -- nothing to propose --------------------------------------------
        pytest.param(CUSTOMER, RIDET_UNIT, {}, [], id="ridet-no-change"),
        pytest.param(PF_CUSTOMER, TAHITI_UNIT, {}, [], id="tahiti-no-change"),
        pytest.param(
            {**CUSTOMER, "name": "Garage de Koné"}, RIDET_UNIT, {}, [], id="trade-name"
        ),
        pytest.param(
            {**CUSTOMER, "ridet": "1231083"}, RIDET_UNIT, {}, [], id="rid7-best-unit"
        ),
        pytest.param(
            {**CUSTOMER, "registry_state": "ceased"},
            {**RIDET_UNIT, **CEASED},
            {},
            [],
            id="already-ceased",
        ),
        pytest.param(
            {**CUSTOMER, "registry_state": "ceased"},
            None,
            {},
            [],
            id="ceased-and-absent",
        ),
        pytest.param({}, None, {}, [], id="empty-customer"),
        pytest.param(
            {"name": False, "ridet": False, "tahiti": False, "phone": False},
            None,
            {},
            [],
            id="odoo-false-values",
        ),
        pytest.param(
            {**CUSTOMER, "ridet": ""}, None, {}, [], id="no-identifier-no-unit"
        ),
        pytest.param(
            {**CUSTOMER, "registry_state": ""},
            None,
            {"registry_loaded": False},
            [],
            id="registry-not-loaded",
        ),
        pytest.param(
            {**CUSTOMER, "name": "", "street": "", "zip": "", "city": "X"},
            {**RIDET_UNIT, "name": "", "trade_name": "", "city": ""},
            {},
            [],
            id="registry-without-values",
        ),
        # -- identifier ------------------------------------------------------
        pytest.param(
            {**CUSTOMER, "ridet": "12AB"},
            None,
            {},
            [prop("ridet", "12AB", "", "identifier_invalid")],
            id="ridet-invalid",
        ),
        pytest.param(
            {**CUSTOMER, "ridet": "12345678", "tahiti": "F95709"},
            None,
            {},
            [prop("ridet", "12345678", "", "identifier_invalid")],
            id="ridet-used-before-tahiti",
        ),
        pytest.param(
            {**PF_CUSTOMER, "tahiti": "FF5709"},
            None,
            {},
            [prop("tahiti", "FF5709", "", "identifier_invalid")],
            id="tahiti-invalid",
        ),
        pytest.param(
            {**PF_CUSTOMER, "ridet": "   ", "tahiti": "F95709"},
            None,
            {"registry_loaded": True},
            [prop("relance_registry_state", "active", "ceased", "ceased")],
            id="blank-ridet-ignored",
        ),
        pytest.param(
            {**CUSTOMER, "registry_state": ""},
            None,
            {},
            [prop("ridet", "1 231 083.002", "", "not_found")],
            id="not-found",
        ),
        pytest.param(
            {**PF_CUSTOMER, "registry_state": ""},
            None,
            {},
            [prop("tahiti", "F95709-001", "", "not_found")],
            id="not-found-tahiti",
        ),
        pytest.param(
            CUSTOMER,
            None,
            {},
            [prop("relance_registry_state", "active", "ceased", "ceased")],
            id="vanished-from-registry",
        ),
        pytest.param(
            {**CUSTOMER, "registry_state": ""},
            {**RIDET_UNIT, **CEASED},
            {},
            [prop("relance_registry_state", "", "ceased", "ceased")],
            id="ceased-unit",
        ),
        pytest.param(
            PF_CUSTOMER,
            {**TAHITI_UNIT, **CEASED},
            {},
            [prop("relance_registry_state", "active", "ceased", "ceased")],
            id="ceased-tahiti-unit",
        ),
        # -- name and address --------------------------------------------------
        pytest.param(
            {**CUSTOMER, "name": "Atelier Nord"},
            RIDET_UNIT,
            {},
            [prop("name", "Atelier Nord", "ATELIER DU NORD", "name")],
            id="name",
        ),
        pytest.param(
            {**CUSTOMER, "name": ""},
            RIDET_UNIT,
            {},
            [prop("name", "", "ATELIER DU NORD", "name")],
            id="name-empty",
        ),
        pytest.param(
            {**CUSTOMER, "city": "Nouméa"},
            RIDET_UNIT,
            {},
            [prop("city", "Nouméa", "KONE", "city")],
            id="city",
        ),
        pytest.param(
            {**PF_CUSTOMER, "street": "BP 4321", "zip": "98713", "city": ""},
            TAHITI_UNIT,
            {},
            [
                prop("street", "BP 4321", "15 Route de l’Est", "street"),
                prop("zip", "98713", "98701", "zip"),
                prop("city", "", "Arue", "city"),
            ],
            id="address",
        ),
        # -- phone (with phone.check_phone) ------------------------------------
        pytest.param(
            {**CUSTOMER, "phone": "75 12 34"},
            RIDET_UNIT,
            {"phone_check": True},
            [prop("phone", "75 12 34", "+687751234", "phone_format")],
            id="phone-format",
        ),
        pytest.param(
            {**CUSTOMER, "phone": "+687 75.12.34"},
            RIDET_UNIT,
            {"phone_check": True},
            [prop("phone", "+687 75.12.34", "+687751234", "phone_format")],
            id="phone-format-international",
        ),
        pytest.param(
            {**CUSTOMER, "phone": "+687751234 "},
            RIDET_UNIT,
            {"phone_check": True},
            [prop("phone", "+687751234 ", "+687751234", "phone_format")],
            id="phone-format-trailing-space",
        ),
        pytest.param(
            {**CUSTOMER, "phone": "0687751234"},
            RIDET_UNIT,
            {"phone_check": True},
            [prop("phone", "0687751234", "", "phone_invalid")],
            id="phone-invalid-trunk-prefix",
        ),
        pytest.param(
            {**PF_CUSTOMER, "phone": "87 12 34"},
            TAHITI_UNIT,
            {"phone_check": True},
            [prop("phone", "87 12 34", "", "phone_invalid")],
            id="phone-invalid-old-pf",
        ),
        pytest.param(
            {**CUSTOMER, "phone": "+687271234"},
            RIDET_UNIT,
            {"phone_check": True},
            [prop("phone", "+687271234", "", "phone_not_mobile")],
            id="phone-not-mobile",
        ),
        pytest.param(
            {**PF_CUSTOMER, "phone": "40 50 12 34"},
            TAHITI_UNIT,
            {"phone_check": True},
            [
                prop("phone", "40 50 12 34", "+68940501234", "phone_format"),
                prop("phone", "40 50 12 34", "", "phone_not_mobile"),
            ],
            id="phone-format-and-not-mobile",
        ),
        pytest.param(
            {**PF_CUSTOMER, "phone": "87 12 34 56"},
            TAHITI_UNIT,
            {"phone_check": True},
            [prop("phone", "87 12 34 56", "+68987123456", "phone_format")],
            id="phone-country-pf",
        ),
        pytest.param(
            {**CUSTOMER, "phone": "75 12 34", "country_code": ""},
            RIDET_UNIT,
            {"phone_check": True},
            [prop("phone", "75 12 34", "+687751234", "phone_format")],
            id="phone-no-country",
        ),
        pytest.param(
            {**CUSTOMER, "phone": "garbage"},
            RIDET_UNIT,
            {},
            [],
            id="phone-not-checked-without-callable",
        ),
        pytest.param(
            {**CUSTOMER, "phone": "  "},
            RIDET_UNIT,
            {"phone_check": True},
            [],
            id="phone-blank",
        ),
        # -- everything at once: stable order ---------------------------------
        pytest.param(
            {
                "name": "Ancien nom",
                "ridet": "1231083002",
                "street": "Rue A",
                "zip": "98800",
                "city": "Nouméa",
                "phone": "27 12 34",
                "country_code": "NC",
                "registry_state": "active",
            },
            {**RIDET_UNIT, "street": "Rue B", "zip": "98860", **CEASED},
            {"phone_check": True},
            [
                prop("relance_registry_state", "active", "ceased", "ceased"),
                prop("name", "Ancien nom", "ATELIER DU NORD", "name"),
                prop("street", "Rue A", "Rue B", "street"),
                prop("zip", "98800", "98860", "zip"),
                prop("city", "Nouméa", "KONE", "city"),
                prop("phone", "27 12 34", "+687271234", "phone_format"),
                prop("phone", "27 12 34", "", "phone_not_mobile"),
            ],
            id="all-kinds-ordered",
        ),
        pytest.param(
            {**CUSTOMER, "ridet": "1231O83", "phone": "401234"},
            None,
            {"phone_check": True},
            [
                prop("ridet", "1231O83", "", "identifier_invalid"),
                prop("phone", "401234", "", "phone_invalid"),
            ],
            id="invalid-id-and-phone",
        ),
    ],
)
def test_compare_customer(registry, phone, customer, unit, options, expected):
    if unit is not None:
        unit = registry.RegistryUnit(**unit)
    if options.get("phone_check"):
        options = {**options, "phone_check": phone.check_phone}
    proposals = registry.compare_customer(customer, unit, **options)
    assert all(isinstance(p, registry.Proposal) for p in proposals)
    assert [dataclasses.astuple(p) for p in proposals] == expected
    assert all(p.kind in registry.PROPOSAL_KINDS for p in proposals)


def test_compare_customer_covers_every_kind():
    """The table above exercises every proposal kind."""
    kinds = set()
    for mark in test_compare_customer.pytestmark:
        if mark.name == "parametrize":
            for param in mark.args[1]:
                kinds.update(row[3] for row in param.values[3])
    assert kinds == {
        "identifier_invalid",
        "not_found",
        "ceased",
        "name",
        "street",
        "zip",
        "city",
        "phone_format",
        "phone_invalid",
        "phone_not_mobile",
    }


def test_compare_customer_phone_check_protocol(registry):
    """Any callable returning an object with e164 and kind will do."""
    calls = []

    class Result:
        e164 = "+687751234"
        kind = "mobile"

    def fake_check(number, country_code):
        calls.append((number, country_code))
        return Result()

    customer = {"phone": "75-12-34", "country_code": "NC"}
    proposals = registry.compare_customer(customer, None, phone_check=fake_check)
    assert calls == [("75-12-34", "NC")]
    assert proposals == [
        registry.Proposal("phone", "75-12-34", "+687751234", "phone_format")
    ]


def test_compare_customer_is_keyword_only(registry):
    with pytest.raises(TypeError):
        registry.compare_customer({}, None, False)
