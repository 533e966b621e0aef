"""Quotes stage: direct quotes and reported speech, each with its speaker, cue and relaying outlet."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, count

from khabar.document import Document, Quote
from khabar.resources import Resources
from khabar.stages.quote_lexicon import Cue, Lexicon, load_lexicon
from khabar.stages.quote_speakers import RoleEntry, Roles, Speaker, resolve
from khabar.stages.quote_view import COMMAS, STOPS, View

MAX_SUBJECT = 12  # tokens of a speaker phrase after the verb
MAX_GAP = 25  # tokens of adjuncts between the speaker and what was said (في تصريح لوكالة ... ، إن)
MAX_RELAY = 30  # tokens from a relaying verb to قوله
MIN_QUOTE_WORDS = 4  # shorter quoted spans inside a phrase are names or terms («رافال»)
MIN_TEXT_WORDS = 2
SUBJECT_REACH = 6  # tokens from a sentence start within which its subject is looked for (من جانبه رفض السفير)
LEAD_PARTICLES = frozenset({"و", "كان", "وكان", "لكن", "ولكن", "لكنه", "قد", "وقد", "ثم", "فيما", "بينما", "كما",
                            "غير", "الا", "ان", "انه", "انها", "اما", "واما", "بدوره", "بدورها", "من", "جهته",
                            "جانبه", "جهتها", "جانبها", "ومن", "فقد"})
RELATIVES = frozenset({"الذي", "التي", "الذين"})


@dataclass(slots=True)
class Cand:
    """An attribution found in the text, before its speaker and extent are settled."""

    cue: int
    cue_end: int
    cue_kind: str  # verb, participle, relay, according, after
    gender: str
    content: int  # first token of what was said
    mode: str  # quote, clause, colon, noun, before
    left: int  # first token of the attribution: a clause before it ends there
    np: tuple[int, int] | None = None
    via: tuple[int, int] | None = None
    end: int = -1
    speaker: Speaker | None = None


def run(doc: Document, resources: Resources) -> Document:
    """Find the attributed statements of the body and resolve who made them."""
    if not doc.tokens:
        doc.quotes = []
        return doc
    lex = load_lexicon(resources)
    view = View(doc)
    cands = _find(view, lex)
    roles = Roles()
    _resolve(view, lex, roles, cands)
    doc.quotes = _quotes(view, lex, cands)
    return doc


# ---------------------------------------------------------------- finding attributions

def _find(view: View, lex: Lexicon) -> list[Cand]:
    cands: list[Cand] = []
    contents: set[int] = set()
    used_quotes: set[int] = set()
    cues = lex.cues
    norms = view.norm
    for i in compress(count(), map(cues.__contains__, norms)):  # few tokens are cues: filter in C first
        if view.quoted[i] or view.skip(i) or (i > 0 and norms[i - 1] in lex.notcues):
            continue
        cue = cues[norms[i]]
        if cue.kind == "verb":
            c = _verb(view, lex, i, cue)
        elif cue.kind == "participle":
            c = _participle(view, lex, i, cue)
        elif cue.kind == "saying":
            c = _saying(view, lex, i, cue)
        elif cue.kind == "relay":
            c = _relay(view, lex, i, cue)
        else:
            c = _according(view, lex, i, cue)
        if c is not None and c.content not in contents:
            contents.add(c.content)
            cands.append(c)
            if c.mode == "quote":
                used_quotes.add(c.content - 1)
    if len(used_quotes) < len(view.close):
        spans = [(c.content, view.sentence_end(c.content)) for c in cands]
        for o in view.close:
            if o not in used_quotes and not view.skip(o) and not any(a <= o < b for a, b in spans):
                c = _after_quote(view, lex, o)
                if c is not None:
                    cands.append(c)
    cands.sort(key=lambda c: c.content)
    return cands


def _skip_times(view: View, lex: Lexicon, j: int, stop: int) -> int:
    while j < stop:
        norm = view.norm[j]
        if norm in lex.times or view.is_punct(j, COMMAS):
            j += 1
        elif norm == "(" and j + 2 < stop and view.norm[j + 1] in lex.times and view.norm[j + 2] == ")":
            j += 3
        else:
            return j
    return j


def _subject(view: View, lex: Lexicon, j: int, stop: int, cue: Cue) -> int:
    """Return the end of the speaker phrase starting at j (j itself when there is none)."""
    norm = view.norm
    if j >= stop or norm[j] in lex.complementizers or norm[j] in cue.preps or norm[j] in lex.cues:
        return j
    if view.kind[j] == "punct" and not (view.close.get(j, -1) > j
                                        and view.words_between(j + 1, view.close[j]) < MIN_QUOTE_WORDS):
        return j  # a quoted name right after the verb is its subject: وقالت «فوربس» إن
    if (norm[j] in lex.adjuncts or norm[j].startswith("لل")) and view.ent[j] < 0:
        return j
    k = j
    has_per = False
    ent, ents, kind, close_of = view.ent, view.entities, view.kind, view.close
    complementizers, preps, times, cues = lex.complementizers, cue.preps, lex.times, lex.cues
    while k < stop and k - j < MAX_SUBJECT:
        t = norm[k]
        if ent[k] >= 0 and ents[ent[k]].type == "PER":
            has_per = True
        if kind[k] == "punct":
            close = close_of.get(k)
            if close is not None and close > k and view.words_between(k + 1, close) <= MIN_QUOTE_WORDS - 1:
                k = close + 1  # a quoted name inside the phrase: وكالة "إنترفاكس"
                continue
            if (t in COMMAS and not has_per and k + 1 < stop and ent[k + 1] >= 0
                    and ents[ent[k + 1]].type == "PER"):
                k += 1  # an appositive name: مدير الإدارة، يوري بيليبسون
                continue
            break
        if k > j and (t in complementizers or t in preps or view.is_adjunct(k, lex.adjuncts)
                      or t in times or t in cues) and ent[k] < 0:
            break
        k += 1
    return k


def _content(view: View, lex: Lexicon, cue: Cue, j: int, stop: int, first: int) -> tuple[int, str] | None:
    """Find where what was said starts, after the speaker phrase and adjuncts that begin at j."""
    norm, kind, close_of = view.norm, view.kind, view.close
    complementizers, preps, cues = lex.complementizers, cue.preps, lex.cues
    limit = min(stop, j + MAX_GAP)
    i = j
    while i < limit:
        t = norm[i]
        if i in close_of:
            close = close_of[i]
            words = view.words_between(i + 1, close if close >= 0 else view.para_end(i))
            after = close + 1 if close >= 0 else stop
            if words >= MIN_QUOTE_WORDS or (i > first and norm[i - 1] == ":" and words):
                return i + 1, "quote"  # a short quote only where a colon announces it
            i = after
            continue
        if kind[i] == "punct":
            if t == ":" and i + 1 < view.n and view.start[i + 1] > view.tokens[i].end:
                nxt = i + 1
                if nxt < view.para_end(i) and nxt in close_of:
                    return nxt + 1, "quote"
                if nxt < view.para_end(i) and norm[nxt] in complementizers:
                    return nxt, "clause"
                if nxt < view.para_end(i):
                    return nxt, "colon"
                return None
            if t in STOPS:
                return None
            i += 1
            continue
        if t in complementizers:
            prev = norm[i - 1] if i > first else ""
            if cue.needprep:
                if prev in preps or ("ب" in preps and t.startswith("ب")):
                    return i, "clause"
            elif i == first or prev in preps or prev not in lex.notcomp:
                return i, "clause"
        elif cue.noun and t in preps and (i == first or i == j or view.comma[i - 1]):
            nxt = i + 1
            if nxt < stop and norm[nxt] not in complementizers and nxt not in close_of:
                return nxt, "noun"
        elif i > first and t in cues and cues[t].kind in ("verb", "participle", "relay"):
            return None
        i += 1
    return None


def _clause_initial(view: View, i: int) -> bool:
    s0 = view.sentence_start(i)
    return i == s0 or view.is_punct(i - 1, COMMAS)


def _verb(view: View, lex: Lexicon, i: int, cue: Cue) -> Cand | None:
    if cue.initial and not _clause_initial(view, i):
        return None
    stop = view.sentence_end(i)
    j = _skip_times(view, lex, i + 1, stop)
    k = _subject(view, lex, j, stop, cue)
    found = _content(view, lex, cue, k, stop, i + 1)
    if found is None:
        return None
    content, mode = found
    np = (j, k) if k > j else None
    if np is not None and i > 0 and view.norm[i - 1] in RELATIVES:
        return None  # الذي أعلن الحرب: in a relative clause what follows the verb is its object
    left = i
    if np is None:
        svo = _subject_before(view, lex, i)
        if svo is not None:
            np, left = svo, svo[0]
        elif cue.nodrop:
            return None
    return Cand(i, i + 1, "verb", cue.gender, content, mode, left, np=np)


def _subject_before(view: View, lex: Lexicon, i: int) -> tuple[int, int] | None:
    """Return the speaker phrase written before its verb (وكان الوزير ... قال إن), if any."""
    s0 = view.sentence_start(i)
    a = max(s0, i - 15)
    while a < i and (view.norm[a] in LEAD_PARTICLES or view.kind[a] == "punct"):
        a += 1
    b = i
    while b > a and (view.kind[b - 1] == "punct" or view.norm[b - 1] in RELATIVES or view.norm[b - 1] == "قد"):
        b -= 1
    if b <= a:
        return None
    first = view.norm[a]
    s = lex.stem(first)
    ent = view.ent[a]
    if ent >= 0 or s in lex.roles or s in lex.titles or s in lex.unnamed or s in lex.documents:
        if any(view.norm[k] in lex.complementizers for k in range(a, b)):
            return None
        return a, b
    return None


def _participle(view: View, lex: Lexicon, i: int, cue: Cue) -> Cand | None:
    stop = view.sentence_end(i)
    found = _content(view, lex, cue, i + 1, stop, i + 1)
    if found is None:
        return None
    return Cand(i, i + 1, "participle", cue.gender, found[0], found[1], i)


def _saying(view: View, lex: Lexicon, i: int, cue: Cue) -> Cand | None:
    """Read نقلت X عن Y قوله إن ...: the speaker sits between عن and قوله."""
    s0 = view.sentence_start(i)
    an = -1
    for k in range(i - 1, max(s0, i - MAX_RELAY) - 1, -1):
        if view.norm[k] in ("عن", "الي") and not view.quoted[k]:
            an = k
            break
    if an < 0:
        return None
    via = None
    for k in range(an - 1, max(s0, an - MAX_RELAY) - 1, -1):
        c = lex.cues.get(view.norm[k])
        if c is not None and c.kind == "relay":
            via = (k + 1, an)
            break
    stop = view.sentence_end(i)
    found = _content(view, lex, cue, i + 1, stop, i + 1)
    if found is None:
        return None
    b = i
    while b > an + 1 and view.kind[b - 1] == "punct" and view.norm[b - 1] not in "\"»”":
        b -= 1
    return Cand(i, i + 1, "relay", cue.gender, found[0], found[1], via[0] - 1 if via else an, np=(an + 1, b), via=via)


def _relay(view: View, lex: Lexicon, i: int, cue: Cue) -> Cand | None:
    """Read نقلت X عن Y أن ...: a relaying verb without قوله."""
    stop = view.sentence_end(i)
    an = next((k for k in range(i + 1, min(stop, i + MAX_SUBJECT)) if view.norm[k] in cue.preps
               and not view.quoted[k]), -1)
    if an < 0:
        return None
    for k in range(an + 1, min(stop, an + MAX_RELAY)):
        c = lex.cues.get(view.norm[k])
        if c is not None and c.kind == "saying":
            return None  # the قوله reading takes it
    k = _subject(view, lex, an + 1, stop, cue)
    found = _content(view, lex, cue, k, stop, an + 1)
    if found is None or k == an + 1:
        return None
    return Cand(i, i + 1, "relay", cue.gender, found[0], found[1], i, np=(an + 1, k), via=(i + 1, an))


def _according(view: View, lex: Lexicon, i: int, cue: Cue) -> Cand | None:
    """Read بحسب / وفقا لـ / حسبما أفادت + source, with the statement after or before it."""
    stop = view.sentence_end(i)
    j = i + 1
    if cue.preps:
        if j >= stop:
            return None
        if view.norm[j] in cue.preps:
            j += 1
        elif not ("ل" in cue.preps and view.norm[j].startswith("ل")):
            return None
    if cue.verb and j < stop and view.norm[j] in lex.cues:
        j += 1
    k = j + 1
    while k < stop and k - j < MAX_SUBJECT and view.kind[k] != "punct" and _in_phrase(view, lex, k):
        k += 1
    if j >= stop or not _is_source(view, lex, j, k):
        return None
    s0 = view.sentence_start(i)
    lead = i - s0
    if lead == 0 or (lead == 1 and view.norm[s0] == "و"):
        a = k
        while a < stop and (view.kind[a] == "punct" or view.norm[a] in ("فان", "فانه")):
            a += 1
        if stop - a < MIN_TEXT_WORDS:
            return None
        return Cand(i, i + 1, "according", "m", a, "clause", i, np=(j, k))
    if k >= stop or all(view.kind[x] == "punct" for x in range(k, stop)):
        return Cand(i, i + 1, "according", "m", s0, "before", i, np=(j, k), end=i)
    return None


def _in_phrase(view: View, lex: Lexicon, k: int) -> bool:
    """Tell whether token k continues a short source phrase (مصادر مطلعة، البيان، وكالة رويترز)."""
    norm = view.norm[k]
    if view.cover[k] >= 0 or norm in lex.adjuncts:
        return view.cover[k] >= 0
    if norm.startswith(("ال", "لل", "وال", "بال")):
        return True
    prev = view.norm[k - 1]
    return not prev.startswith("ال") and norm.endswith(("ي", "يه", "ه", "ون", "ين"))


def _is_source(view: View, lex: Lexicon, a: int, b: int) -> bool:
    if view.ent[a] >= 0 and view.entities[view.ent[a]].type in ("PER", "ORG"):
        return True
    s = lex.stem(view.norm[a])
    return s in lex.unnamed or s in lex.documents or s in lex.roles or s in lex.titles


def _after_quote(view: View, lex: Lexicon, o: int) -> Cand | None:
    """Read "..." قال فلان: a quote whose speaker follows it."""
    close = view.close[o]
    if close < 0 or view.words_between(o + 1, close) < MIN_QUOTE_WORDS:
        return None
    k = close + 1
    while k < view.para_end(o) and view.is_punct(k, COMMAS):
        k += 1
    if k >= view.para_end(o):
        return None
    cue = lex.cues.get(view.norm[k])
    if cue is None or cue.kind != "verb":
        return None
    stop = view.sentence_end(k)
    j = _skip_times(view, lex, k + 1, stop)
    e = _subject(view, lex, j, stop, cue)
    if e < stop and not view.is_punct(e, COMMAS) and view.norm[e] not in lex.adjuncts:
        return None
    return Cand(k, k + 1, "after", cue.gender, o + 1, "quote", o, np=(j, e) if e > j else None, end=close)


# ---------------------------------------------------------------- speakers

def _resolve(view: View, lex: Lexicon, roles: Roles, cands: list[Cand]) -> None:
    # first pass: named speakers, whose phrases become roles for the descriptions of the second
    for c in cands:
        if c.np is not None:
            c.speaker = resolve(view, lex, roles, c.np[0], c.np[1], c.cue, c.gender, describe=False)
            if c.speaker is not None:
                roles.entries.append(RoleEntry(c.speaker.words, c.speaker, c.cue))
    last: dict[str, Speaker] = {}
    by_sentence: dict[int, Speaker] = {}
    for c in sorted(cands, key=lambda c: c.cue):
        if c.speaker is None and c.np is not None:
            c.speaker = resolve(view, lex, roles, c.np[0], c.np[1], c.cue, c.gender)
            if c.speaker is not None and c.speaker.named:
                roles.entries.append(RoleEntry(c.speaker.words, c.speaker, c.cue))
        if c.speaker is None:
            s0 = view.sentence_start(c.cue)
            if c.cue_kind == "participle" and s0 in by_sentence:
                c.speaker = by_sentence[s0]
            elif c.cue_kind == "participle" and (subj := _sentence_subject(view, lex, roles, s0, c)) is not None:
                c.speaker = subj
            elif c.cue_kind == "verb" and c.cue > s0 + 1 and (subj := _segment_subject(view, lex, roles, c)):
                c.speaker = subj
            else:
                # a dropped subject continues the last speaker of the verb's gender (وأضاف / وأضافت / وأضافوا)
                c.speaker = last.get(c.gender)
        if c.speaker is not None:
            by_sentence[view.sentence_start(c.cue)] = c.speaker
            if c.np is not None or c.cue_kind != "participle":
                last[c.speaker.gender if c.np is not None else c.gender] = c.speaker
    _full_names(cands)


def _full_names(cands: list[Cand]) -> None:
    """Give a surname read off the text the full name the article uses elsewhere (ميخيف → ألكسندر ميخيف)."""
    names = {c.speaker.name for c in cands if c.speaker is not None and c.speaker.entity is None and c.speaker.name}
    for c in cands:
        sp = c.speaker
        if sp is None or sp.entity is not None or not sp.name:
            continue
        longer = [n for n in names if n.endswith(" " + sp.name)]
        if longer:
            sp.name = max(longer, key=len)


def _segment_subject(view: View, lex: Lexicon, roles: Roles, c: Cand) -> Speaker | None:
    """Return the subject of the clause before a comma-joined verb (لكن مصادر ... فندت ...، وأكدت أن)."""
    k = c.cue - 1
    if k < 0 or not view.is_punct(k, COMMAS):
        return None
    a = k - 1
    while a > 0 and not view.is_punct(a - 1, COMMAS) and not view.is_punct(a - 1, STOPS) and k - a < MAX_GAP:
        a -= 1
    while a < k and (view.norm[a] in LEAD_PARTICLES or view.kind[a] == "punct"):
        a += 1
    if a >= k or a == view.sentence_start(c.cue):
        return None  # the sentence's own subject is read by the caller's other rules
    s = lex.stem(view.norm[a])
    if not (s in lex.unnamed or s in lex.roles or s in lex.plurals or
            (view.ent[a] >= 0 and view.entities[view.ent[a]].type in ("PER", "ORG"))):
        return None
    e = a + 1
    while e < k and view.kind[e] == "word" and view.norm[e] not in lex.adjuncts and e - a < MAX_SUBJECT:
        e += 1
    return resolve(view, lex, roles, a, e, c.cue, c.gender)


def _sentence_subject(view: View, lex: Lexicon, roles: Roles, s0: int, c: Cand) -> Speaker | None:
    """Return the subject that opens a sentence (ورفض السفير حسين هريدي ... مؤكدا), if it is a person."""
    if c.gender == "p":
        return None
    limit = min(c.cue, s0 + SUBJECT_REACH)
    k = s0
    verb_skipped = False
    while k < limit:
        norm = view.norm[k]
        if view.kind[k] == "punct" or norm in LEAD_PARTICLES or norm in lex.times:
            k += 1
            continue
        if view.ent[k] >= 0 and view.entities[view.ent[k]].type == "PER":
            return resolve(view, lex, roles, k, k + 1, c.cue, c.gender)
        s = lex.stem(norm)
        if s in lex.roles or s in lex.titles:
            e = k + 1
            while e < min(c.cue, k + 6) and view.kind[e] == "word" and norm not in lex.adjuncts:
                if view.ent[e] >= 0 and view.entities[view.ent[e]].type == "PER":
                    return resolve(view, lex, roles, e, e + 1, c.cue, c.gender)
                e += 1
            sp = resolve(view, lex, roles, k, e, c.cue, c.gender)
            return sp if sp is not None and sp.named else None
        if verb_skipped:
            return None
        verb_skipped = True  # the sentence's verb: its subject follows
        k += 1
    return None


# ---------------------------------------------------------------- output

def _quotes(view: View, lex: Lexicon, cands: list[Cand]) -> list[Quote]:
    out: list[Quote] = []
    ents = view.entities
    for n, c in enumerate(cands):
        a, b, direct = _extent(view, lex, c, cands[n + 1:])
        words = 0
        for k in range(a, b):
            if view.kind[k] != "punct":
                words += 1
                if words >= MIN_TEXT_WORDS:
                    break
        last = view.tokens[b - 1].end
        if words < MIN_TEXT_WORDS or (not direct and view.doc.text[last:last + 1] in ("؟", "?")):
            continue  # a question in the writer's voice is not a quote
        sp = c.speaker
        speaker = sp.entity if sp is not None else None
        name = sp.name if sp is not None else None
        if speaker is not None:
            name = ents[speaker].name
        via = _via(view, lex, c.via) if c.via else None
        start, end = view.start[a], last
        out.append(Quote(
            start=start, end=end, text=view.doc.text[start:end], direct=direct,
            speaker=ents[speaker].id if speaker is not None else None, speaker_name=name,
            speaker_description=sp.description if sp is not None and not sp.named else None,
            via=via, cue=view.text(c.cue, c.cue_end), cue_start=view.start[c.cue],
            cue_end=view.tokens[c.cue_end - 1].end,
        ))
    return out


def _extent(view: View, lex: Lexicon, c: Cand, later: list[Cand]) -> tuple[int, int, bool]:
    a = c.content
    if c.mode == "quote":
        close = view.close.get(a - 1, -1)
        b = close if close >= 0 else view.para_end(a)
        return a, _trim(view, a, b), True
    if c.mode == "before":
        while a < c.end and (view.kind[a] == "punct" or view.norm[a] == "و"):
            a += 1
        return a, _trim(view, a, c.end), False
    if c.mode == "colon":
        b = view.para_end(a)
    else:
        b = view.sentence_end(a)
    for nxt in later:
        if a < nxt.left < b:
            b = nxt.left
            break
    comma, quoted = view.comma, view.quoted
    k = comma.find(1, a + 1, b - 1)
    while k >= 0:
        if not quoted[k] and _hands_back(view, lex, k + 1, b):
            b = k
            break
        k = comma.find(1, k + 1, b - 1)
    if c.mode == "clause" and view.norm[a] in lex.bare:
        a += 1
    b = _trim(view, a, b)
    direct = False
    for o, close in view.close.items():
        if a <= o < a + 3 and close > 0:
            inside = min(close, b) - o - 1
            direct = inside * 2 >= b - a
            break
    return a, b, direct


def _hands_back(view: View, lex: Lexicon, k: int, b: int) -> bool:
    """Tell whether the words after a comma return to the writer (، فيما ... / ، مستغربا ... / ، مشيرين)."""
    t = view.norm[k]
    if t in lex.connectors or f"{t} {view.norm[min(k + 1, b - 1)]}" in lex.connectors:
        return True
    cue = lex.cues.get(t)
    if cue is not None and cue.kind in ("participle", "verb"):
        return True
    # an accusative participle of manner (مستغربا، مشيدا) opens a circumstantial clause of the writer
    return len(t) >= 5 and t[0] == "م" and t.endswith("ا")


def _trim(view: View, a: int, b: int) -> int:
    while b > a:
        t = view.norm[b - 1]
        if t == ")" and any(view.norm[k] == "(" for k in range(a, b - 1)):
            break
        if view.kind[b - 1] != "punct" and t != "و":
            break
        b -= 1
    return b


def _via(view: View, lex: Lexicon, span: tuple[int, int]) -> str | None:
    a, b = span
    for k in range(a, b):
        idx = view.ent[k]
        if idx >= 0 and view.entities[idx].type == "ORG":
            return view.entities[idx].name
    for k in range(a, b):
        close = view.close.get(k, -1)
        if close > k + 1:
            return view.text(k + 1, close)
    text = view.text(a, b).strip(" ،,")
    return text or None
