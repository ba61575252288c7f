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
>>> page_ranges({7: 0, 9: 1, 8: 3}, 5)
{7: (0, 1), 9: (1, 3), 8: (3, 5)}
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


class PageMarkerError(ValueError):
    """The first pages of the documents printed together are inconsistent."""


def page_ranges(first_pages, page_count):
    """Pages ``(start, end)`` (end excluded) of each document printed together,
    from the page where each one starts (``{key: first page}``) and the
    total number of pages; documents follow each other in page order.

    >>> page_ranges({"a": 0}, 2)
    {'a': (0, 2)}
    """
    if not first_pages:
        return {}
    ordered = sorted(first_pages.items(), key=lambda item: item[1])
    starts = [start for __, start in ordered]
    if starts[0] != 0:
        raise PageMarkerError(f"the first document starts on page {starts[0] + 1}")
    if len(set(starts)) != len(starts):
        raise PageMarkerError(
            f"two documents start on page {_first_duplicate(starts) + 1}"
        )
    if starts[-1] >= page_count:
        raise PageMarkerError(f"a document starts after the last page {page_count}")
    ends = starts[1:] + [page_count]
    return {key: (start, end) for (key, start), end in zip(ordered, ends, strict=True)}


def _first_duplicate(values):
    seen = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return None
