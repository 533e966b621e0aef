"""Tests on the words around an actor phrase for the events stage: heads, apposition, coordination, prepositions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khabar.arabic import normalize
from khabar.stages.event_lexicon import Lexicon

if TYPE_CHECKING:
    from khabar.stages.event_actors import Slot, View

# Prepositions, in matching form; ب، ل، ك also come as proclitics.
PREPOSITIONS = frozenset({
    "علي", "الي", "مع", "ضد", "عن", "من", "بين", "في", "لدي", "امام", "حول", "بشان", "تجاه", "نحو", "عبر",
    "خلال", "منذ", "بعد", "قبل", "عند", "ل", "ب", "ك", "لصالح", "ازاء", "بحسب", "حسب", "وفق", "وفقا", "بفعل",
    "فوق", "تحت", "داخل", "خارج",
})
NP_GAP = 4  # words a noun phrase may run between two of its names (titles, "في", one comma)
HEAD_GAP = 5  # words between a head noun and its nationality adjective (وزير الدفاع والإنتاج الحربي المصري)
_HEAD_KINDS = frozenset({"head", "territory"})  # nouns a nationality adjective after them makes a state actor


def head_before(view: View, t0: int) -> int | None:
    """Return the token of an actor head noun right before a nationality adjective (القوات الجوية المصرية).

    A plural adjective (دبلوماسيون مصريون) follows its head at once: further back, a plural names
    people of that nation, not the head's (الشرطة منع أطفال فلسطينيين).
    """
    norm = view.norms[t0]
    gap = 1 if norm.endswith(("ين", "ون")) else HEAD_GAP
    for k in range(t0 - 1, max(-1, t0 - 1 - gap), -1):
        if view.kinds[k] in _HEAD_KINDS:
            return k
        tok = view.tokens[k]
        if tok.kind == "punct" or view.norms[k] in PREPOSITIONS or view.clause[k] != view.clause[t0]:
            return None
    return None


def standalone(view: View, t0: int) -> bool:
    """Tell whether a nationality word stands alone as a noun (للأتراك، الأتراك أنفسهم)."""
    if t0 == 0:
        return True
    prev = view.tokens[t0 - 1]
    return prev.kind in ("punct", "number") or view.norms[t0 - 1] in PREPOSITIONS or view.kinds[t0 - 1] == "count"


def is_coordinated(text: str, prev_end: int, start: int, lex: Lexicon) -> bool:
    """Tell whether و joins a name to the one before (روسيا وتركيا، الحوثيين وقوات صالح)."""
    if prev_end < 0 or start - prev_end > 40:
        return False
    between = text[prev_end:start]
    if "و" not in between and "ؤ" not in between:  # no conjunction (ؤ normalises to و): the common case
        return False
    between = between.replace("«", "").replace("»", "").replace('"', "").replace("،", "").strip()
    if between == "و":
        return True
    words = normalize(between).split()
    if not words or len(words) > 3 or len(words[0]) < 3 or words[0][0] != "و":
        return False
    rest = words[0][1:]
    if rest.startswith("ال"):  # والقوات
        rest = rest[2:]
    elif rest.startswith("لل"):
        rest = rest[2:]
    hit = lex.words.get(rest)
    return hit is not None and hit[0] in ("head", "group")


def continues(view: View, etype: str, norp_head: int | None, t0: int, last: Slot, text: str, start: int) -> bool:
    """Tell whether a name may extend the phrase before it rather than start a new one.

    A person's name follows its role (وزير الخارجية الفرنسي لوران فابيوس), once; a nationality adjective
    without its own head noun qualifies the name before it (حركة طالبان الأفغانية); a place or body
    extends a phrase only through في, a genitive ل or an apposition comma (مدير الإدارة … في وزارة
    الخارجية). Two names side by side are otherwise subject and object (طالبت فرنسا إيران).
    """
    if etype == "PER":
        return not last.person  # one person per phrase: هريدي، مساعد الوزير، تصريحات المالكي
    if etype == "NORP":  # an own head noun starts a new phrase, except in apposition (هريدي، مساعد وزير … المصري)
        return norp_head is None or norp_head <= last.t1 or any(
            view.tokens[k].text in "،," for k in range(last.t1 + 1, norp_head))
    tok = view.tokens[t0]
    if start > tok.start and "ل" in text[tok.start:start]:
        return not last.adjective  # الهبة السعودية للبنان: after an agent adjective, ل marks the goal
    # "(رافيو لابيدو) رئيس رابطة …": a closing bracket or a comma marks an apposition
    return any(view.norms[k] == "في" or view.tokens[k].text in "،,)" for k in range(last.t1 + 1, t0))


def same_phrase(view: View, last_t1: int, t0: int, triggers: set[int], same_entity: bool) -> bool:
    """Tell whether a name continues the previous noun phrase (titles, apposition, genitive)."""
    if t0 <= last_t1:
        return True
    if t0 - last_t1 - 1 > NP_GAP:
        return False
    commas = 0
    for k in range(last_t1 + 1, t0):
        tok = view.tokens[k]
        if view.clause[k] != view.clause[last_t1] or k in triggers:
            return False
        if tok.kind == "punct":
            if tok.text in "،,":
                commas += 1
                if commas > 1:
                    return False
            elif tok.text in "«»\"“”":
                if not same_entity:  # a quote opens between a subject and its verb (موسكو "تقدر ...)
                    return False
            elif tok.text not in "()":
                return False
        elif view.norms[k] in PREPOSITIONS and view.norms[k] != "في":
            return False
        elif view.kinds[k] in ("speech", "boundary", "relative"):
            return False
    return True


def prep_of(view: View, text: str, t0: int, start: int | None) -> str:
    """Return the preposition governing a phrase: a proclitic on its first word or the word before.

    A head noun opens with a clitic only when the rest is itself a head noun (برئيس، بحكومة), not when the
    letter is its own (بعثة، برلمان، بنك).
    """
    tok = view.tokens[t0]
    if start is not None and start > tok.start:
        clitic = text[tok.start:start]
        for ch in clitic:
            if ch in "بلك":
                return ch
    else:
        norm = tok.norm
        if len(norm) > 3 and norm[0] in "وف":
            norm = norm[1:]
        if norm.startswith("لل"):
            return "ل"
        if len(norm) > 3 and norm[0] in "بلك" and (norm[1:].startswith("ال") or (view.kinds[t0] == "head"
                and view.words.get(norm[1:], ("", ""))[0] == "head")):
            return norm[0]
    if t0 > 0 and view.norms[t0 - 1] in PREPOSITIONS:
        return view.norms[t0 - 1]
    return ""
