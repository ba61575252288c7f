# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Company names compared for a *proposal* to the staff, never a match.

Announcements name the debtor as the court wrote it ("SARL BOULANGERIE DU
CAILLOU", "Société Boulangerie-du-Caillou (EURL)"); a customer file spells it
its own way. Names are reduced to their significant words (upper case, no
accents, no punctuation, no legal form or filler word) and compared as sets
of words, with a character ratio to forgive a typo. A name-only similarity
is only ever proposed for review: two companies may share a name.

>>> normalize("Société Boulangerie-du-Caillou (EURL)")
'BOULANGERIE CAILLOU'
>>> normalize("S.A.R.L. L'Épicerie de Magenta")
'EPICERIE MAGENTA'
>>> similarity("SARL BOULANGERIE DU CAILLOU", "Boulangerie du Caillou")
1.0
>>> round(similarity("Boulangerie du Cailou", "Boulangerie du Caillou"), 2)
0.97
>>> similarity("Garage Nouméa Sud", "Pharmacie du Sud") < PROPOSAL_THRESHOLD
True
"""

import re
import unicodedata
from difflib import SequenceMatcher

__all__ = ["PROPOSAL_THRESHOLD", "normalize", "similarity"]

# Below this score a name is not worth a reviewer's time.
PROPOSAL_THRESHOLD = 0.88

LEGAL_FORMS = frozenset(
    """SARL SARLU EURL SA SAS SASU SNC SCS SCA SCI SCP SELARL SELAS SEL GIE SEM
    SCOP ETS ETABLISSEMENTS STE SOCIETE CIE COMPAGNIE EI EIRL ENTREPRISE""".split()
)
FILLERS = frozenset("DE DU DES LA LE LES L D ET EN AU AUX ET THE OF AND".split())
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")
_NON_WORD = re.compile(r"[^A-Z0-9]+")


def _ascii_upper(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def normalize(name):
    """Significant words of ``name``, upper case, space-separated.

    >>> normalize("  ")
    ''
    >>> normalize("SAS")
    'SAS'
    """
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), _ascii_upper(name))
    words = [w for w in _NON_WORD.split(text) if w]
    kept = [w for w in words if w not in LEGAL_FORMS and w not in FILLERS]
    # A name made only of a legal form ("SAS") keeps its words.
    return " ".join(kept or words)


def similarity(left, right):
    """Score in [0, 1] of two names: 1.0 when their significant words agree.

    >>> similarity("", "Boulangerie")
    0.0
    """
    a, b = normalize(left), normalize(right)
    if not a or not b:
        return 0.0
    if set(a.split()) == set(b.split()):
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
