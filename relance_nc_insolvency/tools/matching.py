# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Match procedure announcements against watched customers, set-based.

Rules (issue 13, "Matching"), in order:

1. **RID**: the announcement's RIDET or RID and the customer's share the
   7-digit company number, whatever the establishment, since a procedure
   opens against the company (``identifiers.rid_of``);
2. **SIREN**: same SIREN, for debtors registered in France;
3. **name**: significant words alike (``names.similarity`` at or above
   ``names.PROPOSAL_THRESHOLD``) — only a *proposal* for a person to review,
   and only when the two sides do not carry different identifiers of the
   same kind (two RIDs that differ name two companies, whatever their names).

Both sides are indexed once (dicts by RID, SIREN and name blocking key), so
the cost grows with the number of announcements plus customers, never with
their product.

>>> ann = [Party(1, "1231083", None, "BOULANGERIE CAILLOU"),
...        Party(2, None, "732829320", "NICKEL EXPORT"),
...        Party(3, None, None, "EPICERIE MAGENTA")]
>>> watched = [Party(10, "1231083", None, "BOULANGERIE CAILLOU"),
...            Party(11, None, "732829320", "NICKEL"),
...            Party(12, "0426049", None, "EPICERIE MAGENTA"),
...            Party(13, "0300137", None, "BOULANGERIE CAILLOU")]
>>> [(m.announcement, m.watched, m.method) for m in match(ann, watched)]
[(1, 10, 'ridet'), (2, 11, 'siren'), (3, 12, 'name')]
"""

from collections import defaultdict
from dataclasses import dataclass

from .names import PROPOSAL_THRESHOLD, blocking_keys, similarity

__all__ = ["Match", "Party", "match"]


@dataclass(frozen=True)
class Party:
    """One side of a match: its key (a record id), RID, SIREN, normalised name."""

    key: object
    rid: object
    siren: object
    name: str


@dataclass(frozen=True)
class Match:
    announcement: object
    watched: object
    method: str
    score: float = 1.0


def _index(parties):
    by_rid, by_siren, by_name = defaultdict(list), defaultdict(list), defaultdict(list)
    for party in parties:
        if party.rid:
            by_rid[party.rid].append(party)
        if party.siren:
            by_siren[party.siren].append(party)
        for key in blocking_keys(party.name or ""):
            by_name[key].append(party)
    return by_rid, by_siren, by_name


def _comparable(left, right):
    """False when both sides carry a different identifier of the same kind."""
    if left.rid and right.rid and left.rid != right.rid:
        return False
    return not (left.siren and right.siren and left.siren != right.siren)


def match(announcements, watched, threshold=PROPOSAL_THRESHOLD):
    """Matches of ``announcements`` against ``watched`` (lists of Party)."""
    by_rid, by_siren, by_name = _index(watched)
    results = []
    for ann in announcements:
        found = set()
        for method, index, value in (
            ("ridet", by_rid, ann.rid),
            ("siren", by_siren, ann.siren),
        ):
            for party in index.get(value, ()) if value else ():
                if party.key not in found:
                    found.add(party.key)
                    results.append(Match(ann.key, party.key, method))
        results.extend(_name_matches(ann, by_name, found, threshold))
    return results


def _name_matches(ann, by_name, found, threshold):
    """Name-only proposals for ``ann`` among candidates sharing a key."""
    seen = set(found)
    for key in blocking_keys(ann.name or ""):
        for party in by_name.get(key, ()):
            if party.key in seen or not _comparable(ann, party):
                continue
            seen.add(party.key)
            score = similarity(ann.name, party.name)
            if score >= threshold:
                yield Match(ann.key, party.key, "name", round(score, 3))
