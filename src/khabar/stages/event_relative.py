"""The doer of an event noun named in a relative clause with a light verb: الزيارة التي قام بها X إلى Y."""

from __future__ import annotations

from khabar.stages.event_actors import Slot, View, has_state
from khabar.stages.event_context import Found
from khabar.stages.event_roles import SUBJECT_AFTER
from khabar.stages.event_targets import prep_target

_TO_RELATIVE = 2  # words from the event noun to the relative pronoun (one adjective between: الزيارة الرسمية التي)
_OBJECT_SUFFIXES = ("هما", "هم", "ها", "ه")  # the pronoun that refers back to the event noun (شنها، أجراه)
_KINDS = ("light", "relight", "receive")
# the preposition with the pronoun of the event noun after a bare verb: قام بها، تعرضت لها
_PRONOUN_PREPS = {"light": frozenset("ب" + s for s in _OBJECT_SUFFIXES),
                  "receive": frozenset("ل" + s for s in _OBJECT_SUFFIXES)}
_BETWEEN = frozenset({"title", "head", "particle"})  # words between the verb and its subject (قام بها سمو الأمير)


def light_relative(view: View, found: list[Found], words: dict[str, tuple[str, str]]) -> None:
    """Give an event noun the subject of a light verb in its relative clause as source, and a target there."""
    kinds = view.kinds
    if "relative" not in kinds:
        return
    for f in found:
        hit, roles = f.hit, f.roles
        if hit.pos != "n" or roles.how not in ("rel", "svo", "none") or roles.pair:
            continue
        k = next((j for j in range(hit.t1 + 1, min(len(kinds), hit.t1 + 1 + _TO_RELATIVE)) if kinds[j] == "relative"),
                 None)
        if k is None or k + 2 >= len(kinds):
            continue
        verb = k + 1
        kind, bare = _verb(view.tokens[verb].norm, words)
        if kind is None:
            continue
        gap = verb + 1
        if bare:  # قام بها، تعرضت لها: the pronoun sits on a preposition after the verb, not on the verb itself
            if view.tokens[gap].norm not in _PRONOUN_PREPS.get(kind, ()):  # وقعت بها: no signing
                continue
            gap += 1
        subject = _subject(view, k, gap)
        if subject is None:
            continue
        if kind == "receive":  # الهجمات التي تعرضت لها السعودية: the subject is what was hit
            roles.source, roles.target, roles.how = None, subject, "lightrel"
            continue
        roles.source, roles.how = subject, "lightrel"
        c = view.clause[subject.t0]
        roles.target = next((t for t in (prep_target(view, hit, p, c) for p in hit.entry.targets if p not in
                                         ("obj", "بين")) if t is not None and t is not subject), None)
        if "travel" in hit.entry.flags:
            if roles.target is not None and not roles.target.places and not has_state(roles.target):
                roles.target = None  # a person met on the journey is no destination
            if roles.target is None:  # بلاده تولي أهمية للزيارة التي قام بها X: a state that values a visit hosts it
                roles.target = _host(view, hit.t0, subject)


def _host(view: View, t0: int, visitor: Slot) -> Slot | None:
    """Return the state that is the subject of the visit noun's own clause, when it is not the visitor's."""
    c = view.clause[t0]
    before = [s for s in view.slots if s.t1 < t0 and view.clause[s.t0] == c]
    if not before or before[0].prep != "" or not has_state(before[0]):
        return None
    codes = {a.code for a in visitor.actors}
    return before[0] if codes.isdisjoint(a.code for a in before[0].actors) else None


def _verb(norm: str, words: dict[str, tuple[str, str]]) -> tuple[str | None, bool]:
    """Return the kind of a light or receiving verb (None for another word) and whether it is bare (قام، يقوم)."""
    kind = (words.get(norm) or ("",))[0]
    if kind in _KINDS:
        return kind, True
    for suffix in _OBJECT_SUFFIXES:
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 2:
            base = norm[: -len(suffix)]
            # اجراها ← اجري، شنوها ← شنوا، نفذته ← نفذت
            for b in (base, base[:-1] + "ي" if base.endswith("ا") else "", base + "ا" if base.endswith("و") else ""):
                kind = (words.get(b) or ("",))[0] if b else ""
                if kind in _KINDS:
                    return kind, False
            return None, False
    return None, False


def _subject(view: View, k: int, gap: int) -> Slot | None:
    """Return the relative clause's subject: the first phrase after the verb, past titles, with no preposition."""
    c = view.clause[k]
    for s in view.slots:
        if s.t0 < gap:
            continue
        if s.t0 - gap > SUBJECT_AFTER or view.clause[s.t0] != c or s.prep != "":
            return None
        if not all(view.tokens[j].kind == "punct" or view.kinds[j] in _BETWEEN for j in range(gap, s.t0)):
            return None
        return s
    return None
