# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc_insolvency/tools/matching.py (RID, SIREN, name)."""

import pytest
from insolvency_tools import load

matching = load("matching")
Party = matching.Party


@pytest.mark.parametrize(
    ("announcement", "customer", "expected"),
    [
        # same company, other establishment
        (Party(1, "1231083", None, "A"), Party(2, "1231083", None, "B"), "ridet"),
        (Party(1, None, "732829320", "A"), Party(2, None, "732829320", "B"), "siren"),
        # name only, no identifier on the announcement
        (
            Party(1, None, None, "BOULANGERIE CAILLOU"),
            Party(2, "1231083", None, "BOULANGERIE CAILLOU"),
            "name",
        ),
        # typo in the name
        (
            Party(1, None, None, "BOULANGERIE CAILOU"),
            Party(2, None, None, "BOULANGERIE CAILLOU"),
            "name",
        ),
        # same name, different RIDs: two companies
        (
            Party(1, "0426049", None, "BOULANGERIE CAILLOU"),
            Party(2, "1231083", None, "BOULANGERIE CAILLOU"),
            None,
        ),
        # same name, different SIRENs
        (
            Party(1, None, "732829320", "NICKEL"),
            Party(2, None, "552100554", "NICKEL"),
            None,
        ),
        # different names, no identifiers
        (
            Party(1, None, None, "GARAGE SUD"),
            Party(2, None, None, "PHARMACIE SUD"),
            None,
        ),
    ],
)
def test_rules(announcement, customer, expected):
    found = matching.match([announcement], [customer])
    assert [m.method for m in found] == ([expected] if expected else [])


def test_identifier_match_is_not_proposed_again_by_name():
    ann = Party(1, "1231083", None, "BOULANGERIE CAILLOU")
    found = matching.match([ann], [Party(2, "1231083", None, "BOULANGERIE CAILLOU")])
    assert [(m.watched, m.method) for m in found] == [(2, "ridet")]


def test_one_announcement_several_customers_of_several_clients():
    ann = Party(1, "1231083", None, "X")
    watched = [Party(k, "1231083", None, "X") for k in (10, 20, 30)]
    assert sorted(m.watched for m in matching.match([ann], watched)) == [10, 20, 30]
