# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc_insolvency/tools/watchlist.py (portal customer files)."""

import io

import pytest
from insolvency_tools import load

watchlist = load("watchlist")
feed = load("feed")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["", "1231083002", ""], "missing name"),
        (["X", "", ""], "missing RIDET"),
        (["X", "12AB", ""], "invalid RIDET '12AB'"),
        (["X", "12345678901", ""], "invalid RIDET '12345678901'"),
        (["X", "1231083005", ""], "RID 1231083 already listed on line 2"),
    ],
)
def test_rejected_rows(row, reason):
    rows = [["nom", "ridet", "adresse"], ["A", "1231083002", "Nouméa"], row]
    entries, rejected = watchlist.parse_rows(rows)
    assert len(entries) == 1
    assert [(r.position, r.reason) for r in rejected] == [(3, reason)]


@pytest.mark.parametrize(
    "rows",
    [[], [["nom", "adresse"], ["A", "B"]], [["ridet"], ["1231083"]]],
)
def test_unusable_files(rows):
    with pytest.raises(feed.FeedError):
        watchlist.parse_rows(rows)


def test_blank_rows_are_ignored_and_zero_restored():
    entries, rejected = watchlist.parse_rows(
        [["Raison sociale", "RIDET"], ["", ""], ["A", "426049"]]
    )
    assert entries == [{"name": "A", "ridet": "0426049", "address": ""}]
    assert rejected == []


def test_read_csv_and_xlsx():
    assert watchlist.read_rows(
        "nom;ridet\nÉpicerie;1231083\n".encode("cp1252"), "a.csv"
    ) == [
        ["nom", "ridet"],
        ["Épicerie", "1231083"],
    ]
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["nom", "ridet"])
    book.active.append(["A", 1231083002])
    buffer = io.BytesIO()
    book.save(buffer)
    assert watchlist.read_rows(buffer.getvalue(), "a.xlsx") == [
        ["nom", "ridet"],
        ["A", "1231083002"],
    ]
    with pytest.raises(feed.FeedError):
        watchlist.read_rows(b"not a zip", "a.xlsx")
