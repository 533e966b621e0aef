"""The entity stage's lexicon: gazetteers, cue words and word lists, compiled once per process."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from khabar.arabic import PRONOUN_SUFFIXES, normalize, suffix_stems, tokenize
from khabar.memo import Memo
from khabar.resources import Resources, iter_tsv

RESOURCE_KEY = "entities.lexicon"

# Proclitic strings tried on a token, longest first; "لل" stands for ل + ال with the alef elided.
_PREFIXES = ("ولل", "فلل", "وب", "ول", "فب", "فل", "وك", "لل", "و", "ف", "ب", "ل", "ك")
# What is left after a prefix must be at least this long to be looked up (keeps و from eating واس).
MIN_STEM = 3
INFO_CACHE_MAX = 300_000  # distinct word forms memoised (a few tens of MB at most)
# A word is common (not a name word) when NewsFANE has it outside names this often and inside person names at most
# this share of its uses.
COMMON_MIN_OUTSIDE = 2
COMMON_MAX_PERSON_SHARE = 0.1
# A first name is mostly an ordinary word (رمضان، سلامة) when NewsFANE has it outside names more than inside, unless it
# names persons this often: then it is a name first whatever else it means (عمر "age" and the name).
MOSTLY_COMMON_MAX_PERSON = 10
# entity_cues.tsv kinds that are word lists, not cues: a word may be in several of them and be a cue as well
WORD_LIST_KINDS = ("ordinal", "elative", "compound_head", "arabic_opener", "fused_head", "place_prep", "ba_link",
                   "foreign_ending", "adjective_name", "past_verb", "title_object")
# An ال-word is a compound's tail when known names use it only after such a head, or mostly (الله of فضل الله too).
TAIL_MIN = 5
TAIL_SHARE = 1.5
_PREFIX_SET = frozenset(_PREFIXES)
_LL_PREFIXES = tuple(p for p in _PREFIXES if p.endswith("لل"))
_PREFIX_LETTERS = frozenset(p[0] for p in _PREFIXES)
_LL_HOSTS = frozenset(p[:2] for p in _PREFIXES if len(p) == 3)  # ول، فل: the two-letter prefixes that لل extends
# A TokenInfo is built for every new word: tuple.__new__ skips the named tuple's Python-level __new__ (3x faster).
_new_info = tuple.__new__


@dataclass(slots=True, frozen=True)
class Entry:
    """A gazetteer entry: what a matched phrase is."""

    type: str  # PER, ORG, LOC, NORP, WEAPON
    name: str  # canonical display name
    kind: str  # state, capital, city, region, igo, media, group, gov, company, person, weapon ...
    code: str | None = None
    sector: str | None = None
    context: str = ""  # "cue": only with a head word, quotes, a place preposition or the outlet
    outlet: str | None = None


# A reading that opens phrases: (stem, prefix, phrase lengths, the stem's one-word entries or None). The one-word
# look-up, the commonest, is done once per word form instead of once per token.
PhraseReading = tuple[str, str, tuple[int, ...], list[Entry] | None]
CueReading = tuple[str, str, tuple[int, ...], tuple[str, str | None] | None]  # the same for cue words


class TokenInfo(NamedTuple):
    """What the lexicon knows about one written word form (a named tuple: built for every new word, cheaply)."""

    forms: tuple[tuple[str, str], ...]  # (stem, prefix) readings, as written first
    phrases: tuple[PhraseReading, ...]  # the readings opening a gazetteer phrase
    cues: tuple[CueReading, ...]  # the readings opening a cue
    adjective: tuple[str, str] | None  # (ISO3, prefix) of a nationality adjective reading
    first_name: tuple[str, str] | None  # (name, prefix) when a reading is a known first name
    hot: bool  # some reading may open a gazetteer phrase, a cue or a nationality adjective
    marked: bool  # hot or a first name: the only words the scanner's token passes stop at


@dataclass(slots=True)
class Lexicon:
    """Every word list the entity stage consults, keyed by normalised token tuples."""

    phrases: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    phrase_lengths: dict[str, list[int]] = field(default_factory=dict)
    cues: dict[tuple[str, ...], tuple[str, str | None]] = field(default_factory=dict)
    cue_lengths: dict[str, list[int]] = field(default_factory=dict)
    cue_kinds: dict[str, str] = field(default_factory=dict)  # one-word cue -> its kind (the commonest look-up)
    adjectives: dict[str, str] = field(default_factory=dict)  # nationality form -> ISO3
    first_names: set[str] = field(default_factory=set)
    arabic_first: set[str] = field(default_factory=set)  # first names from the Arabic name lists (not NER corpus)
    name_tokens: set[str] = field(default_factory=set)  # tokens of known person names
    # words known only as the second half of a compound name (الله of عبد الله، الواحد of عبد الواحد)
    name_tails: set[str] = field(default_factory=set)
    unattested: set[str] = field(default_factory=set)  # listed first names no known person's name uses (تحيات)
    common: set[str] = field(default_factory=set)
    mostly_common: set[str] = field(default_factory=set)  # words NewsFANE has outside names more than inside (رمضان)
    states: dict[str, Entry] = field(default_factory=dict)  # ISO3 -> the state's entry
    hot_cues: set[str] = field(default_factory=set)  # first words of cues the scanner must see (not stop words)
    cue_states: dict[tuple[str, ...], str] = field(default_factory=dict)  # title -> ISO3 of its one state, or "home"
    ambiguous: set[str] = field(default_factory=set)  # state names and adjectives that are also common words
    state_nouns: set[str] = field(default_factory=set)  # nouns after which an ambiguous adjective is the nationality
    dynasties: dict[tuple[str, ...], str] = field(default_factory=dict)  # ruling family (ال، سعود) -> ISO3
    outlet_states: dict[str, str] = field(default_factory=dict)  # SaudiNewsNet source id -> its state's ISO3
    ordinals: frozenset[str] = frozenset()  # الاول، الثانيه: a date's ordinal, never a facility's adjective
    elatives: frozenset[str] = frozenset()  # العليا، الكبري: keep a definite organisation name going
    compound_heads: frozenset[str] = frozenset()  # عبد، ابو: the word after is no name on its own
    arabic_openers: tuple[str, ...] = ()  # prefixes making a name Arabic (عبد، ابو، ابن، بن، ال)
    fused_heads: tuple[str, ...] = ()  # prefixes of fused compound names (عبدالله), never a noun before a title
    place_prepositions: frozenset[str] = frozenset()  # في، قرب، شمال: a place is named after them
    ba_links: frozenset[str] = frozenset()  # المعني، الخاص: a ب-word after them continues an organisation name
    adjective_names: frozenset[str] = frozenset()  # كرم، صادق: first names that are adjectives or abstract nouns
    past_verbs: frozenset[str] = frozenset()  # دشن، اجتمع: past verbs news puts right after a title, never a name
    title_objects: frozenset[str] = frozenset()  # تعازي، مديري: nouns news puts right after a title, never a name
    foreign_endings: tuple[str, ...] = ()  # تس، يتش: endings of transliterated European names (شتاينتس)
    memo: Memo[str, TokenInfo] = field(default_factory=lambda: Memo(INFO_CACHE_MAX))  # word form -> TokenInfo
    common_memo: Memo[str, bool] = field(default_factory=lambda: Memo(INFO_CACHE_MAX))  # word form -> is_common()
    # every stem info() must look further at -> (phrase lengths, hot cue lengths, adjective ISO3, first name?),
    # set by index_openers: one look-up per reading of a new word
    openers: dict[str, tuple[tuple[int, ...], tuple[int, ...], str | None, bool]] = field(default_factory=dict)
    pairs: set[tuple[str, str]] = field(default_factory=set)  # first two words of every longer phrase and cue
    common_or_cue: set[str] = field(default_factory=set)  # common words and one-word cues, set by index_openers
    # every written form with a reading among the openers (an opener with or without proclitics, a Latin opener
    # in lower, capitalised or upper case), set by index_openers: the scanner reads only these tokens up front
    markable: frozenset[str] = frozenset()

    def marked_reading(self, norm: str) -> TokenInfo | None:
        """Return the reading of a word the scanner acts on (written as an opener, and marked), else None."""
        if norm not in self.markable:
            return None
        info = self.info(norm)
        return info if info.marked else None

    def info(self, norm: str) -> TokenInfo:
        """Return a word's clitic readings and what they may start, memoised across documents."""
        memo = self.memo
        hit = memo.get(norm)
        if hit is not None:
            return hit
        openers = self.openers
        if norm[:1] in _PREFIX_LETTERS:
            forms = proclitic_forms(norm)
        elif norm.isascii():
            forms = ((norm.lower(), ""),)
        elif norm not in openers:  # the commonest new word: one reading, opening nothing
            return memo.keep(norm, _new_info(TokenInfo, (((norm, ""),), (), (), None, None, False, False)))
        else:
            forms = ((norm, ""),)
        found = []
        for f, p in forms:
            opener = openers.get(f)
            if opener is not None:
                found.append((f, p, opener))
        if not found:  # most words open nothing
            return memo.keep(norm, _new_info(TokenInfo, (forms, (), (), None, None, False, False)))
        phrases = []
        cues = []
        adjective = first = None
        for f, p, opener in found:
            lengths, cue_lengths, iso3, first_name = opener
            if lengths and not (p and norm in self.name_tokens):  # باولو is not ب + اولو
                phrases.append((f, p, lengths, self.phrases[(f,)] if lengths[-1] == 1 else None))
            if cue_lengths:
                cues.append((f, p, cue_lengths, self.cues[(f,)] if cue_lengths[-1] == 1 else None))
            if iso3 is not None and adjective is None and not (p and len(f) < 4):
                adjective = (iso3, p)
            # a proclitic reading only when the word as written is not itself a common word (فرقة is not ف + رقة)
            if first_name and first is None and p in ("", "و", "ف") and not (p and norm in self.common):
                first = (f, p)
        hot = bool(phrases or cues or adjective)
        return memo.keep(norm, _new_info(TokenInfo, (forms, tuple(phrases), tuple(cues), adjective, first, hot,
                                                     hot or first is not None)))

    def is_common(self, norm: str) -> bool:
        """Tell whether a word, as written or without proclitics or a pronoun suffix, is a common word or a cue."""
        hit = self.common_memo.get(norm)
        if hit is None:
            words = self.common_or_cue
            hit = any(form in words or (form.endswith(PRONOUN_SUFFIXES) and _suffixed_in(form, words))
                      for form, _prefix in self.info(norm).forms)
            self.common_memo.keep(norm, hit)
        return hit

    def add_phrase(self, text: str, entry: Entry) -> None:
        """Index a phrase under its normalised tokens."""
        key = phrase_key(text)
        if not key:
            return
        entries = self.phrases.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        _add_length(self.phrase_lengths, key)

    def add_cue(self, text: str, kind: str, sector: str | None) -> None:
        """Index a cue word or phrase."""
        key = phrase_key(text)
        if key:
            self.cues[key] = (kind, sector)
            if len(key) == 1:
                self.cue_kinds[key[0]] = kind
            _add_length(self.cue_lengths, key)
            if len(key) > 1 or kind not in ("stop", "generic_adj"):
                self.hot_cues.add(key[0])

    def index_openers(self) -> None:
        """Index the words that may open a phrase, a hot cue, an adjective or a first name, and phrase pairs."""
        self.memo.clear()
        self.openers = {
            f: (tuple(self.phrase_lengths.get(f, ())), tuple(self.cue_lengths[f]) if f in self.hot_cues else (),
                self.adjectives.get(f), f in self.first_names)
            for f in set(self.phrase_lengths) | self.hot_cues | set(self.adjectives) | self.first_names}
        self.pairs = {key[:2] for key in (*self.phrases, *self.cues) if len(key) > 1}
        self.common_or_cue = self.common | set(self.cue_kinds)
        self.markable = frozenset(_written_forms(self.openers))


def _add_length(index: dict[str, list[int]], key: tuple[str, ...]) -> None:
    lengths = index.setdefault(key[0], [])
    if len(key) not in lengths:
        lengths.append(len(key))
        lengths.sort(reverse=True)


def _written_forms(stems: Iterable[str]) -> Iterator[str]:
    """Yield every way a token can be written that info() reads as one of stems (Latin in its three casings)."""
    for f in stems:
        yield f
        yield from (p + f for p in _PREFIXES)
        if f.startswith("ال"):
            yield from (p + f[2:] for p in _LL_PREFIXES)  # للرياض، وللرياض: ل + الرياض with the alef elided
        if f.isascii():  # info() reads Latin in lower case; news writes it so, capitalised or in capitals
            yield from {f.capitalize(), f.upper()} - {f}


def phrase_key(text: str) -> tuple[str, ...]:
    """Return the normalised token tuple of a phrase (the form gazetteer keys are stored in)."""
    return tuple(t.norm.lower() for t in tokenize(normalize(text)))


def proclitic_forms(norm: str) -> tuple[tuple[str, str], ...]:
    """Return (stem, prefix) readings of a normalised token: as written first, then without proclitics."""
    size = len(norm)
    if size <= MIN_STEM or norm[:1] not in _PREFIX_LETTERS:
        return ((norm, ""),)
    two = norm[:2]
    if two not in _PREFIX_SET:  # the commonest case: a one-letter proclitic only (every prefix letter is one)
        return ((norm, ""), (norm[1:], norm[0]))
    # longest first, as in _PREFIXES; the three-letter prefixes (ولل، فلل) extend two-letter ones (ول، فل)
    forms = [(norm, "")]
    if norm[2:3] == "ل" and two in _LL_HOSTS and size - 3 >= MIN_STEM:
        forms.append(("ال" + norm[3:], two))
    if size - 2 >= MIN_STEM:
        forms.append(("ال" + norm[2:], "ل") if two == "لل" else (norm[2:], two))
    forms.append((norm[1:], norm[0]))
    return tuple(forms)


def _suffixed_in(form: str, words: set[str]) -> bool:
    """Tell whether a word without a pronoun suffix is among words."""
    return any(stem in words for stem in suffix_stems(form))


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


def _rows(name: str) -> Iterator[list[str]]:
    """Yield the data rows of a TSV file, without its header line."""
    rows = iter_tsv(name)
    next(rows, None)
    yield from rows


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def build_lexicon() -> Lexicon:
    """Read the packaged entity data files into a Lexicon."""
    lex = Lexicon()
    lists: dict[str, list[str]] = {kind: [] for kind in WORD_LIST_KINDS}
    for row in _rows("entity_cues.tsv"):
        kind, state = row[1], _cell(row, 3)
        if kind in lists:
            lists[kind].append(normalize(row[0]))
        elif kind == "ambiguous":
            lex.ambiguous.add(normalize(row[0]))
        elif kind == "state_noun":
            lex.state_nouns.add(normalize(row[0]))
        elif kind == "dynasty":
            lex.dynasties[phrase_key(row[0])] = state
        else:
            lex.add_cue(row[0], kind, _cell(row, 2) or None)
            if state:
                lex.cue_states[phrase_key(row[0])] = state
    lex.ordinals, lex.elatives = frozenset(lists["ordinal"]), frozenset(lists["elative"])
    lex.compound_heads, lex.ba_links = frozenset(lists["compound_head"]), frozenset(lists["ba_link"])
    lex.arabic_openers, lex.fused_heads = tuple(lists["arabic_opener"]), tuple(lists["fused_head"])
    lex.place_prepositions = frozenset(lists["place_prep"])
    lex.foreign_endings = tuple(lists["foreign_ending"])
    lex.adjective_names = frozenset(lists["adjective_name"])
    lex.past_verbs = frozenset(lists["past_verb"])
    lex.title_objects = frozenset(lists["title_object"])
    for row in _rows("common_words.tsv"):
        outside, person = int(row[1]), int(row[2])
        if outside >= COMMON_MIN_OUTSIDE and person <= COMMON_MAX_PERSON_SHARE * (outside + person):
            lex.common.add(row[0])
        if person < min(outside, MOSTLY_COMMON_MAX_PERSON):
            lex.mostly_common.add(row[0])
    for row in _rows("first_names.tsv"):
        lex.first_names.add(row[0])
        if _cell(row, 1) == "gate":
            lex.arabic_first.add(row[0])
    for row in _rows("states.tsv"):
        iso3, name = row[0], row[1]
        entry = Entry("LOC", name, "state", iso3, "GOV")
        lex.states[iso3] = entry
        for variant in _split(_cell(row, 2)):
            lex.add_phrase(variant, entry)
        for adjective in _split(_cell(row, 3)):
            lex.adjectives.setdefault(adjective, iso3)
    for row in _rows("places.tsv"):
        kind, iso3, context = _cell(row, 2), _cell(row, 3), _cell(row, 4)
        if _cell(row, 5) != "hand":
            kind = "place"  # from third-party lists: spelled as the list spells it, second to hand-written entries
        code = iso3 if kind == "capital" and iso3 else None
        lex.add_phrase(row[0], Entry("LOC", row[1], kind, code, "GOV" if code else None, context))
    for row in _rows("orgs.tsv"):
        name, kind, code, sector = row[0], _cell(row, 2), _cell(row, 3), _cell(row, 4)
        entry = Entry("ORG", name, kind, code or None, sector or None, _cell(row, 5), _cell(row, 6) or None)
        if entry.outlet and code:
            lex.outlet_states[entry.outlet] = code
        for variant in [name, *_split(_cell(row, 1))]:
            lex.add_phrase(variant, entry)
    for row in _rows("weapons.tsv"):
        entry = Entry("WEAPON", row[0], _cell(row, 3) or "weapon", _cell(row, 2) or None)
        for variant in [row[0], *_split(_cell(row, 1))]:
            lex.add_phrase(variant, entry)
    tails: Counter[str] = Counter()
    free: Counter[str] = Counter()
    for row in _rows("persons.tsv"):
        lex.add_phrase(row[0], Entry("PER", row[0], "person"))
        words = row[0].split()
        lex.name_tokens.update(words)
        for before, word in zip(["", *words], words, strict=False):
            if word.startswith("ال"):
                (tails if before in lex.compound_heads else free)[word] += 1
    lex.name_tails = {w for w, n in tails.items() if w not in lex.first_names
                      and (free[w] == 0 or (n >= TAIL_MIN and n >= TAIL_SHARE * free[w]))}
    lex.unattested = lex.first_names - lex.name_tokens
    lex.name_tokens |= lex.first_names
    lex.index_openers()
    return lex


def get_lexicon(resources: Resources) -> Lexicon:
    """Return the process-wide lexicon, built on first use."""
    return resources.get(RESOURCE_KEY, build_lexicon)
