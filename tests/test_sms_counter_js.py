# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The composer's JS counter mirrors relance_nc/tools/sms.py (run without Odoo).

``relance_nc/static/src/sms_counter/sms_counting.js`` repeats the GSM tables,
the limits and the transliteration table of the Python module as JSON
literals: they are parsed and compared here. When ``node`` is installed, the
JS functions also run on sample texts and must give the same length, count,
encoding, characters outside GSM, parts and transliteration as Python.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
JS_FILE = REPO / "relance_nc" / "static" / "src" / "sms_counter" / "sms_counting.js"
NBSP = "\u00a0"
SAMPLES = [
    "",
    "Bonjour",
    "a" * 160,
    "a" * 161,
    "a" * 159 + "€",
    "€" * 81,
    "a" * 159 + "\r\n" + "b",
    "Ligne\r\rLigne\n\nLigne\n\r" * 12,
    "Bonjour " * 30,
    "mot " * 39 + "fin",
    "ç" + "a" * 70,
    "a" * 69 + "🙂",
    "🙂" * 71,
    "ç " + "€" * 100,
    f"Reçu : « 15{NBSP}000 XPF » – Noël, à bientôt… 🙂",
    "ÉTÉ, Ça, où, déjà, ĉ, ŀ, ﬁ, Ǆ, \u00ad\u200b\ufeff, \t, \u2009, ’ “ ” ‐",
    "Sauf erreur, la facture n° FA-0042 d’un montant de 15\u202f000 XPF "
    "reste impayée. Réglez-la via https://pay.example.nc/r/X [réf. {FA}].\n"
    "Société Calédonienne de Services — 27 12 34",
]


@pytest.fixture(scope="module")
def sms(load_tool):
    return load_tool("relance_nc", "sms")


@pytest.fixture(scope="module")
def js_source():
    return JS_FILE.read_text(encoding="utf-8")


def _js_constant(source, name):
    """The JSON literal assigned to ``export const <name>``."""
    match = re.search(
        rf"^export const {name} =\s*(.+?);$", source, re.MULTILINE | re.DOTALL
    )
    assert match, f"{name} not found in {JS_FILE.name}"
    return json.loads(match.group(1))


def test_gsm_tables_match(sms, js_source):
    assert _js_constant(js_source, "GSM_BASIC") == sms.GSM_BASIC
    assert _js_constant(js_source, "GSM_EXTENSION") == sms.GSM_EXTENSION


def test_limits_match(sms, js_source):
    limits = _js_constant(js_source, "LIMITS")
    assert limits == {enc: sms.sms_limits(enc)[0] for enc in ("gsm7", "ucs2")}
    assert _js_constant(js_source, "LINE_BREAK_UNITS") == sms._LINE_BREAK_UNITS


def test_transliterations_match(sms, js_source):
    assert _js_constant(js_source, "TRANSLITERATIONS") == sms._TRANSLITERATIONS


RUNNER = """
import { smsInfo, splitSms, transliterate } from "./sms_counting.mjs";
import { readFileSync } from "node:fs";
const texts = JSON.parse(readFileSync(0, "utf-8"));
const results = texts.map((text) => ({
    info: smsInfo(text),
    parts: splitSms(text),
    transliterated: transliterate(text),
}));
process.stdout.write(JSON.stringify(results));
"""


@pytest.mark.skipif(not shutil.which("node"), reason="node is not installed")
def test_js_functions_match(sms, tmp_path):
    shutil.copy(JS_FILE, tmp_path / "sms_counting.mjs")
    (tmp_path / "runner.mjs").write_text(RUNNER, encoding="utf-8")
    output = subprocess.run(
        ["node", str(tmp_path / "runner.mjs")],
        input=json.dumps(SAMPLES),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=60,
    ).stdout
    for text, result in zip(SAMPLES, json.loads(output), strict=True):
        info = sms.sms_info(text)
        info["nonGsm"] = info.pop("non_gsm")
        assert result["info"] == info, text
        assert result["parts"] == sms.split_sms(text), text
        assert result["transliterated"] == sms.transliterate(text), text
