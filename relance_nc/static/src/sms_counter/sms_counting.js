/**
 * SMS counting of relance.nc, for the composer's live counter.
 *
 * A mirror of relance_nc/tools/sms.py (read its docstring for the rules and
 * their sources): GSM 03.38 basic characters count 1, extension characters 2,
 * a line break ("\r\n", "\n" or "\r") 2; one character outside GSM makes the
 * whole text UCS-2, counted in UTF-16 units; a long text is sent as separate
 * SMS of 160 units (70 in UCS-2), cut after the last space or line break.
 * tests/test_sms_counter_js.py keeps both in sync: it compares the constants
 * below with the Python ones and, when node is installed, runs this module on
 * sample texts. The constants are JSON literals so that the test can parse
 * them; keep them so.
 */

/** The GSM 03.38 basic table (0x1B, ESC, is the escape code, not a character). */
export const GSM_BASIC =
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** The GSM 03.38 extension table: each character is sent as ESC + code (2 units). */
export const GSM_EXTENSION = "^{}\\[~]|€\u000c";
/** Units of one SMS per encoding (separate SMS, not concatenated). */
export const LIMITS = { "gsm7": 160, "ucs2": 70 };
export const LINE_BREAK_UNITS = 2;
/** Explicit replacements of transliterate(); others go through NFKD. */
export const TRANSLITERATIONS = {
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
    "’": "'",
    "‘": "'",
    "‚": "'",
    "′": "'",
    "`": "'",
    "´": "'",
    "“": "\"",
    "”": "\"",
    "„": "\"",
    "«": "\"",
    "»": "\"",
    "″": "\"",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "−": "-",
    "•": "-",
    "…": "...",
    "°": "o",
    "\t": " ",
    "\u00ad": "",
    "\u200b": "",
    "\ufeff": ""
};

export const GSM7 = "gsm7";
export const UCS2 = "ucs2";

const GSM_CHARS = new Set([...GSM_BASIC, ...GSM_EXTENSION]);
GSM_CHARS.delete("\u001b");
const EXTENSION_CHARS = new Set(GSM_EXTENSION);
const COMBINING_MARK = /\p{Mn}/u;
const UNICODE_SPACE = /^\p{Zs}$/u;

/**
 * The unsplittable pieces of a text: [start, end) in code points, units, and
 * whether a part may end after it (a space or a line break).
 *
 * @param {string[]} chars the text's code points
 * @param {string} encoding "gsm7" or "ucs2"
 */
function atoms(chars, encoding) {
    const result = [];
    let index = 0;
    while (index < chars.length) {
        const char = chars[index];
        let end = index + 1;
        let boundary = char === " ";
        let units = 1;
        if (char === "\r" || char === "\n") {
            if (char === "\r" && chars[index + 1] === "\n") {
                end = index + 2;
            }
            units = LINE_BREAK_UNITS;
            boundary = true;
        } else if (encoding === GSM7) {
            units = EXTENSION_CHARS.has(char) ? 2 : 1;
        } else {
            units = char.length; // UTF-16 units: 2 outside the BMP (an emoji)
        }
        result.push({ start: index, end, units, boundary });
        index = end;
    }
    return result;
}

/** "gsm7" if GSM 03.38 encodes every character, else "ucs2". */
export function smsEncoding(text) {
    for (const char of text) {
        if (!GSM_CHARS.has(char)) {
            return UCS2;
        }
    }
    return GSM7;
}

/** Length of the text in SMS units. */
export function smsLength(text) {
    return atoms([...text], smsEncoding(text)).reduce((sum, atom) => sum + atom.units, 0);
}

/** How many atoms go into the part being closed (see _cut in sms.py). */
function cut(current) {
    for (let index = current.length - 1; index > 0; index--) {
        if (
            current[index].boundary &&
            !current.slice(0, index).every((atom) => atom.boundary)
        ) {
            return index + 1;
        }
    }
    return current.length;
}

/** The text split into separate SMS of at most `limit` units each. */
export function splitSms(text, limit = null) {
    if (!text) {
        return [];
    }
    const chars = [...text];
    const encoding = smsEncoding(text);
    limit = limit ?? LIMITS[encoding];
    if (limit < 2) {
        throw new Error(`An SMS part must hold at least 2 units, not ${limit}.`);
    }
    const slice = (first, last) => chars.slice(first.start, last.end).join("");
    const parts = [];
    let current = [];
    let used = 0;
    for (const atom of atoms(chars, encoding)) {
        while (used + atom.units > limit) {
            const size = cut(current);
            parts.push(slice(current[0], current[size - 1]));
            current = current.slice(size);
            used = current.reduce((sum, a) => sum + a.units, 0);
        }
        current.push(atom);
        used += atom.units;
    }
    parts.push(slice(current[0], current[current.length - 1]));
    return parts;
}

/** The GSM replacement of one character outside GSM, or the character. */
function transliterateChar(char) {
    if (Object.hasOwn(TRANSLITERATIONS, char)) {
        return TRANSLITERATIONS[char];
    }
    if (UNICODE_SPACE.test(char)) {
        return " ";
    }
    const base = [...char.normalize("NFKD")]
        .filter((c) => !COMBINING_MARK.test(c))
        .join("");
    if (base.trim() && [...base].every((c) => GSM_CHARS.has(c))) {
        return base;
    }
    return char;
}

/** Replace the characters outside GSM 03.38 by their closest GSM form. */
export function transliterate(text) {
    return [...text]
        .map((char) => (GSM_CHARS.has(char) ? char : transliterateChar(char)))
        .join("");
}

/**
 * What the live counter shows: encoding, length (units), count (SMS), limit
 * (units per SMS) and nonGsm (sorted distinct characters outside GSM).
 */
export function smsInfo(text) {
    const encoding = smsEncoding(text);
    const nonGsm = [...new Set([...text].filter((char) => !GSM_CHARS.has(char)))];
    nonGsm.sort((a, b) => a.codePointAt(0) - b.codePointAt(0));
    return {
        encoding,
        length: smsLength(text),
        count: splitSms(text).length,
        limit: LIMITS[encoding],
        nonGsm,
    };
}
