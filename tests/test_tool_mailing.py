# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""relance_nc_edition/tools/mailing.py: sheets, postage, pages of a batch (no Odoo)."""

import pytest
from conftest import tool_fixture

mailing = tool_fixture("relance_nc_edition", "mailing")


@pytest.mark.parametrize(
    ("pages", "duplex", "sheets", "blanks"),
    [
        (1, True, 1, 1),
        (2, True, 1, 0),
        (5, True, 3, 1),
        (1, False, 1, 0),
        (4, False, 4, 0),
    ],
)
def test_sheets_and_blank_backs(mailing, pages, duplex, sheets, blanks):
    assert mailing.sheets(pages, duplex) == sheets
    assert mailing.blank_backs(pages, duplex) == blanks
    # every document ends on the back of its last sheet in duplex
    assert not duplex or (pages + blanks) == 2 * sheets


def test_page_ranges_follow_the_page_order_not_the_keys(mailing):
    ranges = mailing.page_ranges({30: 2, 10: 0, 20: 1}, 6)
    assert ranges == {10: (0, 1), 20: (1, 2), 30: (2, 6)}
    assert list(ranges) == [10, 20, 30]


def test_page_ranges_cover_every_page_once(mailing):
    starts = {key: key * 3 for key in range(100)}
    ranges = mailing.page_ranges(starts, 301)
    pages = [page for start, end in ranges.values() for page in range(start, end)]
    assert pages == list(range(301))


@pytest.mark.parametrize(
    ("starts", "count", "message"),
    [
        ({"a": 1}, 2, "the first document starts on page 2"),
        ({"a": 0, "b": 0}, 2, "two documents start on page 1"),
        ({"a": 0, "b": 2}, 2, "a document starts after the last page 2"),
    ],
)
def test_page_ranges_refuse_inconsistent_markers(mailing, starts, count, message):
    with pytest.raises(mailing.PageMarkerError, match=message):
        mailing.page_ranges(starts, count)


def test_page_ranges_of_nothing(mailing):
    assert mailing.page_ranges({}, 0) == {}
