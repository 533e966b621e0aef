"""Event trigger and modality lexicons: inflected Arabic forms generated from the packaged stems."""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.memo import Memo
from khabar.ner.features import Names
from khabar.ner.names import load_names
from khabar.resources import Resources, iter_tsv
from khabar.stages.text import load_vocabulary

TRIGGERS = "event_triggers.tsv"
MODALITY = "event_modality.tsv"
CUES = "event_actors.tsv"
CAMEO_PLOVER = "cameo_plover.tsv"
COMMON = "common_words.tsv"  # the text stage's known words, with how often each stood outside names
WORD_CACHE_MAX = 200_000  # word forms analysed and kept: corpus vocabularies are large

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
STATUSES = ("done", "ongoing", "imminent", "threatened", "conditional", "denied", "hypothetical")

# Pronoun suffixes a verb (object) or noun (possessor) may carry; longest first.
_SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "ها", "نا", "ني", "ه", "ك")
_SUFFIXES_BY_LAST = {last: tuple(x for x in _SUFFIXES if x[-1] == last) for last in {x[-1] for x in _SUFFIXES}}
_PAST_ENDINGS = ("", "ت", "ا", "تا", "وا", "نا", "تم", "ن", "تما")
_PRESENT_PREFIXES = ("ي", "ت", "ن")
_PRESENT_ENDINGS = ("", "ان", "ون", "ين", "ا", "وا", "ن")
_NO_HEAD: tuple[tuple[()], str] = ((), "")


@dataclass(slots=True, frozen=True)
class Trigger:
    """One lexicon entry: a verb or noun stem, or a multi-word pattern, with what it codes."""

    form: str
    kind: str  # v (verb), n (noun), x (exact word)
    words: tuple[frozenset[str], ...]  # the words after the first one, each a set of accepted stems
    plover: str
    cameo: str
    targets: tuple[str, ...]  # prepositions marking the target; "obj" for the object (verb) or genitive (noun)
    flags: frozenset[str]
    origin: str  # khabar (hand-written) or upetrarch (derived from the CAMEO dictionary)
    present: str = ""  # a verb's present stem (يعتقل ← عتقل): its ي form is the masculine singular


@dataclass(slots=True, frozen=True)
class Form:
    """An inflected surface form (without clitics) pointing at its entry."""

    entry: Trigger | Cue
    pos: str  # v or n
    bare: bool  # the citation form itself (3ms past, singular noun), ambiguous for nobare entries


@dataclass(slots=True, frozen=True)
class Cue:
    """A modality cue: a word or phrase that changes the status of a nearby event."""

    form: str
    kind: str
    words: tuple[frozenset[str], ...]
    status: str  # one of STATUSES, or "none" for phrases that only mask a shorter cue (لا سيما)
    scope: str  # adj, near, clause, sent, after


@dataclass(slots=True, frozen=True)
class Analysis:
    """A token read as a lexicon form: the entry, and which clitics were taken off."""

    form: Form
    article: bool
    prep: str  # a preposition proclitic (ب، ل، ك) or ""
    future: bool
    suffix: str


Reading = tuple[Form, bool, str, bool]  # (form, article, preposition proclitic, future)
Reads = tuple[tuple[Analysis, ...], tuple[Analysis, ...]]  # (as triggers, as modality cues)
# What the stage needs of a word, looked up once: (readings or None, actor-cue kind, clause break) where
# the break is 1 for a clause-opening cue word, 2 for hard punctuation (if the token is punctuation), else 0.
Info = tuple[Reads | None, str, int]
PLAIN: Info = (None, "", 0)
# Hard clause punctuation; commas and quotation marks are soft (a quote may open mid-clause).
HARD_PUNCT = frozenset(".؛;:!?؟\n")
CLAUSE_KINDS = frozenset({"boundary", "speech", "relative"})
# Rows of the actor-cue file that are word sets read around triggers, not kinds of a token.
CONTEXT_KINDS = ("during", "sequence", "means", "actnext", "opener", "verbal", "joined", "said",
                 "notobject", "intext", "against", "masculine", "feminine")


@dataclass(slots=True)
class Lexicon:
    """Everything the events stage matches: trigger and cue forms, actor cue words, the CAMEO map."""

    words: dict[str, tuple[str, str]]  # actor cue word (with proclitics) -> (kind, value)
    cameo_plover: dict[str, str]
    blocked: frozenset[str]  # surface words never read as triggers
    heads: dict[str, tuple[tuple[Reading, ...], str]]  # every trigger, cue or actor-cue surface -> (readings, kind)
    cache: Memo[str, Info]
    firsts: frozenset[str] = frozenset()  # words that open a person's name and are no common word (عبدالله)
    context: dict[str, frozenset[str]] = field(default_factory=dict)  # CONTEXT_KINDS -> their words
    known: frozenset[str] = frozenset()  # common words and context words: what a word less its و or ف may be
    counts: dict[str, int] = field(default_factory=dict)  # how often each common word stands outside names
    stripped: Memo[str, str] = field(default_factory=lambda: Memo(WORD_CACHE_MAX))

    def without_conjunction(self, norm: str) -> str:
        """Return a word less a leading conjunction و or ف where the lexicon reads one (وقال → قال), else the word."""
        return self.unjoined(norm) if len(norm) > 2 and norm[0] in "وف" else norm

    def unjoined(self, norm: str) -> str:
        """Return a word without a leading و or ف, kept whole when what remains is no known word (وكيل، فرض)."""
        hit = self.stripped.get(norm)
        if hit is None:
            rest = norm[1:]
            counts = self.counts
            # وافق، وصل، فجر are words of their own more often than و + افق: the more frequent reading wins
            known = rest in self.known or (self.cache.get(rest) or self.learn(rest)) is not PLAIN  # قتلته، رفضه
            cut = known and counts.get(norm, 0) <= counts.get(rest, 0)
            hit = self.stripped.keep(norm, rest if cut else norm)
        return hit

    def learn(self, norm: str) -> Info:
        """Analyse a word not in the cache yet, and cache it."""
        # a new word costs a few lookups in large tables: one table answers for both readings and kind
        own, kind = self.heads.get(norm) or _NO_HEAD
        found = _analyses(norm, own, self.heads) if own or norm[-1:] in _SUFFIXES_BY_LAST else ()
        reads = self._reads(norm, found) if found else None
        brk = 1 if kind in CLAUSE_KINDS else 2 if norm in HARD_PUNCT else 0
        hit = (reads, kind, brk) if (reads or kind or brk) else PLAIN
        return self.cache.keep(norm, hit)

    def _reads(self, norm: str, found: tuple[Analysis, ...]) -> Reads | None:
        blocked = norm in self.blocked or (norm[0] in "وف" and norm[1:] in self.blocked)
        trig = () if blocked else tuple(a for a in found if isinstance(a.form.entry, Trigger))
        cue = tuple(a for a in found if isinstance(a.form.entry, Cue))
        return (trig, cue) if (trig or cue) else None

def lexicon(resources: Resources) -> Lexicon:
    """Return the process-wide events lexicon, built on first use."""
    return resources.get("events.lexicon", lambda: load(resources))


def load(resources: Resources) -> Lexicon:
    """Read the packaged trigger, modality and actor-cue files (name and common-word lists from resources)."""
    blocked: set[str] = set()
    triggers: dict[str, list[Form]] = {}
    for row in _rows(TRIGGERS):
        form, kind, pres, plover, cameo, targets, flags, origin = (row + [""] * 8)[:8]
        if plover == "-" and kind == "x":
            blocked.add(form)  # a word that only looks like an inflected trigger (وزارة ← زار)
            continue
        if plover == "-" and " " not in form:
            continue  # a veto: the form is listed so that no derived row brings it back
        words = form.split(" ")
        entry = Trigger(
            form=form, kind=kind, words=tuple(_follow_word(w) for w in words[1:]), plover=plover, cameo=cameo,
            targets=tuple(t for t in targets.split("|") if t), flags=frozenset(f for f in flags.split(",") if f),
            origin=origin or "khabar", present=present_stem(words[0], pres) if kind == "v" else "",
        )
        _add_forms(triggers, entry, words[0], kind, pres)
    cues: dict[str, list[Form]] = {}
    for row in _rows(MODALITY):
        form, kind, pres, status, scope = (row + [""] * 5)[:5]
        words = form.split(" ")
        cue = Cue(form=form, kind=kind, words=tuple(frozenset(w.split("/")) for w in words[1:]),
                  status=status, scope=scope)
        _add_forms(cues, cue, words[0], kind, pres)
    cue_words: dict[str, tuple[str, str]] = {}
    context: dict[str, set[str]] = {kind: set() for kind in CONTEXT_KINDS}
    for row in _rows(CUES):
        word, kind, value = [*row, "", ""][:3]
        if kind in context:
            context[kind].add(word)
        elif kind in ("receive", "speech", "light", "relight"):  # verbs, read in every inflection (يوضح، أوضحت)
            for form in verb_forms(word):
                for surface, _future in verb_prefixes(form):
                    cue_words.setdefault(surface, (kind, value))
        else:
            forms = [word]
            if kind == "head":  # نظيره الروسي، حكومتها
                base = word[:-1] + "ت" if word.endswith("ه") else word
                forms += [base + x for x in ("ه", "ها", "هم", "هما")]
            for form in forms:
                for surface, _article, _prep in noun_prefixes(form):
                    cue_words.setdefault(surface, (kind, value))
    cameo = {row[0]: row[1] for row in _rows(CAMEO_PLOVER)}
    table = _expand(triggers)
    for surface, readings in _expand(cues).items():
        table[surface] = table.get(surface, ()) + readings
    heads = {surface: (readings, "") for surface, readings in table.items()}
    for surface, (kind, _value) in cue_words.items():
        heads[surface] = (heads.get(surface, _NO_HEAD)[0], kind)
    vocabulary = load_vocabulary(resources)
    firsts = _first_names(resources.get("ner.names", load_names), vocabulary)
    known = vocabulary.union(*context.values())
    counts = {row[0]: int(row[1]) for row in iter_tsv(COMMON) if row[0] != "word" and row[1].isdigit()}
    return Lexicon(cue_words, cameo, frozenset(blocked), heads, Memo(WORD_CACHE_MAX), firsts,
                   {kind: frozenset(words) for kind, words in context.items()}, known, counts)


def _first_names(names: Names, common: frozenset[str]) -> frozenset[str]:
    """Return the words that open a person's name and never stand alone in running text (عبدالله، محمد)."""
    return frozenset(
        word for word, tags in names.items()
        if "P1" in tags and word not in common and not (word[0] in "وف" and word[1:] in common)
    )


def plover_of(cameo: str, table: dict[str, str]) -> str | None:
    """Map a CAMEO code to its PLOVER type by the longest known prefix (None where none applies)."""
    for n in range(len(cameo), 1, -1):
        hit = table.get(cameo[:n])
        if hit is not None:
            return None if hit == "-" else hit
    return None


def _rows(name: str) -> list[list[str]]:
    rows = list(iter_tsv(name))
    return rows[1:] if rows and rows[0][0] in ("form", "cue", "word", "cameo") else rows


def _follow_word(spec: str) -> frozenset[str]:
    """Return every surface of a pattern's later word: its noun forms with their proclitics."""
    out: set[str] = set()
    for w in spec.split("/"):
        for form in noun_forms(w):
            out.update(surface for surface, _a, _p in noun_prefixes(form))
    return frozenset(out)


def _add_forms(table: dict[str, list[Form]], entry: Trigger | Cue, head: str, kind: str, pres: str) -> None:
    if kind == "v":
        forms = [(f, "v", f == head) for f in verb_forms(head, pres)]
    elif kind == "n":
        forms = [(f, "n", f == head) for f in noun_forms(head)]
    else:
        forms = [(head, "x", True)]
    for surface, pos, bare in forms:
        bucket = table.setdefault(surface, [])
        if not any(f.entry is entry for f in bucket):
            bucket.append(Form(entry, pos, bare))


def verb_forms(past: str, present: str = "") -> list[str]:
    """Inflect a verb from its 3ms past stem (and present stem, derived when not given)."""
    out = [past + e for e in _PAST_ENDINGS]
    if past[-1:] in ("ا", "ي"):  # defective: دعا → دعت، دعوا
        out += [past[:-1] + e for e in ("ت", "تا", "وا")]
    present = present_stem(past, present)
    for p in _PRESENT_PREFIXES:
        out += [p + present + e for e in _PRESENT_ENDINGS]
        if present[-1:] in ("ي", "و", "ا"):
            out += [p + present[:-1] + e for e in ("ون", "ين", "وا")]
    if len(present) >= 4:  # first person singular; short stems would collide with nouns (اصل)
        out.append("ا" + present)
    return list(dict.fromkeys(out))


def present_stem(past: str, present: str = "") -> str:
    """Return a verb's present stem: the given one, or the past stem less the alef of forms IV, VII, VIII, X."""
    if present:
        return present
    return past[1:] if past.startswith("ا") and len(past) >= 4 else past


def noun_forms(noun: str) -> list[str]:
    """Inflect a noun: sound plural, dual, and the accusative tanween alef."""
    out = [noun]
    if noun.endswith("ه"):
        stem = noun[:-1]
        out += [stem + "ات", stem + "تين", stem + "تان"]
    elif not noun.endswith("ات"):
        out += [noun + "ات", noun + "ين", noun + "ان", noun + "ا"]
    return out


def verb_prefixes(form: str) -> list[tuple[str, bool]]:
    """Return a verb form with the proclitics it may carry: و ف, and س (future) or ل (purpose) on the present."""
    out = [(form, False)]
    if form[:1] in "يتن" or (form[:1] == "ا" and len(form) > 4):
        out += [("س" + form, True), ("ل" + form, False)]
    return [(c + f, fut) for c in ("", "و", "ف") for f, fut in out]


def noun_prefixes(form: str) -> list[tuple[str, bool, str]]:
    """Return a noun form with the proclitics it may carry: و ف, then ب ل ك, then the article."""
    bases = [(form, False, "")]
    if len(form) >= 3:
        bases += [("ال" + form, True, ""), ("لل" + form, True, "ل")]
        bases += [(p + form, False, p) for p in "بلك"] + [(p + "ال" + form, True, p) for p in "بك"]
    return [(c + f, art, prep) for c in ("", "و", "ف") for f, art, prep in bases]


def _expand(table: dict[str, list[Form]]) -> dict[str, tuple[Reading, ...]]:
    """Index every form under each surface it takes with its proclitics."""
    out: dict[str, list[Reading]] = {}
    for form_text, forms in table.items():
        for form in forms:
            if form.pos == "v":
                for surface, future in verb_prefixes(form_text):
                    out.setdefault(surface, []).append((form, False, "", future))
            # a verb's citation form doubles as its verbal noun in forms I, V and VI (القصف، التفاوض), not
            # elsewhere (أدان has إدانة: فلادان is a name, not ف + ل + أدان)
            masdar = len(form_text) == 3 or (form_text[0] == "ت" and len(form_text) == 5)
            if form.pos != "v" or (form.bare and masdar):
                for surface, article, prep in noun_prefixes(form_text):
                    if form.pos == "v" and not (article or prep):
                        continue  # already indexed as a verb
                    out.setdefault(surface, []).append((form, article, prep, False))
    return {k: tuple(v) for k, v in out.items()}


def _analyses(norm: str, own: tuple[Reading, ...], heads: dict[str, tuple[tuple[Reading, ...], str]]
              ) -> tuple[Analysis, ...]:
    # Most words of an article read as nothing: look the bases up first, build analyses only for a hit.
    get = heads.get
    hits: list[tuple[str, tuple[Reading, ...]]] = [("", own)] if own else []
    size = len(norm)
    for suffix in _SUFFIXES_BY_LAST.get(norm[-1:], ()):
        if size - len(suffix) < 2 or not norm.endswith(suffix):
            continue
        base = norm[: -len(suffix)]
        last = base[-1]
        if last == "ت":
            bases: tuple[str, ...] = (base, base[:-1] + "ه")  # ta marbuta before a suffix: زيارته
        elif last == "و":
            bases = (base, base + "ا", base[:-1] + "ء")  # اتهموه ← اتهموا; لقاؤه ← لقاء
        elif last == "ي":
            bases = (base, base[:-1] + "ء")  # لقائه ← لقاء
        else:
            bases = (base,)
        for b in bases:
            found = get(b)
            if found is not None and found[0]:
                hits.append((suffix, found[0]))
    if not hits:
        return ()
    out: list[Analysis] = []
    seen: set[tuple[int, str]] = set()
    for suffix, readings in hits:
        for form, article, prep, future in readings:
            key = (id(form), suffix)
            if key not in seen:
                seen.add(key)
                out.append(Analysis(form, article, prep, future, suffix))
    return tuple(out)
