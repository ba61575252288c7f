# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc/tools/sms.py (SMS counting, splitting, transliteration)."""

import pytest
from conftest import tool_fixture

NBSP = "\u00a0"
NNBSP = "\u202f"
EXTENSION = "|€}{[~]\\^\f"
# Characters that force UCS-2 in French text (nc-domain.md section 9).
FRENCH_NON_GSM = "âçêëîïôûÿœÀÂÈÊËÎÏÔÙÛŸŒ°’«»–—…" + NBSP + NNBSP
# Accented characters that GSM encodes and transliterate() must keep.
GSM_ACCENTS = "àéèùìòÉÇäöüÄÖÜæÆñÑßØøÅå"

REMINDER = (
    "Bonjour Madame Wamytan,\n"
    "Sauf erreur de notre part, la facture n° FA-2026-0042 du 12/03/2026, "
    f"d’un montant de 15{NBSP}000{NBSP}XPF, reste impayée à ce jour. Nous vous "
    "remercions de bien vouloir procéder à son règlement sous huit jours, par "
    "virement ou par carte bancaire via le lien suivant : "
    "https://pay.example.nc/r/AbC123. Si vous avez déjà réglé, merci de ne "
    "pas tenir compte de ce message.\r\n"
    "Cordialement, Société Calédonienne de Services — 27 12 34"
)
REMINDER_GSM = (
    "Bonjour, sauf erreur de notre part la facture FA-0042 de 15 000 XPF "
    "(échue le 12/03/2026) reste impayée. Réglez-la via https://pay.example.nc/r/X "
    "ou au 27.12.34 [réf. {FA-0042}]. Merci ! Société Calédonienne de Services\n"
    "Si vous avez déjà réglé, ne tenez pas compte de ce message."
)
SPLIT_TEXTS = [
    "a",
    "Bonjour",
    "a" * 160,
    "a" * 161,
    "a" * 159 + "€",
    "a" * 158 + "€",
    "€" * 81,
    "{" * 153,
    "a" * 159 + "\r\n" + "b",
    "a" * 159 + "\n" + "b",
    "a" * 158 + "\r\n",
    "a" * 160 + " " + "b" * 200,
    "Bonjour " * 30,
    "Bonjour\n" * 30,
    "Bonjour\r\n" * 30,
    "Ligne\r\rLigne\n\nLigne\n\r" * 12,
    "  " * 100,
    " \n " * 70,
    "mot " * 39 + "fin",
    "ç" + "a" * 69,
    "ç" + "a" * 70,
    "a" * 68 + "🙂",
    "a" * 69 + "🙂",
    "🙂" * 71,
    "a" * 69 + "\ud83d\ude42" + "b",  # surrogate pair as two code points
    "ç " + "€" * 100,
    "Reçu " * 40,
    REMINDER,
    REMINDER_GSM,
    REMINDER * 3,
    REMINDER_GSM.replace(" ", "\n"),
    "x" * 500,
]


sms = tool_fixture("relance_nc", "sms")


def _boundaries(sms, text):
    """Return the code-point indexes between two parts of ``split_sms(text)``."""
    cuts, position = [], 0
    for part in sms.split_sms(text)[:-1]:
        position += len(part)
        cuts.append(position)
    return cuts


# --- alphabet -------------------------------------------------------------


def test_gsm_tables(sms):
    assert len(sms.GSM_BASIC) == 128
    assert len(set(sms.GSM_BASIC)) == 128
    assert sorted(sms.GSM_EXTENSION) == sorted("^{}\\[~]|€\f")
    assert not set(sms.GSM_BASIC) & set(sms.GSM_EXTENSION)


@pytest.mark.parametrize(
    ("code", "char"),
    [
        (0x00, "@"),
        (0x04, "è"),
        (0x05, "é"),
        (0x06, "ù"),
        (0x09, "Ç"),
        (0x0A, "\n"),
        (0x0D, "\r"),
        (0x10, "Δ"),
        (0x1B, "\x1b"),
        (0x1F, "É"),
        (0x20, " "),
        (0x24, "¤"),
        (0x40, "¡"),
        (0x5F, "§"),
        (0x60, "¿"),
        (0x7F, "à"),
    ],
)
def test_gsm_basic_positions(sms, code, char):
    assert sms.GSM_BASIC[code] == char


@pytest.mark.parametrize("char", list("@£$¥èéùìòÇ\nØø\rÅåΔ_ÆæßÉ!¤§¿àÑ"))
def test_gsm_characters_keep_gsm7(sms, char):
    assert sms.sms_encoding(f"Bonjour {char}") == "gsm7"


def test_every_table_character_is_gsm7_except_escape(sms):
    for char in sms.GSM_BASIC + sms.GSM_EXTENSION:
        expected = "ucs2" if char == "\x1b" else "gsm7"
        assert sms.sms_encoding(char) == expected, repr(char)


@pytest.mark.parametrize("char", list(FRENCH_NON_GSM) + ["`", "\t", "\x1b", "🙂"])
def test_non_gsm_characters_force_ucs2(sms, char):
    text = f"Votre facture {char} est échue"
    assert sms.sms_encoding(text) == "ucs2"
    assert sms.sms_info(text)["non_gsm"] == [char]


def test_empty_text(sms):
    assert sms.sms_encoding("") == "gsm7"
    assert sms.sms_length("") == 0
    assert sms.split_sms("") == []
    assert sms.sms_count("") == 0


# --- counting -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("a" * 160, 1),  # exactly 160 units: one SMS
        ("a" * 161, 2),
        ("a" * 320, 2),
        ("a" * 321, 3),
        ("a" * 159 + "€", 2),  # 161 units
        ("a" * 158 + "€", 1),  # 160 units
        ("€" * 80, 1),
        ("€" * 81, 2),
        ("a" * 158 + "\n", 1),  # a line break counts 2
        ("a" * 159 + "\n", 2),
        ("a" * 158 + "\r\n", 1),  # "\r\n" is one line break
        ("a" * 158 + "\r", 1),
    ],
)
def test_gsm7_count(sms, text, count):
    assert sms.sms_encoding(text) == "gsm7"
    assert sms.sms_count(text) == count


@pytest.mark.parametrize("char", list(EXTENSION))
def test_extension_characters_count_two(sms, char):
    assert sms.sms_length(char) == 2
    assert sms.sms_length("a" * 159 + char) == 161
    assert sms.sms_count("a" * 159 + char) == 2


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("\n", 2),
        ("\r", 2),
        ("\r\n", 2),
        ("\n\r", 4),  # LF then CR: two line breaks
        ("\r\n\r\n", 4),
        ("a\nb", 4),
        ("Bonjour,\nmerci.", 16),
        ("ç\n", 3),  # still 2 in UCS-2
        ("ç\r\n", 3),
    ],
)
def test_line_breaks_count_two(sms, text, length):
    assert sms.sms_length(text) == length


@pytest.mark.parametrize("char", ["ç", "ê", "’", NBSP])
def test_ucs2_holds_70(sms, char):
    assert sms.sms_info(char + "a" * 69) == {
        "encoding": "ucs2",
        "length": 70,
        "count": 1,
        "limit": 70,
        "non_gsm": [char],
    }
    assert sms.sms_count(char + "a" * 70) == 2
    assert sms.sms_count(char + "a" * 139) == 2
    assert sms.sms_count(char + "a" * 140) == 3


def test_extension_characters_count_one_in_ucs2(sms):
    assert sms.sms_length("ç€{") == 3


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("🙂", 2),
        ("Merci 🙂", 8),
        ("👍🏽", 4),  # emoji and skin tone: two surrogate pairs
        ("\ud83d\ude42", 2),  # a pair kept as two code points
        ("a" * 68 + "🙂", 70),
    ],
)
def test_emoji_count_utf16_units(sms, text, length):
    assert sms.sms_encoding(text) == "ucs2"
    assert sms.sms_length(text) == length


def test_emoji_at_the_limit(sms):
    assert sms.sms_count("a" * 68 + "🙂") == 1
    assert sms.split_sms("a" * 69 + "🙂") == ["a" * 69, "🙂"]


def test_limits(sms):
    assert sms.sms_limits("gsm7") == (160, 153)
    assert sms.sms_limits("ucs2") == (70, 67)


@pytest.mark.parametrize("encoding", ["", "GSM7", "utf-8", None])
def test_limits_unknown_encoding(sms, encoding):
    with pytest.raises(ValueError):
        sms.sms_limits(encoding)
    with pytest.raises(sms.SmsError):
        sms.sms_limits(encoding)


# --- splitting ------------------------------------------------------------


@pytest.mark.parametrize("text", SPLIT_TEXTS)
@pytest.mark.parametrize("limit", [None, 2, 3, 7, 20, 67, 70, 153, 160])
def test_split_invariants(sms, text, limit):
    parts = sms.split_sms(text, limit)
    encoding = sms.sms_encoding(text)
    size = sms.sms_limits(encoding)[0] if limit is None else limit
    assert "".join(parts) == text
    assert all(parts)
    if limit is None:
        assert len(parts) == sms.sms_count(text)
    for part in parts:
        if sms.sms_encoding(part) == encoding:
            assert sms.sms_length(part) <= size
        # Each part is a separate SMS: it fits one SMS in its own encoding.
        if limit is None:
            own = sms.sms_encoding(part)
            assert sms.sms_length(part) <= sms.sms_limits(own)[0]
    for cut in _boundaries(sms, text):
        assert not (text[cut - 1] == "\r" and text[cut] == "\n")  # CRLF kept
        assert not ("\ud800" <= text[cut - 1] <= "\udbff")  # surrogates kept


@pytest.mark.parametrize("text", SPLIT_TEXTS)
def test_split_prefers_word_boundaries(sms, text):
    """A part ends after a separator unless it holds a single unbroken word."""
    parts = sms.split_sms(text)
    for part in parts[:-1]:
        words = part.strip(" \r\n")
        if part[-1] not in " \r\n":
            assert " " not in words
            assert "\n" not in words
            assert "\r" not in words


def test_split_at_spaces(sms):
    parts = sms.split_sms("Bonjour " * 30)
    assert parts == ["Bonjour " * 20, "Bonjour " * 10]
    assert sms.sms_length(parts[0]) == 160


def test_split_keeps_separator_at_end_of_part(sms):
    text = "mot " * 39 + "fin"  # 159 units
    assert sms.split_sms(text) == [text]
    text = "mot " * 40 + "fin"  # 163 units
    assert sms.split_sms(text) == ["mot " * 40, "fin"]
    # "mots" ends at unit 160 but its space would be the 161st: the whole word
    # goes to the next part rather than starting that part with a space.
    text = "mot " * 39 + "mots suivants"
    assert sms.split_sms(text) == ["mot " * 39, "mots suivants"]


def test_split_at_line_breaks(sms):
    text = ("Ligne de texte\r\n" * 12).strip()
    parts = sms.split_sms(text)
    assert parts[0] == "Ligne de texte\r\n" * 10
    assert "".join(parts) == text


def test_split_hard_cut_inside_long_word(sms):
    assert sms.split_sms("x" * 500) == ["x" * 160, "x" * 160, "x" * 160, "x" * 20]


def test_split_no_whitespace_only_part_after_hard_cut(sms):
    parts = sms.split_sms("a" * 160 + " " + "b" * 200)
    assert parts == ["a" * 160, " " + "b" * 159, "b" * 41]


def test_split_never_cuts_escape_pair(sms):
    assert sms.split_sms("a" * 159 + "€") == ["a" * 159, "€"]
    assert sms.split_sms("€" * 81) == ["€" * 80, "€"]
    # nc-domain.md: 153 "{" never fit 2 parts of 153 units.
    assert [len(part) for part in sms.split_sms("{" * 153, 153)] == [76, 76, 1]


def test_split_never_cuts_crlf(sms):
    assert sms.split_sms("a" * 159 + "\r\nb") == ["a" * 159, "\r\nb"]
    assert sms.split_sms("a" * 158 + "\r\nb") == ["a" * 158 + "\r\n", "b"]


def test_split_never_cuts_surrogate_pair(sms):
    text = "a" * 69 + "\ud83d\ude42" + "b"
    assert sms.split_sms(text) == ["a" * 69, "\ud83d\ude42b"]


def test_split_ucs2_uses_whole_text_encoding(sms):
    text = "Reçu, merci. " + "a" * 100
    parts = sms.split_sms(text)
    assert parts == ["Reçu, merci. ", "a" * 70, "a" * 30]


@pytest.mark.parametrize("limit", [20, 40, 67, 70, 100, 160])
def test_split_keeps_amount_with_no_break_spaces(sms, limit):
    parts = sms.split_sms(REMINDER, limit)
    assert sms.sms_encoding(REMINDER) == "ucs2"
    assert any(f"15{NBSP}000{NBSP}XPF" in part for part in parts)


def test_split_long_french_reminder(sms):
    parts = sms.split_sms(REMINDER)
    assert "".join(parts) == REMINDER
    assert len(parts) == sms.sms_count(REMINDER) > 5
    assert all(sms.sms_length(part) <= 70 for part in parts)
    assert all(part[-1] in " \n" for part in parts[:-1])
    gsm_parts = sms.split_sms(sms.transliterate(REMINDER))
    assert len(gsm_parts) < len(parts)
    assert all(sms.sms_length(part) <= 160 for part in gsm_parts)


@pytest.mark.parametrize("limit", [-1, 0, 1])
def test_split_limit_too_small(sms, limit):
    with pytest.raises(sms.SmsError):
        sms.split_sms("abc", limit)


def test_split_limit_two(sms):
    assert sms.split_sms("€a€", 2) == ["€", "a", "€"]
    assert sms.split_sms("\r\n\n", 2) == ["\r\n", "\n"]


# --- transliteration ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("â ê î ô û ë ï ÿ ç", "a e i o u e i y c"),
        ("À Â È Ê Ë Î Ï Ô Ù Û Ÿ", "A A E E E I I O U U Y"),
        ("œuvre, Œuvre", "oeuvre, OEuvre"),
        ("l’échéance ‘x’", "l'échéance 'x'"),
        ("“oui” «\u00a0non\u00a0»", '"oui" " non "'),
        ("2026–2027 — fin", "2026-2027 - fin"),
        ("Merci…", "Merci..."),
        (f"15{NBSP}000{NNBSP}XPF\u2009net", "15 000 XPF net"),
        ("facture n°12", "facture no12"),
        ("`code`", "'code'"),
        ("Ì Ñ ñ ã õ", "I Ñ ñ a o"),  # fallback via NFKD
        ("ﬁn", "fin"),
        ("a\tb", "a b"),
        ("fac\u00adture", "facture"),
    ],
)
def test_transliterate(sms, text, expected):
    assert sms.transliterate(text) == expected


@pytest.mark.parametrize("char", list(GSM_ACCENTS) + list(EXTENSION) + ["\n", "\r"])
def test_transliterate_keeps_gsm(sms, char):
    assert sms.transliterate(char) == char


def test_transliterate_keeps_every_gsm_character(sms):
    text = sms.GSM_BASIC.replace("\x1b", "") + sms.GSM_EXTENSION
    assert sms.transliterate(text) == text


@pytest.mark.parametrize("char", list(FRENCH_NON_GSM))
def test_transliterate_french_characters_become_gsm(sms, char):
    assert sms.sms_encoding(sms.transliterate(char)) == "gsm7"


@pytest.mark.parametrize(
    "text",
    [
        REMINDER,
        "Bonjour, votre facture n°123 de 15 000 XPF est échue.",
        f"Rappel : l’échéance du 5 est dépassée ; merci de régler 8{NNBSP}500 XPF.",
        "Dernier avis avant mise en demeure : « Reçu » n’a pas été renvoyé…",
        "Garçon, hôtel, forêt, île, coût, Noël, naïf, cœur, L’Haÿ-les-Roses",
        "ÎLE DES PINS – FAÇADE À REPEINDRE, ÉTÉ 2026",
    ],
)
def test_transliterate_makes_french_reminders_gsm7(sms, text):
    result = sms.transliterate(text)
    assert sms.sms_encoding(result) == "gsm7"
    assert sms.transliterate(result) == result


def test_transliterate_leaves_emoji(sms):
    result = sms.transliterate("Merci ! 🙏 Reçu")
    assert result == "Merci ! 🙏 Recu"
    assert sms.sms_encoding(result) == "ucs2"
    assert sms.sms_info(result)["non_gsm"] == ["🙏"]


# --- composer counter -----------------------------------------------------


def test_sms_info_gsm(sms):
    text = "a" * 159 + "€"
    assert sms.sms_info(text) == {
        "encoding": "gsm7",
        "length": 161,
        "count": 2,
        "limit": 160,
        "non_gsm": [],
    }


def test_sms_info_non_gsm_sorted_unique(sms):
    info = sms.sms_info("ç’ç ê 🙂 ê")
    assert info["non_gsm"] == sorted({"ç", "’", "ê", "🙂"})
    assert info["encoding"] == "ucs2"
    assert info["length"] == 10  # the emoji counts 2
