"""The target of a trigger: its object, its genitive, or the phrase a preposition after it governs."""

from __future__ import annotations

from khabar.stages.event_actors import Slot, View
from khabar.stages.event_hits import Hit
from khabar.stages.event_phrases import PREPOSITIONS

OBJECT_WINDOW = 5  # words between the subject (or verb) and the object
PREP_WINDOW = 16  # words between a trigger and its target's preposition (amounts and dates come between)
PREP_TO_NAME = 3  # words between that preposition and the name (على مواقع للحوثيين)


def prep_between(view: View, lo: int, hi: int) -> bool:
    """Tell whether a preposition other than في stands in tokens lo..hi-1."""
    return any(view.norms[k] in PREPOSITIONS and view.norms[k] != "في" for k in range(lo, hi))


def genitive(view: View, hit: Hit) -> Slot | None:
    """Return the phrase right after a trigger noun that is its genitive (or its ل complement)."""
    c = view.clause[hit.t1]
    for s in view.slots:
        if s.t0 <= hit.t1:
            continue
        if s.t0 - hit.t1 > 3 or view.clause[s.t0] != c:
            return None
        if s.prep not in ("", "ل") or prep_between(view, hit.t1 + 1, s.t0):
            return None
        if any((view.tokens[k].kind == "punct" and view.tokens[k].text in "،,") or k in view.triggers
               for k in range(hit.t1 + 1, s.t0)):
            return None  # the name belongs to the trigger in between (الهجمات تدمير ممتلكات فلسطينية)
        return s
    return None


def find_target(view: View, hit: Hit, source: Slot | None, how: str) -> Slot | None:
    """Return the nearest phrase after the trigger in one of its target positions (object or preposition)."""
    entry = hit.entry
    c = view.clause[hit.t0]
    best: tuple[int, Slot] | None = None
    for p in entry.targets:
        if p == "obj":
            cand = _object(view, hit, source, how)
        elif p == "بين":
            continue
        else:
            cand = prep_target(view, hit, p, c)
        if cand is not None and cand is not source and (best is None or cand.t0 < best[0]):
            best = (cand.t0, cand)
    return best[1] if best else None


def _object(view: View, hit: Hit, source: Slot | None, how: str) -> Slot | None:
    if hit.pos == "n":
        gen = genitive(view, hit)
        return gen if gen is not None and gen.prep == "" and gen is not source else None
    start = source.t1 + 1 if (source is not None and how == "vso") else hit.t1 + 1
    if start <= hit.t1 and prep_between(view, start, hit.t1):
        start = hit.t1 + 1  # تقف المملكة إلى جانب مصر: the object follows the pattern's last word
    c = view.clause[hit.t0]
    for s in view.slots:
        if s.t0 < start or s is source:
            continue
        if s.t0 - start > OBJECT_WINDOW or view.clause[s.t0] != c:
            return None
        if s.prep != "" or prep_between(view, start, s.t0):
            return None
        if any(k in view.triggers for k in range(hit.t1 + 1, s.t0)):
            return None  # أدان اغتيال النائب العام: the object is an event, not its victim
        return s
    return None


def prep_target(view: View, hit: Hit, p: str, c: int) -> Slot | None:
    """Return the phrase of clause c governed by preposition p after the trigger (على مواقع للحوثيين)."""
    last = min(len(view.tokens), hit.t1 + 1 + PREP_WINDOW)
    for s in view.slots:
        if s.t0 <= hit.t0:
            continue
        if s.t0 >= last or view.clause[s.t0] != c:
            break
        if s.prep == p:
            return s
        if s.prep == "في" and p != "في" and _through_in(view, hit, p, s):
            return s  # عقوبات على مسؤولين في حزب الله: the common noun after p names none, the actor after في is hit
        if s.prep == "" or s.prep in ("ل", "ب"):
            for k in range(max(hit.t1 + 1, s.t0 - PREP_TO_NAME), s.t0):
                norm = view.norms[k]
                word = norm == p
                # a preposition on a common noun before the name: لدول منها اليونان وإيطاليا
                clitic = p in ("ل", "ب") and len(norm) > 3 and norm[0] == p and view.tokens[k].kind == "word"
                if (word or clitic) and not prep_between(view, k + 1, s.t0):
                    return s
    return None


def _through_in(view: View, hit: Hit, p: str, s: Slot) -> bool:
    """Tell whether p governs a common noun (one or two words, no event) right before the في of phrase s."""
    for k in range(s.t0 - 3, max(hit.t1, s.t0 - PREP_TO_NAME - 2), -1):
        if view.norms[k] == p:
            return not any(j in view.triggers or view.tokens[j].kind != "word" for j in range(k + 1, s.t0 - 1))
    return False
