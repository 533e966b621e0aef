"""Events stage: PLOVER events coded from the Arabic text, with actors, status, date and place."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from khabar.document import Actor, Document, Event, Quote, Span
from khabar.resources import Resources
from khabar.stages import arms, word_notes
from khabar.stages.event_actors import Reader, View, is_code
from khabar.stages.event_context import (
    PRECEDENCE,
    Found,
    by_request,
    doer_genitive,
    embed,
    host,
    inherit,
    means,
    supplier,
    verbal,
)
from khabar.stages.event_hits import Hit, find_hits
from khabar.stages.event_lexicon import Analysis, Cue, Trigger, lexicon
from khabar.stages.event_relative import light_relative
from khabar.stages.event_roles import assign
from khabar.stages.word_notes import Note

_SCOPE_BEFORE = {"adj": 2, "near": 6}
_AFTER = 4
_COMPLEMENT = 12  # words from a fear or warning verb to the feared event (يخشى مراقبون من أن يؤدي … إلى هجمات)
# Types whose triggers sports reporting uses for games (يلتقي، هاجم، اشتباك).
_SPORT_TYPES = frozenset({"CONSULT", "ASSAULT", "COERCE", "MOBILIZE"})
_UNNAMED_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})  # events reported with unnamed doers (مسلحون، الشرطة)
_UNNAMED_KINDS = frozenset({"unnamed", "head"})
_UNNAMED_ONLY = frozenset({"unnamed"})
Candidate = tuple[int, tuple[Analysis, ...]]  # a token (document-wide index) and its analyses


def run(doc: Document, resources: Resources) -> Document:
    """Find the events of each body sentence and the arms transfers they describe."""
    lex = lexicon(resources)
    doc.events = []
    doc.arms_transfers = []
    if not doc.tokens or not doc.sentences:
        return doc
    notes, noted = word_notes.columns(doc, resources)
    listed = noted[word_notes.EVENT_LISTED]
    triggers = _candidates(doc, notes, listed)
    if not triggers:
        return doc
    weapons = arms.weapon_table(resources)
    reader = Reader(doc, lex, notes)
    weapon_starts = sorted(m.start for e in doc.entities if e.type == "WEAPON" for m in e.mentions)
    sentences: list[tuple[View, list[Hit], list[Candidate]]] = []
    built: dict[int, View] = {}  # views made to look for weapons, filled if the sentence has hits

    def weapon_in(s_idx: int) -> bool:
        view = built[s_idx] = reader.view(s_idx)
        return arms.has_weapon(view, weapons, weapon_starts)

    for s_idx, trig in triggers:  # cue words alone make no event
        lo, hi = reader.span(s_idx)
        tokens = doc.tokens[lo:hi]
        # a sentence gets its View only once a trigger holds up in context (for about 6 sentences in 10)
        hits = find_hits(tokens, [(gi - lo, an) for gi, an in trig], lambda s=s_idx: weapon_in(s), lex.firsts,
                         lex.context["actnext"])
        if hits:
            view = built.get(s_idx) or reader.view(s_idx)
            reader.fill(view, {k for h in hits for k in range(h.t0, h.t1 + 1)},
                        {h.t1 for h in hits if h.pos == "n" or _nominal(view, h)})
            sentences.append((view, hits, _cue_words(notes, listed, lo, hi)))
    if not sentences:
        return doc
    quotes = _Quotes(doc, reader, {v.index: v for v, _, _ in sentences})
    # actor values that are a person's own name, with no state or group standing behind them
    private = frozenset(e.name for e in doc.entities if e.type == "PER" and not e.code)
    events: list[Event] = []
    found_all: list[tuple[View, list[Found]]] = []
    previous: list[Found] = []
    for view, hits, cue_reads in sentences:
        sport = "sport" in view.kinds
        if sport:  # يلتقي المنتخبان، هجوم الفريق: games, not meetings or attacks
            hits = [h for h in hits if h.entry.plover not in _SPORT_TYPES]
            if not hits:
                continue
        cues = _cues(view, cue_reads)
        found: list[Found] = []
        for hit in hits:
            roles = assign(view, hit, lex.context)
            status = _status(view, hit, cues)
            quote = quotes.at(view.tokens[hit.t0].start)
            found.append(Found(hit, roles, status, quote is not None, quotes.speaker_code(quote) if hit.we else None))
        verbal(view, found, lex.context)
        doer_genitive(view, found, lex.context)
        light_relative(view, found, lex.words)
        embed(view, found)
        inherit(view, found, previous, lex.context)
        means(view, found, lex.context)
        by_request(view, found)
        supplier(view, found, weapons)
        host(view, found, lex.context)
        for f in found:
            new = _events(doc, view, f, private, lex.words)
            if sport:  # a club's request to a player's agent is sport; a state's or the UN's is not
                new = [e for e in new if is_code(e.source.code) or is_code(e.target.code)]
            events.extend(new)
        previous = (previous + found)[-12:]
        found_all.append((view, found))
    doc.events = _drop_redundant(events)
    doc.arms_transfers = arms.transfers(doc, found_all, weapons)
    return doc


def _candidates(doc: Document, notes: list[Note], read: list[int]) -> list[tuple[int, list[Candidate]]]:
    """Return the sentences with trigger words, from the words with readings."""
    triggers: dict[int, list[Candidate]] = {}
    tokens = doc.tokens
    for gi in read:
        trig = notes[gi][word_notes.EVENT][0][0]
        if trig:
            triggers.setdefault(tokens[gi].sentence, []).append((gi, trig))
    return sorted((s, r) for s, r in triggers.items() if 0 <= s < len(doc.sentences))


def _cue_words(notes: list[Note], read: list[int], lo: int, hi: int) -> list[Candidate]:
    """Return the cue words among a sentence's tokens [lo, hi) (sentence-local), read only for sentences with hits."""
    out: list[Candidate] = []
    for gi in read[bisect_left(read, lo):bisect_left(read, hi)]:
        cue = notes[gi][word_notes.EVENT][0][1]
        if cue:
            out.append((gi - lo, cue))
    return out


class _Quotes:
    """The article's quotes, and the side each speaker stands for (for "we" inside a quote)."""

    def __init__(self, doc: Document, reader: Reader, views: dict[int, View]) -> None:
        self.doc = doc
        self.reader = reader
        self.views = views
        self.spans = [(q.start, q.end, i) for i, q in enumerate(doc.quotes)]
        self.codes: dict[int, str | None] = {}
        self.learned: dict[int, str] = {}

    def at(self, offset: int) -> int | None:
        """Return the index of the quote containing an offset, or None."""
        return next((i for start, end, i in self.spans if start <= offset < end), None)

    def speaker_code(self, index: int | None) -> str | None:
        """Return the code of a quote's speaker: the entity's, or the phrase that introduced a quote of theirs."""
        if index is None:
            return None
        if index not in self.codes:
            for i in range(index + 1):  # in order: an earlier quote may teach the speaker's side
                if i not in self.codes:
                    self.codes[i] = self._resolve(self.doc.quotes[i])
        return self.codes[index]

    def _resolve(self, q: Quote) -> str | None:
        ent = next((e for e in self.doc.entities if e.id == q.speaker), None) if q.speaker is not None else None
        code = None
        if ent is not None:
            code = ent.code or self.reader.affiliation.get(ent.id) or self.learned.get(ent.id)
        if code is None:
            # the phrase that introduces the quote: نقلت … عن رئيس شركة … الروسية قوله
            starts = [sent.start for sent in self.doc.sentences]
            s_idx = max(0, bisect_right(starts, q.start) - 1)
            view = self.views.get(s_idx)
            if view is None:
                view = self.views[s_idx] = self.reader.view(s_idx)
                self.reader.fill(view, set(), set())
            for slot in view.slots:
                if view.tokens[slot.t1].end > q.start:
                    break
                code = next((a.code for a in slot.actors if a.code and a.code.isupper() and a.code.isascii()),
                            None) or code
            if code is not None and ent is not None:
                self.learned[ent.id] = code
        return code


def _nominal(view: View, hit: Hit) -> bool:
    """Tell whether a bare attack verb form before an indefinite word reads as its noun (قصف إسرائيلي، ضرب جوي)."""
    toks = view.tokens
    form = hit.entry.form
    return (hit.t0 == hit.t1 and hit.entry.plover == "ASSAULT" and toks[hit.t0].norm in (form, "و" + form)
            and "victim" not in hit.entry.flags and hit.t1 + 1 < len(toks) and toks[hit.t1 + 1].kind == "word"
            and not toks[hit.t1 + 1].norm.startswith(("ال", "وال")))  # قصفت طائرة أمريكية: an inflected verb


def _cues(view: View, reads: list[Candidate]) -> list[tuple[int, int, Cue]]:
    """Find the modality cues of a sentence; a longer cue masks the shorter ones inside it."""
    out: list[tuple[int, int, Cue]] = []
    taken: set[int] = set()
    toks = view.tokens
    for i, analyses in reads:
        if i in taken:
            continue
        best: tuple[int, int, Cue] | None = None
        for an in analyses:
            cue = an.form.entry
            if not isinstance(cue, Cue):
                continue
            end = i
            ok = True
            for accepted in cue.words:
                if end + 1 < len(toks) and (view.norms[end + 1] in accepted or toks[end + 1].norm in accepted):
                    end += 1
                else:
                    ok = False
                    break
            if ok and (best is None or end > best[1]):
                best = (i, end, cue)
        if best is not None:
            taken.update(range(best[0], best[1] + 1))
            if best[2].status != "none":
                out.append(best)
    return out


def _status(view: View, hit: Hit, cues: list[tuple[int, int, Cue]]) -> str:
    status = "imminent" if hit.future else "done"
    c = view.clause[hit.t0]
    for c0, c1, cue in cues:
        scope = cue.scope
        if scope in _SCOPE_BEFORE:
            reach = c1 < hit.t0 and hit.t0 - c1 <= _SCOPE_BEFORE[scope] and view.clause[c1] == c
        elif scope == "sent":
            reach = c1 < hit.t0
        elif scope == "comp":  # the cue's clause or its complement clause (من أن …)
            reach = c1 < hit.t0 and hit.t0 - c1 <= _COMPLEMENT and 0 <= c - view.clause[c1] <= 1
        elif scope == "after":
            reach = hit.t1 < c0 <= hit.t1 + _AFTER and view.clause[c0] == c
        else:
            reach = c1 < hit.t0 and view.clause[c1] == c
        if reach and PRECEDENCE[cue.status] > PRECEDENCE[status]:
            status = cue.status
    return status


def _events(doc: Document, view: View, f: Found, private: frozenset[str],
            words: dict[str, tuple[str, str]]) -> list[Event]:
    hit, roles, entry = f.hit, f.roles, f.hit.entry
    sources: list[Actor | None]
    targets: list[Actor | None]
    if roles.pair and roles.source is not None:
        sources, targets = [roles.source.actors[0]], list(roles.source.actors[1:])
    else:
        sources = list(roles.source.actors) if roles.source else [_unnamed(view, hit, words)]
        targets = list(roles.target.actors) if roles.target else [None]
        if ("sym" in entry.flags and roles.target is None and roles.source is not None and len(sources) == 2
                and not f.inherited):
            sources, targets = sources[:1], sources[1:]  # روسيا وتركيا تقتربان من توقيع عقد
    solo = "solo" in entry.flags
    out: list[Event] = []
    toks = view.tokens
    trig = Span(toks[hit.t0].start, toks[hit.t1].end)
    for s in sources:
        for t in targets:
            if s is not None and t is not None and s.code == t.code:
                continue
            if (s is None or t is None or s.code is None) and not solo:
                continue
            if s is not None and t is not None and s.code in private and t.code in private:
                continue  # two private persons (a panel, a visit by a relative) are no event for the dataset
            if "travel" in entry.flags and s is not None and s.code in private:
                continue  # a private person's journey is no visit between states
            out.append(Event(
                type=entry.plover, source=s or Actor(None), target=t or Actor(None), trigger=trig,
                trigger_text=doc.text[trig.start:trig.end], sentence=Span(view.start, view.end), status=f.status,
                date=_date(doc, view, trig.start), location=_location(view, hit),
                confidence=_confidence(f, s, t), cameo=entry.cameo[:2] or None, symmetric=_symmetric(entry),
                in_quote=f.in_quote,
            ))
    return out


def _unnamed(view: View, hit: Hit, words: dict[str, tuple[str, str]]) -> Actor | None:
    """Return the unnamed doer of a harm or protest event with its sector (هاجم مسلحون، اعتقلت الشرطة), or None."""
    entry = hit.entry
    if entry.plover not in _UNNAMED_TYPES or "victim" in entry.flags:  # خمسة جنود قتلوا: the soldiers were killed
        return None
    toks, kinds = view.tokens, view.kinds
    if hit.pos == "n":  # هجوم انتحاري، هجمات المسلحين; a head noun after an attack noun is as often its object
        spots = ((hit.t1 + 1, _UNNAMED_ONLY),) if hit.t0 == hit.t1 and "obj" not in entry.targets else ()
    else:
        # وهاجمت أنصار الحزب: after a verb coordinated with an earlier one the subject is dropped, a head is the object
        dropped = toks[hit.t0].norm != view.norms[hit.t0] and any(k < hit.t0 for k in view.triggers)
        after = (hit.t1 + 1, _UNNAMED_ONLY if dropped or hit.suffix else _UNNAMED_KINDS)
        before = (hit.t0 - 1, _UNNAMED_KINDS)  # الشرطة اعتقلت، at the clause's opening only
        opens = hit.t0 < 2 or view.clause[hit.t0 - 2] != view.clause[hit.t0] or toks[hit.t0 - 2].kind == "punct"
        spots = (after, before) if opens else (after,)
    c = view.clause[hit.t0]
    for k, allowed in spots:
        if 0 <= k < len(toks) and view.clause[k] == c and kinds[k] in allowed and k not in view.triggers \
                and not any(s.t0 <= k <= s.t1 for s in view.slots):
            tok = toks[k]
            sector = (words.get(tok.norm) or ("", ""))[1]
            if sector and (sector != "REB" or kinds[k] == "unnamed"):  # عناصر، أنصار: whose is unknown
                return Actor(None, mention=Span(tok.start, tok.end), text=tok.text, sector=sector)
    return None


def _symmetric(entry: Trigger) -> bool:
    # cooperation and agreements are mutual whatever the verb's direction (supply, purchase); visits are not
    return "sym" in entry.flags or entry.plover in ("COOPERATE", "AGREE") or (
        entry.plover == "CONSULT" and "travel" not in entry.flags)


def _drop_redundant(events: list[Event]) -> list[Event]:
    """Drop an event with one side unknown when the same actor has that event with a known counterpart."""
    full = [e for e in events if e.source.code and e.target.code]
    known_src = {(e.type, e.source.code) for e in full}
    known_tgt = {(e.type, e.target.code) for e in full}
    out = []
    for e in events:
        if e.source.code and not e.target.code and (e.type, e.source.code) in known_src:
            continue
        if e.target.code and not e.source.code and (e.type, e.target.code) in known_tgt:
            continue
        out.append(e)
    return out


def _confidence(f: Found, s: Actor | None, t: Actor | None) -> float:
    conf = 0.75 if f.hit.entry.origin == "khabar" else 0.45
    if "weak" in f.hit.entry.flags:
        conf -= 0.1
    if f.inherited:
        conf -= 0.15
    if s is None or t is None:
        conf -= 0.15
    if f.in_quote:
        conf -= 0.05
    return round(max(0.05, min(0.95, conf)), 2)


def _date(doc: Document, view: View, at: int) -> str | None:
    best: tuple[int, str] | None = None
    for d in doc.dates:
        if d.iso and view.start <= d.start < view.end:
            dist = abs(d.start - at)
            if best is None or dist < best[0]:
                best = (dist, d.iso)
    return best[1] if best else (doc.published or doc.date)


def _location(view: View, hit: Hit) -> str | None:
    c = view.clause[hit.t0]
    best: tuple[int, str] | None = None
    for k, name in view.places:
        if view.clause[k] == c:
            dist = abs(k - hit.t0)
            if best is None or dist < best[0]:
                best = (dist, name)
    return best[1] if best else None
