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

Both sides are indexed once (dicts by RID, SIREN, whole name and name
word), so the cost grows with the number of announcements plus customers,
never with their product. Names are compared only with candidates that bear
the same whole name or share one of the announcement's two rarest words,
when that word is carried by at most :data:`MAX_BLOCK` customers: a word as
common as "BOULANGERIE" tells nothing and would compare everything.

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

from .names import PROPOSAL_THRESHOLD, similarity

__all__ = ["MAX_BLOCK", "Match", "Party", "match"]

MAX_BLOCK = 50


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
    by_rid, by_siren = defaultdict(list), defaultdict(list)
    by_name, by_word = defaultdict(list), defaultdict(list)
    for party in parties:
        if party.rid:
            by_rid[party.rid].append(party)
        if party.siren:
            by_siren[party.siren].append(party)
        if party.name:
            by_name[party.name].append(party)
            for word in set(party.name.split()):
                by_word[word].append(party)
    return by_rid, by_siren, by_name, by_word


def _comparable(left, right):
    """False when both sides carry a different identifier of the same kind."""
    if left.rid and right.rid and left.rid != right.rid:
        return False
    return not (left.siren and right.siren and left.siren != right.siren)


def match(announcements, watched, threshold=PROPOSAL_THRESHOLD):
    """Matches of ``announcements`` against ``watched`` (lists of Party)."""
    by_rid, by_siren, by_name, by_word = _index(watched)
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
        results.extend(_name_matches(ann, by_name, by_word, found, threshold))
    return results


def _candidates(name, by_name, by_word):
    """Customers named alike: same whole name, or a shared rare word."""
    yield from by_name.get(name, ())
    words = sorted(
        (w for w in set(name.split()) if len(by_word.get(w, ())) <= MAX_BLOCK),
        key=lambda w: len(by_word.get(w, ())),
    )
    for word in words[:2]:
        yield from by_word.get(word, ())


def _name_matches(ann, by_name, by_word, found, threshold):
    """Name-only proposals for ``ann``."""
    if not ann.name:
        return
    seen = set(found)
    for party in _candidates(ann.name, by_name, by_word):
        if party.key in seen or not _comparable(ann, party):
            continue
        seen.add(party.key)
        if not 0.6 <= len(ann.name) / max(len(party.name), 1) <= 1.7:
            continue
        score = similarity(ann.name, party.name)
        if score >= threshold:
            yield Match(ann.key, party.key, "name", round(score, 3))
