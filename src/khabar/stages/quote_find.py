"""Finding attributions in the body: speech cues read with their speaker phrase and what was said."""

from __future__ import annotations

from dataclasses import dataclass

from khabar.stages.quote_lexicon import Cue, Lexicon, joined_in
from khabar.stages.quote_speakers import Speaker
from khabar.stages.quote_view import COMMAS, STOPS, View

MAX_SUBJECT = 12  # tokens of a speaker phrase after the verb
MAX_GAP = 25  # tokens of adjuncts between the speaker and what was said (في تصريح لوكالة ... ، إن)
MAX_RELAY = 30  # tokens from a relaying verb to قوله
MIN_QUOTE_WORDS = 4  # shorter quoted spans inside a phrase are names or terms («رافال»)
MIN_TEXT_WORDS = 2
SUBJECT_REACH = 6  # tokens from a sentence start within which its subject is looked for (من جانبه رفض السفير)


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


def find(view: View, lex: Lexicon, cue_tokens: list[int]) -> list[Cand]:
    """Return the attributions of the body in text order, one per place where what was said starts.

    cue_tokens: the tokens written as a cue, as the word notes list them.
    """
    cands: list[Cand] = []
    contents: set[int] = set()
    used_quotes: set[int] = set()
    cues = lex.cues
    norms = view.norm
    for i in cue_tokens:
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
            elif i == first or prev in preps or not joined_in(prev, lex.notcomp):  # وقبل أن، وكما أن
                return i, "clause"
        elif cue.noun and t in preps and (i == first or i == j or view.comma[i - 1]):
            nxt = i + 1
            if nxt < stop and norm[nxt] not in complementizers and nxt not in close_of:
                return nxt, "noun"
        elif i > first and t in cues and cues[t].kind in ("verb", "participle", "relay") and not cues[t].other_sense:
            return None  # another saying starts; not عبر or جاء, mostly "via" and "came" (قال عبر تويتر إن)
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
    resumed = j < stop and view.norm[j] in lex.resumptives
    if resumed:
        j = _skip_times(view, lex, j + 1, stop)  # في الوقت الذي أعلن فيه الوزير أن: the subject follows the pronoun
    elif cue.within:
        if not (j + 1 < stop and view.norm[j] == "في" and lex.stem(view.norm[j + 1]) in lex.documents):
            return None  # جاء is "came" unless a document or a speech holds the words
        j += 1
    before = _subject_of_copula(view, lex, i) if not resumed and not cue.within else None
    k = _subject(view, lex, j, stop, cue) if before is None else j  # قد أعلنت أمس: the subject came before
    if k > j and (resumed or cue.after) and not (is_source(view, lex, j, k) and not (
            cue.after and lex.stem(view.norm[j]) in lex.documents)):
        k = j  # أعلن فيها تكفير، عبر حسابه: an object or an adjunct, no speaker
    if cue.after and k == j and not resumed and before is None:
        return None  # عبر without a speaker after it is "via"
    if k < stop - 1 and view.norm[k] in lex.issuers and lex.stem(view.norm[j]) in lex.documents \
            and view.ent[k + 1] >= 0:
        k = _subject(view, lex, k + 1, stop, cue)  # بيان صادر عن الوزارة: the issuer is part of the phrase
    found = _content(view, lex, cue, k, stop, i + 1)
    if found is None:
        return None
    content, mode = found
    if cue.after and not any(view.norm[x] in cue.preps for x in range(k, content)):
        return None  # عبر must say what about (عبر فلان عن أمله); وعبر وسائل إعلامهم ...: متسائلين is "via"
    np = (j, k) if k > j else None
    if np is not None and i > 0 and view.norm[i - 1] in lex.relatives and not resumed:
        return None  # الذي أعلن الحرب: in a relative clause what follows the verb is its object (not الذي أعلن فيه)
    left = i
    if before is not None:
        np, left = before, before[0] - 1
    elif np is None and not resumed:  # after فيه the speaker is the speech's author, read when resolving
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
    while a < i and (view.norm[a] in lex.leads or view.kind[a] == "punct"):
        a += 1
    b = i
    while b > a and (view.kind[b - 1] == "punct" or view.norm[b - 1] in lex.relatives
                     or view.norm[b - 1] in lex.preverbs):
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


def _subject_of_copula(view: View, lex: Lexicon, i: int) -> tuple[int, int] | None:
    """Return the subject between كان and قد before the verb at token i (وكانت الوزارة قد أعلنت), if any."""
    q = i - 1
    if q < 2 or view.norm[q] not in lex.preverbs:
        return None
    s0 = view.sentence_start(i)
    for k in range(q - 1, max(s0, q - MAX_SUBJECT) - 1, -1):
        norm = view.norm[k]
        if view.is_punct(k, COMMAS) or norm in lex.complementizers or norm in lex.cues:
            return None
        if joined_in(norm, lex.copulas):
            a, b = k + 1, q
            while a < b and view.kind[a] == "punct":
                a += 1
            while b > a and view.kind[b - 1] == "punct":
                b -= 1
            if a < b and view.kind[a] == "word" and view.norm[a] not in lex.adjuncts and view.norm[a] not in lex.times:
                return a, b  # what stands between كان and قد is its subject (not كان من المقرر)
            return None
    return None


def _participle(view: View, lex: Lexicon, i: int, cue: Cue) -> Cand | None:
    if i > 0 and view.kind[i - 1] == "word" and _predicate(view, lex, i, cue):
        return None
    stop = view.sentence_end(i)
    found = _content(view, lex, cue, i + 1, stop, i + 1)
    if found is None:
        return None
    return Cand(i, i + 1, "participle", cue.gender, found[0], found[1], i)


def _predicate(view: View, lex: Lexicon, i: int, cue: Cue) -> bool:
    """Tell whether the participle at token i is an adjective or a predicate, not a saying.

    ليس مؤكدا أن، يبدو واضحا أن: after a copula; قيودا مشددة على، أمرا مؤكدا أنه: after an indefinite noun
    it qualifies (not after an adverb, a pronoun or a prepositional phrase: قريبا مؤكدا، حولها مؤكدا، بشدة مؤكدة).
    """
    prev = view.norm[i - 1]
    if joined_in(prev, lex.copulas):
        return True
    if not cue.adjective or len(prev) < 3 or view.cover[i - 1] >= 0 or view.has_article(i - 1) \
            or prev in lex.times or prev in lex.adverbs or prev in lex.cues or prev.endswith(("ها", "نا")) \
            or prev[0] == "ب":
        return False
    return prev.endswith("ا") or (view.norm[i].endswith("ه") and prev.endswith("ه"))


def _saying(view: View, lex: Lexicon, i: int, cue: Cue) -> Cand | None:
    """Read نقلت X عن Y قوله إن ...: the speaker sits between عن and قوله."""
    s0 = view.sentence_start(i)
    an = -1
    for k in range(i - 1, max(s0, i - MAX_RELAY) - 1, -1):
        if view.norm[k] in lex.sources and not view.quoted[k]:
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
    if j >= stop or not is_source(view, lex, j, k):
        return None
    s0 = view.sentence_start(i)
    lead = i - s0
    if lead == 0 or (lead == 1 and view.norm[s0] == "و"):
        a = k
        while a < stop and (view.kind[a] == "punct" or view.norm[a] in lex.resumes):
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
    if norm in lex.resumes:
        return False  # وفقا للمشرف علي حدادي فإن ...: the source ends where the sentence resumes
    if view.cover[k] >= 0 or norm in lex.adjuncts:
        return view.cover[k] >= 0
    if norm.startswith(("ال", "لل", "وال", "بال")):
        return True
    prev = view.norm[k - 1]
    return not prev.startswith("ال") and norm.endswith(("ي", "يه", "ه", "ون", "ين"))


def is_source(view: View, lex: Lexicon, a: int, b: int) -> bool:
    """Tell whether the phrase at token a may speak: a person, an organisation, a role, a group or a document."""
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
    if cue is None or cue.kind != "verb" or cue.other_sense:
        return None  # «...» جاء فيه: the title of what is quoted next, not a quote of its own
    stop = view.sentence_end(k)
    j = _skip_times(view, lex, k + 1, stop)
    e = _subject(view, lex, j, stop, cue)
    if e < stop and not view.is_punct(e, COMMAS) and view.norm[e] not in lex.adjuncts:
        return None
    return Cand(k, k + 1, "after", cue.gender, o + 1, "quote", o, np=(j, e) if e > j else None, end=close)
