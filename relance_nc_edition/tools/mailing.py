# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Print and postage arithmetic of a letter: sheets, blank backs, weight, rate.

Each letter starts on a new sheet. In duplex (recto-verso) printing a letter
of an odd number of pages gets a blank back, so that the next letter does not
start on its back. Weights are in grams; a postage bracket applies to the
letters up to its maximum weight.

>>> sheets(3, duplex=True), sheets(3, duplex=False), sheets(4, duplex=True)
(2, 3, 2)
>>> blank_backs(3, duplex=True), blank_backs(4, duplex=True), blank_backs(3, False)
(1, 0, 0)
>>> weight(2, sheet_g=5.0, envelope_g=5.0)
15.0
>>> pick_rate([(20, 110), (50, 150), (100, 220)], 20.0)
110
>>> pick_rate([(20, 110), (50, 150), (100, 220)], 20.5)
150
>>> pick_rate([(20, 110)], 30) is None
True
"""

import math


def sheets(pages, duplex):
    """Sheets of paper used by a document of ``pages`` pages."""
    return math.ceil(pages / 2) if duplex else pages


def blank_backs(pages, duplex):
    """Blank pages to add after the document so that the next one starts on a
    new sheet."""
    return pages % 2 if duplex else 0


def weight(sheet_count, sheet_g, envelope_g, extra_g=0.0):
    """Weight of the envelope with its sheets (and any card)."""
    return sheet_count * sheet_g + envelope_g + extra_g


def pick_rate(brackets, grams):
    """Price of the smallest bracket ``(max_weight, price)`` that takes
    ``grams``; None when the letter is heavier than every bracket."""
    for max_weight, price in sorted(brackets):
        if grams <= max_weight:
            return price
    return None
