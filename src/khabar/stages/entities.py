"""Entity stage: people, organisations, places, nationalities and weapon systems, grouped per article.

Recognition runs over the body tokens: gazetteer phrases first (states, places, organisations, known
people, weapons; proclitics و ف ب ل ك are never part of a name), then organisation and place head words
(وزارة الخارجية الروسية، مديرية باجل), then person cues (titles, roles, speech verbs, known first names),
then, when asked for (KHABAR_NER_TAGGER=1), the CRF tagger's full person names that no rule found.
Mentions are grouped into entities: surnames and spelling variants join the full name of a person.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter

from khabar.arabic import normalize, split_sentences, strip_diacritics, tokenize
from khabar.document import Document, Entity, Mention, Token
from khabar.resources import Resources
from khabar.stages import entity_tagger, word_notes
from khabar.stages.entity_lexicon import Entry, Lexicon, get_lexicon, phrase_key
from khabar.stages.entity_rules import Cand, Scanner

# Entries whose display name is better than the article's spelling (hand-written tables).
_CANONICAL_KINDS = {"state", "capital", "city", "region", "water", "facility", "igo", "media", "group", "gov",
                    "company", "ngo", "sport", "mountain"}
_VOWELS = str.maketrans("", "", "اويىءه")
_MARKS = frozenset(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}  # harakat, dagger alef, tatweel
_NO_QUOTES = str.maketrans("", "", "\"«»“”„")
_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
# A surname this short is too often a common word to be looked for on its own.
SURNAME_MIN_LETTERS = 3
# Names and their spellings recur across articles (المملكة، الرياض): their cleaned and matching forms are cached.
TEXT_CACHE_MAX = 50_000
_normalize = lru_cache(maxsize=TEXT_CACHE_MAX)(normalize)
_phrase_key = lru_cache(maxsize=TEXT_CACHE_MAX)(phrase_key)  # dateline places and agencies recur even more
_START = attrgetter("start")
_I = attrgetter("i")
_ENTITY_NOTE = itemgetter(word_notes.ENTITY)


def run(doc: Document, resources: Resources, *, use_tagger: bool | None = None) -> Document:
    """Fill doc.entities with the people, organisations, places, nationalities and weapons of the article.

    use_tagger: run the CRF person tagger; by default only when KHABAR_NER_TAGGER=1 (read once per resources, see
    entity_tagger).
    """
    lex = get_lexicon(resources)
    toks = _raw_tokens(doc)
    if toks is doc.tokens:
        norms = doc.columns()[0]
        notes, noted = word_notes.columns(doc, resources)
    else:
        norms = [t.norm for t in toks]
        notes, noted = word_notes.read_tokens(toks, resources)
    listed = noted[word_notes.ENTITY_LISTED]
    marked = dict(zip(listed, map(_ENTITY_NOTE, map(notes.__getitem__, listed)), strict=True))  # in C
    scanner = Scanner(toks, norms, lex, doc.text, doc.source, marked)
    scanner.gazetteer()
    scanner.heads()
    scanner.persons()
    if use_tagger if use_tagger is not None else entity_tagger.wanted(resources):
        tagger = entity_tagger.load(resources)
        if tagger is not None:
            entity_tagger.add_tagger_people(scanner, tagger)
    scanner.home_codes(*_home_state(doc, lex))
    builder = _Builder(doc, toks, lex, scanner)
    builder.add_candidates(scanner.cands)
    builder.add_surnames()
    builder.add_short_forms()
    builder.add_dateline()
    builder.place_amman()
    doc.entities = builder.entities()
    return doc


def _home_state(doc: Document, lex: Lexicon) -> tuple[str | None, bool]:
    """Return the outlet's own state, and whether the dateline places the story in another state."""
    home = lex.outlet_states.get(doc.source or "")
    place = doc.dateline.place if doc.dateline is not None else None
    if home is None or not place:
        return home, False
    codes = {e.code for e in lex.phrases.get(_phrase_key(place), []) if e.type == "LOC" and e.code}
    return home, bool(codes) and home not in codes


def _raw_tokens(doc: Document) -> list[Token]:
    """Return the body tokens, tokenising the paragraphs (or the whole text) when the text stage has not run."""
    if doc.tokens:
        return doc.tokens
    spans = [(p.start, p.end) for p in doc.paragraphs] or [(0, len(doc.text))]
    out = []
    n = 0
    for start, end in spans:
        for s_start, s_end in split_sentences(doc.text, start, end):
            out += [Token(t.text, t.start, t.end, t.norm, t.kind, n) for t in tokenize(doc.text, s_start, s_end)]
            n += 1
    return out


def _skip_letters(text: str, start: int, count: int) -> int:
    """Return the offset after `count` letters from start, not counting diacritics."""
    i = start
    n = len(text)
    while count and i < n:
        if text[i] not in _MARKS:
            count -= 1
        i += 1
    while i < n and text[i] in _MARKS:
        i += 1
    return i


def skeleton(norm: str) -> str:
    """Return a name's consonant skeleton, to match spelling variants (ميخيف / مخييف)."""
    return norm[:1] + norm[1:].translate(_VOWELS)


def similar(a: str, b: str) -> bool:
    """Tell whether two normalised name tokens are spellings of one name."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or a[0] != b[0]:
        return False
    return skeleton(a) == skeleton(b) and abs(len(a) - len(b)) <= 2


class _Group:
    """Mentions of one entity being collected."""

    __slots__ = ("aliases", "code", "entry", "first", "key", "mentions", "name", "role", "sector", "surfaces", "tokens",
                 "type")

    def __init__(self, type_: str, key: str, name: str, entry: Entry | None, first: int) -> None:
        self.type = type_
        self.key = key
        self.name = name
        self.entry = entry
        self.first = first
        self.mentions: list[Mention] = []
        self.aliases: list[str] = []
        self.code = entry.code if entry else None
        self.sector = entry.sector if entry else None
        self.role: str | None = None
        self.tokens: list[str] = []
        self.surfaces: list[str] = []  # each mention's spelling, without proclitics or diacritics


class _Builder:
    """Turns candidate mentions into grouped entities."""

    def __init__(self, doc: Document, toks: list[Token], lex: Lexicon, scanner: Scanner) -> None:
        self.doc = doc
        self.toks = toks
        self.lex = lex
        self.scanner = scanner
        self.groups: dict[str, _Group] = {}
        self.people: list[_Group] = []

    # ------------------------------------------------------------ candidates

    def span_of(self, c: Cand) -> tuple[int, int]:
        """Return the character span of a candidate, without its proclitic letters."""
        start = self.toks[c.i].start
        if c.cut:
            start = _skip_letters(self.doc.text, start, len(c.cut))
        return start, self.toks[c.j - 1].end

    def add_candidates(self, cands: list[Cand]) -> None:
        """Group the scanner's candidates; people are grouped longest name first."""
        people = []
        text = self.doc.text
        for c in sorted(cands, key=_I):
            if c.type == "PER":
                people.append(c)
                continue
            start, end = self.span_of(c)
            written = text[start:end]
            surface = _clean(written)
            if c.elided:
                surface = "ا" + surface
            self._add_named(c, start, end, written, surface)
        people.sort(key=lambda c: (-(c.j - c.i), c.i))
        for c in people:
            self._add_person(c)

    def _add_named(self, c: Cand, start: int, end: int, written: str, surface: str) -> None:
        e = c.entry
        if e is not None and c.type == "NORP":
            key = f"NORP:{c.code}"
            name = surface
        elif e is not None:
            key = f"{c.type}:{e.name}"
            name = e.name if e.kind in _CANONICAL_KINDS else surface
        else:
            name = c.name or surface
            key = f"{c.type}:{_normalize(name)}"
        g = self.groups.get(key)
        if g is None:
            g = self.groups[key] = _Group(c.type, key, name, e, start)
        g.code = g.code or c.code
        g.sector = g.sector or c.sector
        g.mentions.append(Mention(start, end, written, c.source))
        g.surfaces.append(surface)
        inner = c.name and _clean(c.name)
        if e is not None and inner:
            g.surfaces.append(inner)  # the known name inside "head + name" (حركة طالبان)
        for alias in (surface, inner):
            if alias and alias != g.name and alias not in g.aliases:
                g.aliases.append(alias)

    def _add_person(self, c: Cand) -> None:
        start, end = self.span_of(c)
        written = self.doc.text[start:end]
        surface = _clean(c.name or written)  # a name joined across its brackets: (محمد جواد) ظريف
        cue_kinds = self.lex.cue_kinds
        words = [w for w in _normalize(surface).split() if cue_kinds.get(w) != "particle"]
        if not words:
            return
        target = None
        for g in self.people:
            if len(words) > 1 and _contains(g.tokens, words):
                target = g
                break
            if len(words) == 1 and any(similar(words[0], t) for t in (g.tokens[1:] or g.tokens)):
                target = g
                break
        if target is None:
            if len(words) == 1 and ((c.source == "speech" and not c.bare) or self.scanner.is_common(c.i)
                                    or (surface[0] == "و" and words[0] not in self.lex.first_names)):
                return  # one word after a speech verb is a name only when it is a surname of someone named in full
            target = _Group("PER", f"PER:{len(self.people)}", surface, c.entry, start)
            target.tokens = words
            self.people.append(target)
        target.first = min(target.first, start)
        target.mentions.append(Mention(start, end, written, c.source))
        if surface != target.name and surface not in target.aliases:
            target.aliases.append(surface)
        target.role = target.role or c.role
        target.code = target.code or c.code
        target.sector = target.sector or c.sector

    def add_surnames(self) -> None:
        """Add bare-surname mentions (وقال ميخيف، ...) of people already named in full."""
        surnames: dict[str, _Group] = {}
        for g in self.people:
            if len(g.tokens) > 1 and len(g.tokens[-1]) >= SURNAME_MIN_LETTERS:
                surnames.setdefault(g.tokens[-1], g)
        if not surnames:
            return
        owner = self.scanner.owner
        infos = self.scanner.infos
        variants = {}  # each surname as written with a proclitic (وميخيف، للجبير)
        for surname in surnames:
            for prefix in ("", *_PROCLITICS):
                variants[prefix + surname] = surname
                if surname.startswith("ال") and prefix.endswith("ل"):
                    variants[prefix + surname[1:]] = surname
        norms, positions = self.scanner.norms, self.scanner.positions
        for k in list(compress(positions, map(variants.__contains__, norms))):  # C loop: no Python frame per token
            t = self.toks[k]
            if owner[k] is not None or t.kind != "word":
                continue
            form = variants[norms[k]]
            if self.scanner.is_common(k) and form not in self.lex.name_tokens:
                continue
            prefix = next((p for f, p in infos[k].forms if f == form), "")
            start = _skip_letters(self.doc.text, t.start, len(prefix)) if prefix else t.start
            surnames[form].mentions.append(Mention(start, t.end, self.doc.text[start:t.end], "alias"))

    def add_short_forms(self) -> None:
        """Add the bare head of an organisation named in full before (التحالف after التحالف العربي)."""
        heads: dict[str, _Group | None] = {}
        for g in self.groups.values():
            if g.type != "ORG":
                continue
            words = _normalize(g.name).split()
            if len(words) == 2 and words[0].startswith("ال") and len(words[0]) > 4 \
                    and (words[1] in self.lex.adjectives or words[1].endswith(("ي", "يه"))):
                heads[words[0]] = None if words[0] in heads else g  # two groups share the head: it names neither
        if not heads:
            return
        owner, norms, infos = self.scanner.owner, self.scanner.norms, self.scanner.infos
        # Every spelling with a reading among the heads (the head, a proclitic + the head, لل + the head without
        # its ال): a set test per token, and the readings only of the few tokens that pass.
        written = {prefix + head for head in heads for prefix in ("", *_PROCLITICS)}
        written.update(prefix + head[2:] for head in heads for prefix in ("لل", "ولل", "فلل"))
        for k in list(compress(self.scanner.positions, map(written.__contains__, norms))):
            reading = next(((f, p) for f, p in infos[k].forms if f in heads), None)
            if owner[k] is not None or self.toks[k].kind != "word" or reading is None:
                continue
            form, prefix = reading
            g = heads[form]
            start = self.toks[k].start
            if g is None or start < g.first or (k + 1 < len(norms) and owner[k + 1] is None
                                                 and norms[k + 1].startswith("ال") and self.toks[k + 1].sentence
                                                 == self.toks[k].sentence):
                continue  # التحالف الوطني: a different, longer name
            if prefix:
                start = _skip_letters(self.doc.text, start, len(prefix) - (1 if prefix.endswith("لل") else 0))
            g.mentions.append(Mention(start, self.toks[k].end, self.doc.text[start:self.toks[k].end], "alias"))

    def place_amman(self) -> None:
        """Read a bare عمان as Jordan's capital when the article is about Jordan and never names Oman otherwise."""
        oman = self.groups.get(f"LOC:{self.lex.states['OMN'].name}") if "OMN" in self.lex.states else None
        if oman is None or oman.code != "OMN" or any(_normalize(s) != "عمان" for s in oman.surfaces):
            return
        codes = {g.code for g in self.groups.values() if g is not oman}
        if "JOR" in codes and "OMN" not in codes:
            oman.key, oman.name, oman.code, oman.entry = "LOC:عمّان", "عمّان", "JOR", None
            oman.aliases = [a for a in oman.aliases if _normalize(a) != "عمان"] + ["عمان"]

    # ------------------------------------------------------------ dateline

    def add_dateline(self) -> None:
        """Add the dateline's place (LOC) and agency (ORG)."""
        d = self.doc.dateline
        if d is None:
            return
        for value, type_ in ((d.place, "LOC"), (d.agency, "ORG")):
            if not value:
                continue
            known = self.lex.phrases.get(_phrase_key(value), [])
            if type_ == "LOC" and any(e.kind == "media" for e in known) and not any(e.type == "LOC" for e in known):
                type_ = "ORG"  # a wire agency read as the place (لندن - رويترز with the place missed)
            entries = [e for e in known if e.type == type_]
            entry = entries[0] if entries else None
            plain = strip_diacritics(value)
            name = entry.name if entry is not None and entry.kind in _CANONICAL_KINDS else plain
            key = f"{type_}:{entry.name}" if entry is not None else f"{type_}:{_normalize(name)}"
            g = self.groups.get(key)
            if g is None:
                g = self.groups[key] = _Group(type_, key, name, entry, d.start if d.start is not None else 0)
            if plain != g.name and plain not in g.aliases:
                g.aliases.append(plain)
            if d.start is not None and d.end is not None and d.origin == "text":
                at = self.doc.text.find(value, d.start, d.end)
                if at >= 0:
                    g.first = min(g.first, at)
                    g.mentions.append(Mention(at, at + len(value), value, "dateline"))

    # ------------------------------------------------------------ output

    def entities(self) -> list[Entity]:
        """Return the grouped entities in order of first mention, each with its fullest name."""
        groups = [*self.groups.values(), *self.people]
        groups.sort(key=lambda g: g.first)
        out = []
        for n, g in enumerate(groups):
            g.mentions.sort(key=_START)
            if g.entry is not None and g.type != "PER":
                _name_from_article(g)
            aliases = [a for a in dict.fromkeys(g.aliases) if a != g.name]
            out.append(Entity(n, g.name, g.type, g.mentions, aliases, g.code, g.sector, g.role))
        return out


@lru_cache(maxsize=TEXT_CACHE_MAX)
def _clean(surface: str) -> str:
    """Return a name as written, without diacritics, quotation marks or doubled spaces."""
    return " ".join(strip_diacritics(surface).translate(_NO_QUOTES).split())


def _name_from_article(g: _Group) -> None:
    """Name a known entity as the article does: its table name if used, else its most frequent spelling here."""
    surfaces = g.surfaces or g.aliases
    if g.name in surfaces:  # the commonest case: the table name as written
        return
    table = f" {_normalize(g.name)} "
    # the table name as used, or inside a longer form used (حركة طالبان، الولايات المتحدة الأمريكية)
    if not surfaces or any(table in f" {_normalize(s)} " for s in surfaces):
        return
    counts: dict[str, int] = {}
    for s in surfaces:
        counts[s] = counts.get(s, 0) + 1
    best = max(counts, key=lambda s: (counts[s], len(s)))
    g.aliases.append(g.name)
    g.name = best


def _contains(tokens: list[str], words: list[str]) -> bool:
    """Tell whether every word of a shorter name occurs, in order, among a fuller name's tokens."""
    i = 0
    for t in tokens:
        if i < len(words) and similar(words[i], t):
            i += 1
    return i == len(words) and len(words) <= len(tokens)
