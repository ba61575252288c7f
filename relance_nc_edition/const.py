# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Constants of relance_nc_edition (no logic, no Odoo import)."""

# ---------------------------------------------------------------------------
# Window envelope (DL 110 x 220 mm, window on the right) and A4 letter layout
# ---------------------------------------------------------------------------
# Address zone on the A4 sheet, folded in three for a DL window envelope: a
# frame 85 mm wide and 33 mm high, 55 mm from the top edge and 110 mm from the
# left edge of the sheet. Source: French mailing-house guidance for window
# envelopes (edics.fr, "Rédiger vos adresses : les bonnes pratiques": "un cadre
# de 3,3 cm de haut sur 8,5 cm de large [...] à 5,5 cm du bord supérieur de
# votre feuille et à 11 cm du bord gauche", which also leaves room for the bar
# code of a registered letter). It sits inside the usual French DL window of
# 100 x 45 mm placed about 20 mm from the right edge and 15 mm from the bottom
# of the envelope (manufacturers' catalogues; NF EN ISO 269 fixes the DL size,
# not the window): on the folded sheet that window spans about 95-195 mm from
# the left and 50-95 mm from the top. La Poste allows 6 address lines of at
# most 38 characters, in a 9 to 12 pt font.
WINDOW_LEFT_MM = 110
WINDOW_TOP_MM = 55
WINDOW_WIDTH_MM = 85
WINDOW_HEIGHT_MM = 33
ADDRESS_MAX_LINES = 6
# The envelope's window seen on the folded sheet (x from, x to, y from, y to):
# every address line must print inside it.
ENVELOPE_WINDOW_ON_SHEET_MM = (95, 195, 50, 95)
# Paper format margins of the letters (report.paperformat in report/).
PAGE_MARGIN_TOP_MM = 10
PAGE_MARGIN_LEFT_MM = 0
# Debian's wkhtmltopdf (unpatched Qt) ignores --disable-smart-shrinking and
# prints CSS lengths at about 0.8 of their size (measured here with
# pdftotext -bbox: 110 mm came out at 86-88 mm, 45 mm at 36 mm); the letters
# zoom by the inverse so that the address lands in the window.
UNPATCHED_QT_ZOOM = 1.25
# Even zoomed, its horizontal axis is off: a CSS x of 20 mm prints at 20.8 mm
# and 110 mm at 107.3 mm, i.e. printed = 1.6 + 0.961 x; the address block's
# left edge is corrected with that line (vertical positions are exact).
UNPATCHED_QT_X = (1.6, 0.961)
# Fonts of the letters: system fonts (fonts-liberation, fonts-dejavu-core),
# which wkhtmltopdf embeds with their text; a web font (@font-face) would be
# drawn as outlines by Debian's build, leaving the PDF without text.
LETTER_FONTS = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
# Letters printed per wkhtmltopdf run in a batch (one article, cut afterwards
# at the link marking each letter's first page, PAGE_MARKER_URL + id).
LETTERS_PER_RUN = 100
PAGE_MARKER_URL = "https://relance.invalid/letter/"
# A4 in PostScript points, for the blank backs added to a batch's PDF.
A4_WIDTH_PT = 595.28
A4_HEIGHT_PT = 841.89

# ---------------------------------------------------------------------------
# Weights, for the postage bracket
# ---------------------------------------------------------------------------
# A4 sheet of 80 g/m2 paper: 0.210 m x 0.297 m x 80 g = 4.99 g.
SHEET_WEIGHT_G = 5.0
# DL window envelope of 80 g/m2 paper (catalogue weight about 5 g).
ENVELOPE_WEIGHT_G = 5.0
# Acknowledgment of receipt card stapled to a registered letter.
AR_CARD_WEIGHT_G = 3.0

# ---------------------------------------------------------------------------
# Letters
# ---------------------------------------------------------------------------
LETTER_KINDS = [
    ("statement", "Account statement"),
    ("reminder", "Reminder letter"),
    ("formal_notice", "Formal notice (registered letter)"),
    ("free", "Free letter"),
    ("upload", "Uploaded document"),
]
LETTER_STATES = [
    ("draft", "Draft"),
    ("to_validate", "To Validate"),
    ("validated", "Validated"),
    ("printed", "Printed"),
    ("posted", "Posted"),
    ("delivered", "Delivered"),
    ("returned", "Returned"),
    ("cancelled", "Cancelled"),
]
# Who wrote the letter: the reminder engine (the creditor's own levels), the
# provider (waits for the creditor's validation) or the creditor (upload).
LETTER_ORIGINS = [
    ("engine", "Reminder engine"),
    ("provider", "Written by the provider"),
    ("creditor", "Brought by the creditor"),
]
MAIL_TYPES = [
    ("ordinary", "Ordinary"),
    ("priority", "Priority"),
    ("registered", "Registered with acknowledgment"),
]
RETURN_REASONS = [
    ("unknown_address", "Address unknown"),
    ("refused", "Refused"),
    ("unclaimed", "Not claimed"),
]
# Channel of relance.action -> (letter kind, mail type).
CHANNEL_LETTERS = {
    "letter": ("reminder", "ordinary"),
    "registered_letter": ("formal_notice", "registered"),
}
DEFAULT_NOTICE_DAYS = 8  # days given by a formal notice to pay
DAYS_PER_YEAR = 365  # late-payment penalties: annual rate, prorated per day

# ---------------------------------------------------------------------------
# Uploads
# ---------------------------------------------------------------------------
UPLOAD_MAX_PAGES = 20
#: Seconds for one DOCX -> PDF conversion: well under Odoo's request limit
#: (limit_time_real, 120 s by default), so the upload answers in time.
SOFFICE_TIMEOUT = 45
