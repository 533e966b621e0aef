"""Quotes stage: direct quotes and reported speech, each with its speaker, cue and relaying outlet."""

from __future__ import annotations

from khabar.arabic import strip_diacritics
from khabar.document import Document, Quote
from khabar.resources import Resources
from khabar.stages import word_notes
from khabar.stages.quote_find import MAX_GAP, MAX_SUBJECT, MIN_TEXT_WORDS, Cand, find, is_source
from khabar.stages.quote_lexicon import Lexicon, joined_in, load_lexicon
from khabar.stages.quote_speakers import RoleEntry, Roles, Speaker, resolve
from khabar.stages.quote_subjects import person_before, sentence_subject
from khabar.stages.quote_view import COMMAS, STOPS, View

MAX_ANTECEDENT = 4  # words of the definite phrase a relative pronoun refers back to
_GOVERNED = ("بال", "لل", "كال")  # a preposition fused with the article: the phrase after it is governed, no subject
_MARKS = "\"«»“”"  # quotation marks around a name inside a phrase
_AUTHOR_REACH = 6  # words after a speech within which its author is named (اتصالا هاتفيا أمس، من فلان)


def run(doc: Document, resources: Resources) -> Document:
    """Find the attributed statements of the body and resolve who made them."""
    if not doc.tokens:
        doc.quotes = []
        return doc
    lex = load_lexicon(resources)
    noted = word_notes.columns(doc, resources)[1]
    view = View(doc, noted[word_notes.COMMA])
    cands = find(view, lex, noted[word_notes.QUOTE])
    roles = Roles()
    _resolve(view, lex, roles, cands)
    doc.quotes = _quotes(view, lex, cands)
    return doc


# ---------------------------------------------------------------- speakers

def _resolve(view: View, lex: Lexicon, roles: Roles, cands: list[Cand]) -> None:
    # first pass: named speakers, whose phrases become roles for the descriptions of the second
    for c in cands:
        if c.np is not None:
            c.speaker = resolve(view, lex, roles, c.np[0], c.np[1], c.cue, c.gender, describe=False,
                                told=c.cue_kind != "according")
            if c.speaker is not None:
                roles.entries.append(RoleEntry(c.speaker.words, c.speaker, c.cue))
    last: dict[str, Speaker] = {}
    by_sentence: dict[int, Speaker] = {}
    for c in sorted(cands, key=lambda c: c.cue):
        if c.speaker is None and c.np is not None:
            c.speaker = resolve(view, lex, roles, c.np[0], c.np[1], c.cue, c.gender, told=c.cue_kind != "according")
            if c.speaker is not None and c.speaker.named:
                roles.entries.append(RoleEntry(c.speaker.words, c.speaker, c.cue))
        own = c.np is not None  # the speaker is named with the cue: later dropped subjects continue it
        if c.speaker is None and c.cue_kind == "verb" and c.cue + 1 < view.n \
                and view.norm[c.cue + 1] in lex.resumptives:  # ألقى كلمة قال فيها: the speech's author
            c.speaker = _author(view, lex, roles, c)
            own = c.speaker is not None
        if c.speaker is None:
            s0 = view.sentence_start(c.cue)
            if c.cue_kind == "participle" and s0 in by_sentence:
                c.speaker = by_sentence[s0]
            elif c.cue_kind == "participle" and (subj := sentence_subject(view, lex, roles, s0, c)) is not None:
                c.speaker, own = subj, True
            elif c.cue_kind == "verb" and c.cue > s0 + 1 and (subj := _segment_subject(view, lex, roles, c)):
                c.speaker = subj
            elif c.cue_kind == "verb" and c.cue > s0 + 1 and (subj := _antecedent(view, lex, roles, c)):
                c.speaker = subj
            else:
                # a dropped subject continues the subject of the sentence before when that one quotes no one
                # (أعلن الجيش ... . وأضاف أن), else the last speaker of the verb's gender (وأضاف / وأضافت)
                before = view.sentence_start(s0 - 1) if c.cue_kind == "verb" and c.cue <= s0 + 1 and s0 > 0 else -1
                if before >= 0 and before not in by_sentence:
                    c.speaker = sentence_subject(view, lex, roles, before, c, s0)
                    own = c.speaker is not None
                if c.speaker is None:
                    c.speaker = last.get(c.gender)
        if c.speaker is not None:
            by_sentence[view.sentence_start(c.cue)] = c.speaker
            if own or c.cue_kind != "participle":
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
    while a < k and (view.norm[a] in lex.leads or view.kind[a] == "punct"):
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


def _antecedent(view: View, lex: Lexicon, roles: Roles, c: Cand) -> Speaker | None:
    """Return the speaker a relative pronoun before the verb stands for (السلطات الأفغانية التي قالت إنه)."""
    r = c.cue - 1
    if view.norm[r] in lex.preverbs:
        r -= 1  # التي قد قالت
    if r < 1 or lex.relatives.get(view.norm[r]) != c.gender:
        return None  # قناة السويس التي يتوقع: the pronoun is the verb's object
    e = r - 1 if view.comma[r - 1] else r  # فلان، الذي قال
    person = person_before(view, lex, roles, e, c)
    if person is not None:
        return person  # a person's name right before the pronoun is all of it (المشرف على الفريق فلان الذي)
    a = r
    while a > 0 and r - a < MAX_ANTECEDENT and view.kind[a - 1] == "word" \
            and (view.cover[a - 1] >= 0 or view.has_article(a - 1)) and not view.norm[a - 1].startswith(_GOVERNED) \
            and not (a < r and view.cover[a] >= 0 and view.cover[a - 1] != view.cover[a]):
        a -= 1  # back over one definite phrase: not past a preposition with the article or an entity's start
    # the indefinite heads of a construct chain before it: نائب رئيس فيفا، المتحدث باسم طالبان
    while a > 0 and r - a < 2 * MAX_ANTECEDENT and view.kind[a - 1] == "word" and (
            view.norm[a - 1] in lex.rolelinks or lex.stem(view.norm[a - 1]) in lex.roles):
        a -= 1
    if a > 1 and a < r and view.comma[a - 1] and (person := person_before(view, lex, roles, a - 1, c)):
        return person  # فلان، رئيس المجموعة الذي يرى
    if a == r or view.norm[a].startswith(_GOVERNED) or (a > 0 and view.norm[a - 1] in lex.adjuncts):
        return None  # no definite phrase, or one governed by a preposition (بالدعاية التي، من حزب العمال التي)
    idx = view.cover[a]
    s = lex.stem(view.norm[a])
    if not ((idx >= 0 and view.entities[idx].type in ("PER", "ORG")) or s in lex.roles or s in lex.titles
            or s in lex.unnamed or s in lex.plurals or s in lex.documents):
        return None
    return resolve(view, lex, roles, a, r, c.cue, c.gender)


def _author(view: View, lex: Lexicon, roles: Roles, c: Cand) -> Speaker | None:
    """Return the author of the speech a pronoun after the verb stands for (ألقى الوزير كلمة قال فيها).

    The author is named after the speech (برقية من فلان، تغريدة للناشط فلان، بيان أصدره فلان), right before
    it (ألقى المدير فلان كلمة) or is the subject of the clause the speech is the object of.
    """
    s0 = view.sentence_start(c.cue)
    m, kind = -1, ""
    for t in range(c.cue - 1, max(s0, c.cue - MAX_GAP) - 1, -1):
        kind = lex.speech(view.norm[t]) if view.kind[t] == "word" else ""
        if kind:
            m = t
            break
    if m < 0:
        return None  # في الوقت الذي أكد فيه: the pronoun stands for a time
    for t in range(m + 1, min(c.cue, m + _AUTHOR_REACH)):
        norm = view.norm[t]
        if norm in lex.senders or (t < m + 3 and strip_diacritics(view.text(t, t + 1)).endswith(("ه", "ها"))):
            a = t + 1  # من فلان، أصدره فلان (as written: ه is a pronoun, مماثلة ends in ة)
        elif t < m + 3 and norm[0] == "ل" and kind != "sent":
            a = t  # تغريدة للناشط فلان; برقية للرئيس names whom it was sent to
        else:
            continue
        e = a
        while e < c.cue and e - a < MAX_SUBJECT and view.kind[e] != "punct" and view.norm[e] not in lex.adjuncts:
            e += 1
        if a < e and (is_source(view, lex, a, e) or _names_person(view, a, e)):
            return resolve(view, lex, roles, a, e, c.cue, c.gender)
    e = m - 1 if m > 0 and view.comma[m - 1] else m
    return person_before(view, lex, roles, e, c) or sentence_subject(view, lex, roles, s0, c, m) \
        or _maker(view, lex, roles, c, s0, m)


def _maker(view: View, lex: Lexicon, roles: Roles, c: Cand, s0: int, m: int) -> Speaker | None:
    """Return the subject of the verb that made the speech at token m (أصدرت قيادة القوات بيانا قالت فيه)."""
    for v in range(m - 1, max(s0, m - MAX_SUBJECT) - 1, -1):
        norm = view.norm[v]
        if not joined_in(norm, lex.makers):
            continue
        a = v + 1
        while a < m and (view.norm[a] in lex.times or view.kind[a] == "punct"):
            a += 1
        e = a
        while e < m and view.norm[e] not in lex.adjuncts and view.norm[e] not in lex.times and (
                view.kind[e] != "punct" or view.norm[e] in _MARKS):
            e += 1  # a quoted name is part of it: إدارة نادي "الشباب"
        while e > a and view.kind[e - 1] == "punct":
            e -= 1
        return resolve(view, lex, roles, a, e, c.cue, c.gender) if a < e else None
    return None


def _names_person(view: View, a: int, e: int) -> bool:
    """Tell whether a person's name is among tokens a..e-1 (من صاحب السمو الشيخ فلان)."""
    return any(view.ent[k] >= 0 and view.entities[view.ent[k]].type == "PER" for k in range(a, e))


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
    if cue is not None and cue.kind in ("participle", "verb") and not cue.other_sense:
        return True  # not عبر or جاء, which are mostly "via" and "came" there (، عبر فصل البطارية)
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
