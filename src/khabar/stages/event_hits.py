"""Trigger words and patterns of a sentence: the lexicon's readings checked against their context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from khabar.document import Token
from khabar.memo import Memo
from khabar.stages.event_lexicon import Analysis, Trigger
from khabar.stages.event_phrases import PREPOSITIONS

FOLLOW_GAP = 3  # words allowed between the parts of a multi-word trigger
_PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه", "نا", "كم")  # what _forms takes off a pattern word, longest first
_SUFFIX_ENDS = tuple({s[-1] for s in _PRONOUN_SUFFIXES})  # a word not ending so has no such suffix
# normalised word -> its variants: pattern words are looked for around every trigger, so words recur
_VARIANTS: Memo[str, tuple[str, ...]] = Memo(100_000)


@dataclass(slots=True)
class Hit:
    """A trigger found in a sentence."""

    t0: int
    t1: int  # last token of the pattern, inclusive
    entry: Trigger
    pos: str  # v (read as a verb) or n (a noun, including a verbal noun)
    future: bool
    suffix: str
    we: bool = False  # a first-person plural verb (نقدر، وقعنا): the speaker's side is the subject



def find_hits(toks: list[Token], candidates: list[tuple[int, tuple[Analysis, ...]]], has_weapon: Callable[[], bool],
              firsts: frozenset[str], act_next: frozenset[str]) -> list[Hit]:
    """Find the trigger words and patterns of a sentence's tokens among its candidates, longest pattern first."""
    hits: list[Hit] = []
    used: set[int] = set()
    weapon: bool | None = None
    for i, readings in candidates:
        if i in used:
            continue
        best: Hit | None = None
        window: set[str] | None = None
        for an in readings:
            entry = an.form.entry
            if not isinstance(entry, Trigger):
                continue
            if "nobare" in entry.flags and an.form.bare and not an.suffix:
                continue  # طالب، الطالب: the citation form is also a common noun
            if an.article and not an.prep and i > 0 and _surname(toks, i, firsts, act_next):
                continue  # عبدالله العدوان: a family name after a first name
            if "armsonly" in entry.flags:
                if weapon is None:
                    weapon = has_weapon()
                if not weapon:
                    continue
            if entry.words:
                if window is None:
                    window = _window(toks, i)
                if entry.words[0].isdisjoint(window):
                    continue  # most patterns fail at once: their next word is nowhere in reach
                end = _match_follow(toks, i, entry.words)
                if end is None:
                    continue
            else:
                end = i
            # a verb's citation form after a preposition is its verbal noun (في قصف للحوثيين)
            noun = (an.form.pos != "v" or an.article or bool(an.prep)
                    or (an.form.bare and not an.suffix and i > 0 and _unconj(toks[i - 1].norm) in PREPOSITIONS))
            hit = Hit(i, end, entry, "n" if noun else "v", an.future, an.suffix,
                      not noun and _first_plural(toks[i].norm, entry.form, an.future, an.suffix))
            if best is None or _better(hit, best):
                best = hit
        if best is not None:
            used.update(range(best.t0, best.t1 + 1) if best.entry.words else (best.t0,))
            if best.entry.plover != "-":  # a vetoed phrase (دعا الله) only hides the shorter trigger
                hits.append(best)
    return hits


def masculine_singular(norm: str, hit: Hit) -> bool:
    """Tell whether a verb token is the masculine singular: the bare past stem (اتهم) or its ي present (يتهم)."""
    head = hit.entry.form.split(" ")[0]
    present = "ي" + hit.entry.present
    w = _bare_verb(norm, hit, head, present)
    return w == head or (bool(hit.entry.present) and w == present)


def plural_verb(norm: str, hit: Hit) -> bool:
    """Tell whether a verb token is a third-person dual or plural (طالبوا، طالبا، يطالبون، دعوا).

    A verb before its subject stays singular (طالب المحتجون): a name right after a plural verb is its object.
    """
    head = hit.entry.form.split(" ")[0]
    stem = hit.entry.present
    w = _bare_verb(norm, hit, head, "ي" + stem)
    stems = (head, head[:-1]) if head[-1:] in "اي" else (head,)
    if any(w == h + e for h in stems for e in ("وا", "ا", "تا") if h + e != head):
        return True
    if not stem or len(w) < 4 or w[0] not in "يت":
        return False
    presents = (stem, stem[:-1]) if stem[-1:] in "ايو" else (stem,)
    return any(w[1:] == p + e for p in presents for e in ("ون", "ان"))


def _bare_verb(norm: str, hit: Hit, head: str, present: str) -> str:
    """Return a verb token without its conjunction, future or purpose prefix and object suffix."""
    w = norm
    if not w.startswith(head) and len(w) > 2 and w[0] in "وف":
        w = w[1:]
    if hit.future and w.startswith("س"):
        w = w[1:]
    elif w.startswith("ل" + present):
        w = w[1:]  # ليتهم: the purpose particle
    if hit.suffix and w.endswith(hit.suffix):
        w = w[: -len(hit.suffix)]
    return w


def _surname(toks: list[Token], i: int, firsts: frozenset[str], act_next: frozenset[str]) -> bool:
    """Tell whether token i after a first name is a family name, not that person's act (أدان محمد العدوان على)."""
    prev = toks[i - 1].norm
    if not (prev in firsts or (len(prev) > 3 and prev[0] in "وف" and prev[1:] in firsts)):
        return False
    if i + 1 < len(toks):
        nxt = toks[i + 1].norm
        if nxt in act_next or (nxt.startswith("ال") and nxt.endswith(("ي", "يه"))):
            return False  # the act's target or its nisba adjective (العدوان الإسرائيلي) follows
    return True


def _first_plural(norm: str, form: str, future: bool, suffix: str) -> bool:
    w = norm[1:] if len(norm) > 2 and norm[0] in "وف" else norm
    if future and w.startswith("س"):
        w = w[1:]
    if suffix and w.endswith(suffix):
        w = w[: -len(suffix)]
    head = form.split(" ")[0]
    return (w.startswith("ن") and not head.startswith("ن")) or (w.endswith("نا") and not head.endswith("نا"))


def _better(a: Hit, b: Hit) -> bool:
    if len(a.entry.words) != len(b.entry.words):
        return len(a.entry.words) > len(b.entry.words)
    return a.entry.origin == "khabar" and b.entry.origin != "khabar"


def _window(toks: list[Token], i: int) -> set[str]:
    """Return every form of the words a pattern's second word may be after token i."""
    out: set[str] = set()
    for j in range(i + 1, min(len(toks), i + 2 + FOLLOW_GAP)):
        tok = toks[j]
        if tok.kind == "punct" and tok.text not in "«»\"“”()":
            break
        out.update(_forms(tok.norm))
    return out


def _match_follow(toks: list[Token], i: int, words: tuple[frozenset[str], ...]) -> int | None:
    """Return the last token of a pattern whose later words follow token i in order, or None."""
    k = i
    for accepted in words:
        found = None
        for j in range(k + 1, min(len(toks), k + 2 + FOLLOW_GAP)):
            tok = toks[j]
            if tok.kind == "punct" and tok.text not in "«»\"“”()":
                break
            if not accepted.isdisjoint(_forms(tok.norm)):
                found = j
                break
        if found is None:
            return None
        k = found
    return k


def _forms(norm: str) -> tuple[str, ...]:
    """Return a word and its bases without a pronoun suffix (معهم → مع، زيارته → زياره), remembered."""
    if not norm.endswith(_SUFFIX_ENDS):
        return (norm,)  # no suffix to take off: the word is its only form, no memo look-up
    hit = _VARIANTS.get(norm)
    if hit is not None:
        return hit
    out = [norm]
    for suffix in _PRONOUN_SUFFIXES:
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 2:
            base = norm[: -len(suffix)]
            out.append(base)
            if base.endswith("ت"):
                out.append(base[:-1] + "ه")
    return _VARIANTS.keep(norm, tuple(out))


def _unconj(norm: str) -> str:
    return norm[1:] if len(norm) > 2 and norm[0] in "وف" else norm
