"""Actor phrases of a sentence for the events stage: entity mentions grouped, coordinated and placed."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter, itemgetter

from khabar.arabic import normalize
from khabar.document import Actor, Document, Entity, Span, Token
from khabar.stages import word_notes
from khabar.stages.event_lexicon import HARD_PUNCT, Lexicon
from khabar.stages.event_phrases import (
    continues,
    head_before,
    is_coordinated,
    prep_of,
    same_phrase,
    standalone,
)
from khabar.stages.word_notes import Note

ACTOR_TYPES = frozenset({"PER", "ORG"})
AGENT = "by"  # the "preposition" of a phrase naming who fired (بنيران هندية): matches no trigger's target
_START = attrgetter("start")
_BEGIN = itemgetter(0)
_KIND = itemgetter(1)  # of a lexicon Info
_BREAK = itemgetter(2)
_INFO = itemgetter(word_notes.EVENT)  # of a word's note
_UNJOINED = itemgetter(word_notes.UNJOINED)
_END = itemgetter(1)
_SENTENCE = attrgetter("sentence")


@dataclass(slots=True)
class Slot:
    """A noun phrase naming one actor, or several coordinated ones (روسيا وتركيا)."""

    t0: int  # first token (sentence-local)
    t1: int  # last token, inclusive
    actors: list[Actor]
    prep: str  # the preposition governing the phrase, "" when none
    person: bool = False  # headed by a named person (ل before it marks an agent, not a goal)
    places: list[str] = field(default_factory=list)  # canonical names of places among the actors
    members: list[int] = field(default_factory=list)  # ids of every entity named in the phrase
    adjective: bool = False  # a nationality adjective right after a trigger noun (العقوبات الأمريكية)
    territory: bool = False  # a state's land or property (المناطق الباكستانية): hit or entered, never acting


@dataclass(slots=True)
class View:
    """One sentence as the events stage sees it."""

    index: int
    start: int
    end: int
    tokens: list[Token]
    norms: list[str]  # normalised token, without a leading conjunction (filled by norms())
    clause: list[int]  # clause number of each token
    kinds: list[str]  # actor-cue kind of each token ("" when none)
    slots: list[Slot]
    places: list[tuple[int, str]]  # (token, name) of places without an actor code
    weapons: list[tuple[int, int, str]]  # (first token, last token, entity name)
    triggers: set[int] = field(default_factory=set)  # tokens of the sentence's triggers
    systems: list[tuple[str, str | None]] | None = None  # weapon systems named (filled by arms.systems_in)
    words: dict[str, tuple[str, str]] = field(default_factory=dict)  # the lexicon's actor-cue words
    place_tokens: set[int] = field(default_factory=set)  # tokens of the places without an actor code
    lex: Lexicon | None = None  # to read a leading و or ف as a conjunction only before a known word


def norms(view: View) -> list[str]:
    """Fill and return the view's normalised words without a leading conjunction (computed once)."""
    if not view.norms and view.tokens:
        view.norms = _unjoined([t.norm for t in view.tokens], view.lex)
    return view.norms


def _unjoined(words: list[str], lex: Lexicon | None) -> list[str]:
    """Return the words without a leading و or ف (the lexicon tells which ones are a conjunction)."""
    if lex is None:
        return [n[1:] if len(n) > 2 and n[0] in "وف" else n for n in words]
    return list(map(lex.without_conjunction, words))  # (views the Reader makes take their words from the notes)


class Reader:
    """Turns the document's sentences into Views, remembering states and persons seen so far."""

    def __init__(self, doc: Document, lex: Lexicon, notes: list[Note]) -> None:
        self.doc = doc
        self.lex = lex
        self.notes = notes  # each token's word notes (the lexicon's Info among them)
        self.spans: dict[int, tuple[int, int]] = {}
        self.mentions = _mentions(doc)
        self.mention_starts = [m[0] for m in self.mentions]
        self.state_counts: dict[str, int] = {}
        self.types = {e.id: e.type for e in doc.entities}
        self.last_person_code: str | None = None
        self.affiliation: dict[int, str] = {}  # entity id -> the code of a phrase it was named in
        self.org_of: dict[int, str] = {}  # person id -> the group that heads the phrase naming them

    def span(self, s_idx: int) -> tuple[int, int]:
        """Return the slice [lo, hi) of doc.tokens that holds a sentence's tokens."""
        span = self.spans.get(s_idx)
        if span is None:  # tokens come in sentence order: a search, not a pass over every token
            toks = self.doc.tokens
            span = self.spans[s_idx] = (bisect_left(toks, s_idx, key=_SENTENCE),
                                        bisect_right(toks, s_idx, key=_SENTENCE))
        return span

    def view(self, s_idx: int) -> View:
        """Return one sentence with its tokens and words; clauses and actors come later (fill)."""
        sent = self.doc.sentences[s_idx]
        lo, hi = self.span(s_idx)
        # the document's column of norms and the notes' words less و/ف: no attribute read per token
        words = [u or n for u, n in zip(map(_UNJOINED, self.notes[lo:hi]), self.doc.columns()[0][lo:hi], strict=True)]
        return View(s_idx, sent.start, sent.end, self.doc.tokens[lo:hi], words, [], [], [], [], [],
                    words=self.lex.words, lex=self.lex)

    def fill(self, view: View, trigger_tokens: set[int], noun_ends: set[int]) -> None:
        """Find the sentence's clauses, actor phrases, places and weapons, and update the memory."""
        lo, hi = self.span(view.index)
        notes = self.notes[lo:hi]
        view.triggers = trigger_tokens
        infos = list(map(_INFO, notes))
        view.kinds = list(map(_KIND, infos))
        view.clause = _clauses(view.tokens, list(map(_BREAK, infos)))
        mentions = self.mentions
        items: list[tuple[int, int, int, int, Entity]] = []
        j = bisect_left(self.mention_starts, view.start)
        toks = self.doc.tokens
        while j < len(mentions) and mentions[j][0] < view.end:
            start, end, ent = mentions[j]
            if hi > lo and end <= view.end:
                t0 = max(0, bisect_right(toks, start, lo, hi, key=_START) - 1 - lo)
                t1 = max(t0, bisect_right(toks, end - 1, lo, hi, key=_START) - 1 - lo)
                items.append((t0, min(t1, hi - lo - 1), start, end, ent))
            j += 1
        _fill(view, self.doc, items, noun_ends, self.lex, self.state_counts, self.last_person_code, self.org_of,
              self.affiliation, self.types)
        for slot in view.slots:
            coded = next((a.code for a in slot.actors if is_code(a.code)), None)
            if coded is not None and len(slot.actors) == 1:
                for m in slot.members:
                    self.affiliation.setdefault(m, coded)
            if len(slot.actors) == 1 and slot.person and slot.actors[0].entity != slot.members[-1]:
                head = slot.actors[0]
                if head.code and not is_code(head.code):  # زعيم حركة طالبان الملا أختر منصور
                    for m in slot.members[1:]:
                        self.org_of.setdefault(m, head.code)
            for a in slot.actors:
                if is_code(a.code) and len(a.code or "") == 3 and self.types.get(a.entity or -1) in ("LOC", "NORP"):
                    # states named as such: a newspaper or a company with a home state does not count
                    self.state_counts[a.code or ""] = self.state_counts.get(a.code or "", 0) + 1
                if slot.person and is_code(a.code):
                    self.last_person_code = a.code


def _mentions(doc: Document) -> list[tuple[int, int, Entity]]:
    out = [(m.start, m.end, e) for e in doc.entities for m in e.mentions]
    out.sort(key=_END, reverse=True)  # two stable sorts: by start, the longer mention first
    out.sort(key=_BEGIN)
    kept: list[tuple[int, int, Entity]] = []
    for m in out:
        if kept and m[0] < kept[-1][1]:
            continue  # nested in a longer mention (نيجيريا inside رابطة مشجعي نيجيريا)
        kept.append(m)
    return kept


_NO_KIND = ("", "")
_PRONOUN_KINDS = frozenset({"self", "pair", "head"})
# Entity types whose code names a state as such (a newspaper or company with a home state does not).
_STATE_TYPES = frozenset({"LOC", "NORP", "PER"})


def _clauses(toks: list[Token], breaks: list[int]) -> list[int]:
    """Number the clauses of a sentence: a new one opens at a clause cue word or hard punctuation."""
    k = -1
    for _ in range(breaks.count(2)):  # a hard punctuation mark's norm: a break only on a punctuation token
        k = breaks.index(2, k + 1)
        breaks[k] = 1 if toks[k].kind == "punct" and toks[k].text in HARD_PUNCT else 0
    return list(accumulate(breaks))


def _fill(view: View, doc: Document, items: list[tuple[int, int, int, int, Entity]], triggers: set[int],
          lex: Lexicon, state_counts: dict[str, int], last_person_code: str | None, org_of: dict[int, str],
          affiliation: dict[int, str], types: dict[int, str]) -> None:
    """Group the sentence's mentions into actor slots; places and weapons go to their own lists."""
    text = doc.text
    groups: list[Slot] = []
    prev_end_char = -1
    prev_norp = False
    for t0, t1, start, end, ent in items:
        etype = ent.type
        if etype == "WEAPON":
            view.weapons.append((t0, t1, ent.name))
            continue
        if etype == "LOC" and not ent.code:
            view.places.append((t0, ent.name))
            view.place_tokens.update(range(t0, t1 + 1))
            continue
        head = t0
        h: int | None = None
        adjective = False
        person = etype == "PER"
        if etype == "NORP":
            by = t0 > 0 and view.kinds[t0 - 1] == "instrument"  # بنيران هندية، برصاص الجيش: who fired
            if not ent.code or (t1 + 1 < len(view.norms) and view.norms[t1 + 1] == "الجنسيه"):
                continue  # سعودي الجنسية: a private person's nationality, not the state
            if any(t0 - 3 <= w1 < t0 for _w0, w1, _name in view.weapons):
                continue  # طائرات رافال فرنسية: the maker of a weapon, not an actor
            # المساعدات السعودية: right after a trigger noun the adjective names its agent, not a head further back
            h = None if t0 - 1 in triggers or by else head_before(view, t0)
            coordinated = prev_norp and is_coordinated(text, prev_end_char, start, lex)
            after_trigger = t0 - 1 in triggers or t0 - 2 in triggers  # العقوبات الأمريكية (noun triggers only)
            if h is None and not coordinated and not after_trigger and not by and not standalone(view, t0):
                continue
            head = t0 if h is None else h
            adjective = h is None and after_trigger and not coordinated
            prev_norp = True
        else:
            prev_norp = False
            while head > 0 and head > t0 - 2 and view.kinds[head - 1] == "head" and (head - 1) not in view.triggers:
                head -= 1  # طيران التحالف، قيادة قوات التحالف: the head noun opens the phrase
            by = head > 0 and view.kinds[head - 1] == "instrument"
        code = ent.code if ent.code else (ent.name if etype in ACTOR_TYPES else None)
        if etype == "ORG" and ent.code and _is_group(lex, ent.name):
            code = ent.name  # an armed group or party is its own actor, not its country
        elif etype == "PER" and not ent.code and ent.id in org_of:
            code = org_of[ent.id]  # a group's leader acts for the group
        elif etype == "PER" and not ent.code and ent.id in affiliation:
            code = affiliation[ent.id]  # an official named earlier with their state (وزير الدفاع المصري صدقي صبحي)
        if code is None:
            continue
        actor = Actor(code=code, entity=ent.id, mention=Span(start, end), text=text[start:end], sector=ent.sector)
        if etype == "LOC" and prep_of(view, text, head, start) == "في":
            view.places.append((t0, ent.name))
            continue
        last = groups[-1] if groups else None
        if by:  # the agent of a harm event, never its subject, object or goal
            groups.append(Slot(head - 1, t1, [actor], AGENT, person, [], [ent.id], True))
        elif last is not None and is_coordinated(text, prev_end_char, start, lex):
            if all(a.code != code for a in last.actors):
                last.actors.append(actor)
            last.t1 = t1
            last.members.append(ent.id)
            if etype == "LOC":
                last.places.append(ent.name)
        elif last is not None and continues(view, etype, h if etype == "NORP" else None, t0, last, text, start) \
                and same_phrase(view, last.t1, head, view.triggers, ent.id in last.members):
            last.t1 = t1
            last.members.append(ent.id)
            last.person = last.person or person
            first = last.actors[-1]
            if not is_code(first.code) and is_code(code):
                last.actors[-1] = actor  # the phrase's code wins over a bare name (هريدي … المصري)
        else:
            groups.append(Slot(head, t1, [actor], prep_of(view, text, head, start if head == t0 else None),
                               person, [ent.name] if etype == "LOC" else [], [ent.id], adjective,
                               view.kinds[head] == "territory"))
        prev_end_char = end
    _add_pronouns(view, groups, state_counts, last_person_code, types, lex.words)
    groups.sort(key=lambda s: s.t0)
    view.slots = groups


def _is_group(lex: Lexicon, name: str) -> bool:
    first = normalize(name).split(" ")[0]
    if first.startswith("ال") and len(first) > 4:
        first = first[2:]
    hit = lex.words.get(first)
    return hit is not None and hit[0] == "group"


def is_code(value: str | None) -> bool:
    """Tell whether an actor value is a code (RUS, UN) rather than a name."""
    return bool(value) and value.isascii() and value.isupper()


def has_state(slot: Slot) -> bool:
    """Tell whether a phrase names a state (an ISO 3166 alpha-3 code among its actors)."""
    return any(is_code(a.code) and len(a.code or "") == 3 for a in slot.actors)


def _add_pronouns(view: View, groups: list[Slot], state_counts: dict[str, int], last_person_code: str | None,
                  types: dict[int, str], words: dict[str, tuple[str, str]]) -> None:
    """Add actors named by pronoun-like words: بلاده (his country), البلدين (the two countries)."""
    kinds = view.kinds
    if _PRONOUN_KINDS.isdisjoint(kinds):  # most sentences: no pronoun-like word at all
        return
    spots = [k for k, kind in enumerate(kinds) if kind in _PRONOUN_KINDS]
    taken = {k for g in groups for k in range(g.t0, g.t1 + 1)}
    for k in spots:
        if k in taken:
            continue
        kind = kinds[k]
        tok = view.tokens[k]
        if kind == "head":
            # طائراتها، قواته: a head noun owned by a pronoun belongs to the side named before it in the sentence
            owner = next((g for g in reversed(groups) if g.t1 < k), None) if _possessed(tok.norm, words) else None
            code = owner.actors[0].code if owner is not None else None  # وزارة الحج … وزيرها: the nearest phrase
            if code:
                groups.append(Slot(k, k, [Actor(code=code, mention=Span(tok.start, tok.end), text=tok.text)],
                                   prep_of(view, "", k, None)))
        elif kind == "self":
            code = _last_code_before(groups, k) or last_person_code
            if code:
                groups.append(Slot(k, k, [Actor(code=code, mention=Span(tok.start, tok.end), text=tok.text)],
                                   prep_of(view, "", k, None)))
        else:
            here = list(dict.fromkeys(a.code for g in groups for a in g.actors if is_code(a.code)
                                      and len(a.code or "") == 3 and types.get(a.entity or -1) in _STATE_TYPES))
            if len(here) == 2:  # the two states the sentence names (بحث أوباما مع نظيره التركي … بين البلدين)
                groups.append(Slot(k, k, [Actor(code=c, mention=Span(tok.start, tok.end), text=tok.text) for c in here],
                                   prep_of(view, "", k, None)))
                continue
            top = sorted(state_counts.items(), key=lambda kv: -kv[1])[:2]
            if len(top) == 2:
                groups.append(Slot(k, k, [Actor(code=c, mention=Span(tok.start, tok.end), text=tok.text)
                                          for c, _ in top], prep_of(view, "", k, None)))


def _possessed(norm: str, words: dict[str, tuple[str, str]]) -> bool:
    """Tell whether a head noun carries a possessive pronoun (قواتها، جيشه، حكومتهم)."""
    for suffix in ("هما", "هم", "ها", "ه"):
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 3:
            base = norm[: -len(suffix)]
            bases = (base, base[:-1] + "ه") if base.endswith("ت") else (base,)
            if any((words.get(b) or _NO_KIND)[0] == "head" for b in bases):
                return True
    return False


def _last_code_before(groups: list[Slot], k: int) -> str | None:
    for g in reversed(groups):
        if g.t1 < k:
            for a in g.actors:
                if is_code(a.code):
                    return a.code
    return None
