# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc_insolvency/tools/feed.py (files, provider feed, BODACC)."""

import json
from datetime import date

import pytest
from insolvency_tools import load

feed = load("feed")

HEADER = "nom;ridet;siren;type;date_jugement;tribunal;date_publication;jonc\n"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Sauvegarde", "safeguard"),
        ("redressement judiciaire", "reorganisation"),
        ("Liquidation judiciaire simplifiée", "liquidation"),
        ("Jugement arrêtant le plan de sauvegarde", "plan"),
        ("Conversion en liquidation judiciaire", "conversion"),
        ("Clôture pour insuffisance d'actif", "closure"),
        ("liquidation", "liquidation"),
        ("other", "other"),
        ("Vente", None),
        ("", None),
    ],
)
def test_kind_of(text, kind):
    assert feed.kind_of(text) == kind


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-15", date(2026, 1, 15)),
        ("15/01/2026", date(2026, 1, 15)),
        ("2026-01-15T00:00:00+00:00", date(2026, 1, 15)),
        ("15 janvier 2026", date(2026, 1, 15)),
        ("1er août 2026", date(2026, 8, 1)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert feed.parse_date(value) == expected


@pytest.mark.parametrize("value", ["2026-13-01", "demain", "32/01/2026"])
def test_parse_date_invalid(value):
    with pytest.raises(ValueError):
        feed.parse_date(value)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (";1231083;;liquidation;2026-01-15;;;", "missing debtor name"),
        ("X;1231083;;vente;2026-01-15;;;", "unknown kind of procedure 'vente'"),
        ("X;1231083;;liquidation;;;;", "missing judgment date"),
        ("X;1231083;;liquidation;hier;;;", "invalid date 'hier'"),
        ("X;12345;;liquidation;2026-01-15;;;", "invalid RIDET '12345'"),
        ("X;;732829321;liquidation;2026-01-15;;;", "invalid SIREN '732829321'"),
    ],
)
def test_csv_malformed_rows_are_reported(row, reason):
    entries, rejected = feed.parse_csv(
        HEADER + "Bon;1231083;;sauvegarde;2026-01-15;;;\n" + row
    )
    assert len(entries) == 1
    assert rejected == [feed.Rejected(3, reason)]


def test_csv_good_rows_comma_and_bom():
    text = (
        "\ufeffdebtor_name,ridet,kind,judgment_date,court,publication_date,"
        "publication_ref,administrator_name\n"
        "Nickel SAS,0 300 137 001,redressement judiciaire,2026-01-15,"
        '"Tribunal mixte de commerce de Nouméa",2026-01-22,JONC n° 10500,SELARL MJP\n'
        "\n"
    )
    entries, rejected = feed.parse_csv(text.encode("utf-8"))
    assert rejected == []
    (entry,) = entries
    assert entry["ridet"] == "0300137001"
    assert entry["court"] == "Tribunal mixte de commerce de Nouméa"
    assert entry["publication_ref"] == "JONC n° 10500"
    assert entry["administrator_name"] == "SELARL MJP"
    assert entry["external_id"].startswith("key:")


def test_same_announcement_gets_same_key():
    one, _ = feed.parse_csv(HEADER + "A;1231083002;;liquidation;2026-01-15;;;\n")
    two, _ = feed.parse_csv(HEADER + "A bis;1 231 083.001;;liquidation;15/01/2026;;;\n")
    assert one[0]["external_id"] == two[0]["external_id"]


def test_csv_without_name_column():
    with pytest.raises(feed.FeedError):
        feed.parse_csv("a;b\n1;2\n")


def test_cp1252_csv():
    text = HEADER + "Société Générale;1231083;;sauvegarde;2026-01-15;;;\n"
    entries, _rejected = feed.parse_csv(text.encode("cp1252"))
    assert entries[0]["debtor_name"] == "Société Générale"


@pytest.mark.parametrize(
    "payload",
    ["not json", "42", '{"announcements": 3}', "[" * 100000],
)
def test_json_unreadable(payload):
    with pytest.raises(feed.FeedError):
        feed.parse_json(payload)


def test_json_entries_and_rejects():
    payload = json.dumps(
        [
            {
                "debtor_name": "A",
                "ridet": "1231083",
                "kind": "liquidation",
                "judgment_date": "2026-01-15",
            },
            "a string",
            {
                "debtor_name": ["list"],
                "kind": "liquidation",
                "judgment_date": "2026-01-15",
            },
            {"debtor_name": "Nul\x00", "kind": "plan", "judgment_date": "2026-01-15"},
        ]
    )
    entries, rejected = feed.parse_json(payload)
    assert [e["debtor_name"] for e in entries] == ["A", "Nul"]
    assert rejected == [
        feed.Rejected(2, "entry is not an object"),
        feed.Rejected(3, "debtor_name must be text"),
    ]


@pytest.mark.parametrize(
    "payload",
    [
        '{"announcements": []}',
        '{"format": "other", "announcements": []}',
        json.dumps({"format": feed.FEED_FORMAT, "announcements": {}}),
    ],
)
def test_feed_wrong_format(payload):
    with pytest.raises(feed.FeedError):
        feed.parse_feed(payload)


BODACC_RECORD = {
    "id": "A202600120345",
    "publicationavis": "A",
    "dateparution": "2026-01-20",
    "numeroannonce": 345,
    "familleavis": "collective",
    "familleavis_lib": "Procédures collectives",
    "tribunal": "TRIBUNAL DE COMMERCE DE PARIS",
    "commercant": "NICKEL EXPORT SAS",
    "registre": ["732 829 320", "732829320"],
    "jugement": json.dumps(
        {
            "type": "initial",
            "famille": "Jugement d'ouverture",
            "nature": "Jugement d'ouverture d'une procédure de redressement judiciaire",
            "date": "2026-01-12",
            "complementJugement": "Mandataire judiciaire : SELARL EXEMPLE.",
        }
    ),
}


def test_bodacc_record():
    page = json.dumps({"total_count": 1, "results": [BODACC_RECORD]})
    entries, rejected, total = feed.parse_bodacc(page)
    assert rejected == [] and total == 1
    (entry,) = entries
    assert entry == {
        "external_id": "bodacc:A202600120345",
        "debtor_name": "NICKEL EXPORT SAS",
        "ridet": None,
        "siren": "732829320",
        "kind": "reorganisation",
        "judgment_date": date(2026, 1, 12),
        "court": "TRIBUNAL DE COMMERCE DE PARIS",
        "publication_date": date(2026, 1, 20),
        "publication_ref": "BODACC A n° 345",
        "administrator_name": None,
        "administrator_contact": None,
        "raw_text": "Jugement d'ouverture d'une procédure de redressement judiciaire "
        "Mandataire judiciaire : SELARL EXEMPLE.",
    }


def test_bodacc_malformed_and_other_family():
    other = dict(BODACC_RECORD, id="B1", familleavis_lib="Créations")
    broken = dict(BODACC_RECORD, id="B2", jugement="{not json", registre="123")
    page = json.dumps({"total_count": 3, "results": [other, broken, 7]})
    entries, rejected, _total = feed.parse_bodacc(page)
    assert entries == []
    assert [r.position for r in rejected] == [1, 2, 3]


def test_bodacc_not_a_page():
    with pytest.raises(feed.FeedError):
        feed.parse_bodacc('{"error": "quota"}')
