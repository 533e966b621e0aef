"""Events stage: PLOVER events coded from the Arabic text, with actors, status, date and place."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from khabar.document import Actor, Document, Event, Quote, Span
from khabar.resources import Resources
from khabar.stages import arms
from khabar.stages.event_actors import Reader, Slot, View
from khabar.stages.event_lexicon import NOTHING, Analysis, Cue, Lexicon, Reads, Trigger, lexicon
from khabar.stages.event_roles import Hit, Roles, assign, find_hits, topic

# Status precedence when several cues reach one trigger: the strongest reading wins.
_PRECEDENCE = {s: i for i, s in enumerate(
    ("done", "ongoing", "imminent", "threatened", "conditional", "hypothetical", "denied"))}
_SCOPE_BEFORE = {"adj": 2, "near": 6}
_AFTER = 4
# Triggers whose complement is not (yet) an event: دعا إلى وقف…, هدد بفرض عقوبات.
_EMBEDDING = {"REQUEST": "hypothetical", "THREATEN": "threatened"}
_EMBED_WINDOW = 4
# Words that make a visit the time of the sentence's main event (أثناء زيارة …، وقعت …).
_DURING = frozenset({"خلال", "اثناء", "عقب", "بعد", "قبل"})
# Types whose triggers sports reporting uses for games (يلتقي، هاجم، اشتباك).
_SPORT_TYPES = frozenset({"CONSULT", "ASSAULT", "COERCE", "MOBILIZE"})
# Clause openers whose pronoun refers back to the sentence's subject (أعلن فابيوس أنه سيتوجه).
_PRONOUN_OPENERS = frozenset({"انه", "انها", "بانه", "بانها", "لانه", "لانها", "حيث"})


@dataclass(slots=True)
class Found:
    """A trigger with its roles and status, before it becomes one or more events."""

    hit: Hit
    roles: Roles
    status: str
    in_quote: bool
    speaker: str | None
    inherited: bool = False


def run(doc: Document, resources: Resources) -> Document:
    """Find the events of each body sentence and the arms transfers they describe."""
    lex = lexicon(resources)
    doc.events = []
    doc.arms_transfers = []
    if not doc.tokens or not doc.sentences:
        return doc
    weapons = arms.weapon_table(resources)
    reader = Reader(doc, lex)
    weapon_starts = sorted(m.start for e in doc.entities if e.type == "WEAPON" for m in e.mentions)
    sentences: list[tuple[View, list[Hit], list[tuple[int, tuple[Analysis, ...]]]]] = []
    for s_idx, reads in _candidates(doc, lex):
        view = reader.view(s_idx)
        lo = reader.span(s_idx)[0]
        trig = [(gi - lo, r[0]) for gi, r in reads if r[0]]
        if not trig:
            continue
        hits = find_hits(view, trig, lambda v=view: arms.has_weapon(v, weapons, weapon_starts))
        if hits:
            reader.fill(view, {k for h in hits for k in range(h.t0, h.t1 + 1)}, {h.t1 for h in hits if h.pos == "n"})
            sentences.append((view, hits, [(gi - lo, r[1]) for gi, r in reads if r[1]]))
    if not sentences:
        return doc
    quotes = _Quotes(doc, reader, {v.index: v for v, _, _ in sentences})
    # actor values that are a person's own name, with no state or group standing behind them
    private = frozenset(e.name for e in doc.entities if e.type == "PER" and not e.code)
    events: list[Event] = []
    found_all: list[tuple[View, list[Found]]] = []
    previous: list[Found] = []
    for view, hits, cue_reads in sentences:
        if "sport" in view.kinds:  # يلتقي المنتخبان، هجوم الفريق: games, not meetings or attacks
            hits = [h for h in hits if h.entry.plover not in _SPORT_TYPES]
            if not hits:
                continue
        cues = _cues(view, cue_reads)
        found: list[Found] = []
        for hit in hits:
            roles = assign(view, hit)
            status = _status(view, hit, cues)
            quote = quotes.at(view.tokens[hit.t0].start)
            found.append(Found(hit, roles, status, quote is not None, quotes.speaker_code(quote) if hit.we else None))
        _embed(view, found)
        _inherit(view, found, previous)
        _by_request(view, found)
        _supplier(view, found, weapons)
        _host(view, found)
        for f in found:
            events.extend(_events(doc, view, f, private))
        previous = (previous + found)[-12:]
        found_all.append((view, found))
    doc.events = _drop_redundant(events)
    doc.arms_transfers = arms.transfers(doc, found_all, weapons)
    return doc


def _candidates(doc: Document, lex: Lexicon) -> list[tuple[int, list[tuple[int, Reads]]]]:
    """Return, per sentence, its words that read as a trigger or a cue: one cached lookup per token."""
    cache = lex.cache
    read = lex.read
    out: dict[int, list[tuple[int, Reads]]] = {}
    for gi, t in enumerate(doc.tokens):
        if t.kind != "word":
            continue
        reads = cache.get(t.norm)
        if reads is None:
            reads = read(t.norm)
        if reads is not NOTHING:
            out.setdefault(t.sentence, []).append((gi, reads))
    return sorted((s, r) for s, r in out.items() if 0 <= s < len(doc.sentences))


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


def _cues(view: View, reads: list[tuple[int, tuple[Analysis, ...]]]) -> list[tuple[int, int, Cue]]:
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
        elif scope == "after":
            reach = hit.t1 < c0 <= hit.t1 + _AFTER and view.clause[c0] == c
        else:
            reach = c1 < hit.t0 and view.clause[c1] == c
        if reach and _PRECEDENCE[cue.status] > _PRECEDENCE[status]:
            status = cue.status
    return status


def _embed(view: View, found: list[Found]) -> None:
    """Mark events inside a request or threat as not done, and lend their target to it."""
    for i, outer in enumerate(found):
        mode = _EMBEDDING.get(outer.hit.entry.plover)
        if mode is None:
            continue
        for inner in found[i + 1:]:
            # a demand reaches its whole clause (دعا … إلى وقف العنف وبدء مفاوضات); a threat its next words
            if (mode == "threatened" and inner.hit.t0 - outer.hit.t1 > _EMBED_WINDOW) or (
                    view.clause[inner.hit.t0] != view.clause[outer.hit.t0]):
                break
            if _PRECEDENCE[mode] > _PRECEDENCE[inner.status]:
                inner.status = mode
            if outer.roles.target is None and inner.roles.target is not None:
                outer.roles.target = inner.roles.target
            if inner.roles.source is None:
                inner.roles.source = outer.roles.source


def _supplier(view: View, found: list[Found], weapons: arms.WeaponTable) -> None:
    """Make a weapon's maker the source of a supply with no other supplier (وصول طائرات رافال الفرنسية)."""
    for f in found:
        entry = f.hit.entry
        if entry.plover != "COOPERATE" or "arms" not in entry.flags:
            continue
        source, target = f.roles.source, f.roles.target
        if "rev" in entry.flags:  # تسلمتها مصر: the receiver is the subject, the maker gave
            if target is None and source is not None:
                receivers = {a.code for a in source.actors}
                origin = next((o for _, o in arms.systems_in(view, weapons) if o and o not in receivers), None)
                if origin is not None:
                    tok = view.tokens[f.hit.t0]
                    f.roles.target = Slot(f.hit.t0, f.hit.t0, [Actor(code=origin, text=tok.text)], "")
            continue
        targets = {a.code for a in target.actors} if target else set()
        if source is not None and not {a.code for a in source.actors} <= targets:
            continue
        origin = next((o for _, o in arms.systems_in(view, weapons) if o and o not in targets), None)
        if origin is not None:
            tok = view.tokens[f.hit.t0]
            f.roles.source = Slot(f.hit.t0, f.hit.t0, [Actor(code=origin, text=tok.text)], "")
            f.inherited = True


def _host(view: View, found: list[Found]) -> None:
    """Give a visit named in a time phrase its host: أثناء زيارة للرئيس الصيني وقعت المالديف اتفاقا."""
    for i, f in enumerate(found):
        entry = f.hit.entry
        if "travel" not in entry.flags or f.hit.pos != "n" or f.roles.source is None or f.roles.target is not None:
            continue
        if f.hit.t0 == 0 or view.norms[f.hit.t0 - 1] not in _DURING:
            continue
        host = next((g.roles.source for g in found[i + 1:] if g.hit.pos == "v" and g.roles.source is not None
                     and view.clause[g.hit.t0] == view.clause[f.hit.t0]), None)
        if host is not None and host is not f.roles.source:
            f.roles.target = host


def _by_request(view: View, found: list[Found]) -> None:
    """Code "at the request of Y" as Y asking the actor of the event it explains (بناء على طلب من)."""
    requesters: list[Slot | None] = []
    for i, f in enumerate(found):
        if "byreq" not in f.hit.entry.flags:
            continue
        requester = f.roles.target or f.roles.source
        asked = next((p.roles.source for p in reversed(found[:i]) if p.roles.source is not None
                      and "byreq" not in p.hit.entry.flags), None)
        if asked is None:  # إسلام آباد أرجأتها … عند طلب من طالبان: the clause's subject
            c = view.clause[f.hit.t0]
            asked = next((s for s in view.slots if s.t1 < f.hit.t0 and s.prep == "" and view.clause[s.t0] == c
                          and s not in requesters), None) or topic(view, f.hit.t0)
        requesters.append(requester)
        f.roles.source, f.roles.target = requester, asked


def _inherit(view: View, found: list[Found], previous: list[Found]) -> None:
    """Give a subject-less trigger its actors from context: the quote's speaker or the verb before."""
    for i, f in enumerate(found):
        roles = f.roles
        prev = found[i - 1] if i > 0 else None
        if (roles.source is not None and roles.target is None and prev is not None and f.hit.pos == "v"
                and prev.hit.pos == "v" and prev.roles.source is roles.source and prev.roles.target is not None):
            roles.target = prev.roles.target  # فرضت واشنطن عقوبات على أنقرة، وهددت بـ…
        if roles.source is not None:
            if ("sym" in f.hit.entry.flags and roles.target is None and len(roles.source.actors) == 1
                    and roles.how == "vso"):
                top = topic(view, f.hit.t0)
                if top is not None and top is not roles.source:
                    roles.target = top  # حيث سيلتقي الرئيس الإيراني: the visitor is the other side
            continue
        hit = f.hit
        tok = view.tokens[hit.t0]
        if hit.we:
            if f.in_quote and f.speaker:
                roles.source = Slot(hit.t0, hit.t0, [Actor(code=f.speaker, text=tok.text)], "")
            continue
        if "weak" in hit.entry.flags:
            continue  # a weak trigger codes only what its own sentence states
        prev = found[i - 1] if i > 0 else None
        if (hit.pos == "v" and prev is not None and prev.roles.source is not None and prev.hit.pos == "v"
                and tok.norm[:1] in ("و", "ف") and tok.norm != view.norms[hit.t0]):  # a coordinated verb: وهددت
            roles.source = prev.roles.source
            f.inherited = True
            if roles.target is None and prev.roles.target is not None:
                roles.target = prev.roles.target
            continue
        top = topic(view, hit.t0)
        if hit.pos == "v" and top is not None and top is not roles.target and _pronoun_clause(view, hit.t0):
            roles.source = top  # أعلن فابيوس أنه سيتوجه إلى طهران
            f.inherited = True
            continue
        if hit.entry.plover != "AID":
            continue  # aid stories name the donor once, then list what each recipient gets
        for p in reversed(previous[-4:]):
            if p.hit.entry.plover == hit.entry.plover and p.roles.source is not None:
                roles.source = p.roles.source
                f.inherited = True
                break


def _pronoun_clause(view: View, t0: int) -> bool:
    """Tell whether the trigger's clause opens with "that he/she" (أنه، بأنها) or حيث: its subject is the topic."""
    c = view.clause[t0]
    k = t0
    while k > 0 and view.clause[k - 1] == c:
        k -= 1
    return view.norms[k] in _PRONOUN_OPENERS


def _events(doc: Document, view: View, f: Found, private: frozenset[str]) -> list[Event]:
    hit, roles, entry = f.hit, f.roles, f.hit.entry
    sources: list[Actor | None]
    targets: list[Actor | None]
    if roles.pair and roles.source is not None:
        sources, targets = [roles.source.actors[0]], list(roles.source.actors[1:])
    else:
        sources = list(roles.source.actors) if roles.source else [None]
        targets = list(roles.target.actors) if roles.target else [None]
        if ("sym" in entry.flags and roles.target is None and roles.source is not None and len(sources) > 1
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
            if (s is None or t is None) and not solo:
                continue
            if s is not None and t is not None and s.code in private and t.code in private:
                continue  # two private persons (a panel, a visit by a relative) are no event for the dataset
            if "travel" in entry.flags and s is not None and s.code in private:
                continue  # a private person's journey is no visit between states
            out.append(Event(
                type=entry.plover, source=s or Actor(None), target=t or Actor(None), trigger=trig,
                trigger_text=doc.text[trig.start:trig.end], sentence=Span(view.start, view.end), status=f.status,
                date=_date(doc, view, trig.start), location=_location(view, hit),
                confidence=_confidence(f, s, t), cameo=entry.cameo, symmetric=_symmetric(entry),
                in_quote=f.in_quote,
            ))
    return out


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
