"""Rule-based recognisers of the entity stage: the scanner, gazetteer look-ups and token helpers for the rule mixins."""

from __future__ import annotations

from collections.abc import Callable

from khabar.arabic import strip_diacritics
from khabar.document import Token as DocToken
from khabar.stages.entity_heads import QUOTES, HeadRules
from khabar.stages.entity_junk import NamedForRules
from khabar.stages.entity_lexicon import CueReading, Entry, Lexicon, PhraseReading, TokenInfo
from khabar.stages.entity_people import Cand, PersonRules
from khabar.stages.entity_states import PersonStates

_CLAUSE_END = set(".!?؟:؛;()[]{}") | {"…"}
_LIST_MARKS = {"-", "–", "،", ",", "/"}  # marks between the members of a list of places
_ONE = (1,)
_POSITIONS: list[int] = []  # grown by positions()


def positions(n: int) -> list[int]:
    """Return a list that starts 0, 1, ..., n - 1, shared by the token passes (which then make no int per token)."""
    if len(_POSITIONS) < n:
        _POSITIONS.extend(range(len(_POSITIONS), n))
    return _POSITIONS


class _Infos(dict[int, TokenInfo]):
    """The lexicon's reading of each token, by token index, looked up on first use."""

    __slots__ = ("info", "norms")

    def __init__(self, info: Callable[[str], TokenInfo], norms: list[str], known: dict[int, TokenInfo]) -> None:
        super().__init__(known)
        self.info = info
        self.norms = norms

    def __missing__(self, k: int) -> TokenInfo:
        value = self[k] = self.info(self.norms[k])
        return value


class Scanner(PersonRules, PersonStates, HeadRules, NamedForRules):
    """Runs the recognisers over one document's tokens and collects candidate mentions."""

    def __init__(self, toks: list[DocToken], norms: list[str], lex: Lexicon, text: str, outlet: str | None,
                 marked: dict[int, TokenInfo]) -> None:
        """marked: the readings of the tokens to act on, by token index in order (from the word notes)."""
        self.toks = toks
        self.norms = norms  # the tokens' norms (read only)
        self.positions = positions(len(toks))
        # Only the few marked tokens are acted on; the other tokens are read only when a rule asks (a word
        # read needs a look-up in a large memo).
        self.infos = _Infos(lex.info, norms, marked)
        self.marked: list[int] = list(marked)  # the tokens to act on, in order
        self.lex = lex
        self.text = text
        self.outlet = outlet
        self.owner: list[Cand | None] = [None] * len(toks)
        self.cands: list[Cand] = []
        self.norp: dict[int, str] = {}  # token index -> ISO3 of a nationality adjective
        # token -> (end, kind, sector, prefix), filled in token order
        self.cue_at: dict[int, tuple[int, str, str | None, str]] = {}
        # title token -> (state, home, title words) of the role before it
        self.carry: dict[int, tuple[str | None, bool, tuple[str, ...]]] = {}
        self.body_words: set[str] | None = None  # words of the organisations found, read by a lone name's check
        self.foreign_titles: dict[tuple[str, ...], str] = {}  # home-state titles given another state here -> ISO3

    # ------------------------------------------------------------ helpers

    def claim(self, c: Cand) -> bool:
        """Record a candidate unless it overlaps one already taken."""
        if c.i >= c.j or any(self.owner[c.i:c.j]):  # a Cand is always true, None false
            return False
        self.owner[c.i:c.j] = [c] * (c.j - c.i)
        self.cands.append(c)
        return True

    def release(self, c: Cand) -> None:
        """Drop a candidate so a longer one can cover its tokens."""
        for k in range(c.i, c.j):
            if self.owner[k] is c:
                self.owner[k] = None
        self.cands = [x for x in self.cands if x is not c]

    def word(self, k: int) -> bool:
        return 0 <= k < len(self.toks) and self.toks[k].kind == "word"

    def same_sentence(self, a: int, b: int) -> bool:
        return 0 <= b < len(self.toks) and self.toks[a].sentence == self.toks[b].sentence

    def written_ending(self, k: int, endings: str | tuple[str, ...]) -> bool:
        """Tell whether token k as written (marks aside) ends in one of endings: its norm has ة and ى folded."""
        return strip_diacritics(self.toks[k].text).endswith(endings)

    def is_common(self, k: int) -> bool:
        """Tell whether a token, as written or without proclitics, is a common word (or a cue or head)."""
        return self.lex.is_common(self.norms[k])

    def is_stop(self, k: int) -> bool:
        t = self.toks[k]
        if t.kind != "word":
            return True
        norm = t.norm  # the reading as written (ان، انه، انها are Arabic: no case to fold), with no look-up
        return self.lex.cue_kinds.get(norm) in ("stop", "speech") or norm in ("ان", "انه", "انها")

    def quoted(self, i: int, j: int) -> bool:
        """Tell whether tokens [i, j) stand between quotation marks."""
        return (i > 0 and self.toks[i - 1].text in QUOTES) and (j < len(self.toks) and self.toks[j].text in QUOTES)

    # ------------------------------------------------------------ gazetteer

    def gazetteer(self) -> None:
        """Find gazetteer phrases (longest first), nationality adjectives and cue words."""
        lex, toks, infos = self.lex, self.toks, self.infos
        free = 0  # the first token not inside a match yet
        for i in self.marked:
            info = infos[i]
            if i < free or not info.hot:
                continue
            t = toks[i]
            cue = self._match_cue(i, info.cues) if info.cues else None
            hit = self._match_phrase(i, info.phrases) if info.phrases else None
            if hit is not None and (cue is None or (hit[0] >= cue[0] and cue[1] != "formula")):
                end, entries, prefix = hit
                entry = self._choose(entries, i, end, prefix)
                if entry is not None and entry.type == "PER" and self._function_word_inside(i, end):
                    entry = None  # أشرف على: a verb and a preposition, not the name أشرف علي
                if entry is not None and entry.type == "LOC" and end == i + 1 \
                        and (not self._ambiguous_ok(i, prefix) or self._suffixed_noun(i, prefix)):
                    entry = None
                if entry is not None:
                    elided = bool(prefix) and not t.norm[len(prefix):].startswith("ال") \
                        and any(f.startswith("ال") and p == prefix for f, p in infos[i].forms)
                    self.claim(Cand(i, end, entry.type, "gazetteer", entry, prefix, code=entry.code,
                                    sector=entry.sector, elided=elided))
                    free = end
                    continue
            if cue is not None:
                self.cue_at[i] = cue
                free = cue[0]
                continue
            if infos[i].adjective is not None and self._ambiguous_ok(i, infos[i].adjective[1]):
                iso3, prefix = infos[i].adjective
                self.norp[i] = iso3
                self.claim(Cand(i, i + 1, "NORP", "gazetteer", lex.states.get(iso3), prefix, code=iso3))

    def _function_word_inside(self, i: int, j: int) -> bool:
        """Tell whether a phrase holds a preposition written with alef maqsura (على، إلى), which no name word is."""
        kinds = self.lex.cue_kinds
        return any(self.toks[k].text.endswith("ى") and kinds.get(self.norms[k]) == "stop" for k in range(i, j))

    def _suffixed_noun(self, i: int, prefix: str) -> bool:
        """Tell whether a one-word place read from a word written with ه is a noun with the pronoun ه instead.

        So it is when the word without ه is a common word (في حديثه، وأورثه جده), whether the place is written with ة
        or stored normalised; a place head before it names a place.
        """
        text = self.toks[i].text
        if not text.endswith("ه"):
            return False  # the commonest case: the place in ة (بريدة، جدة) or any other ending
        if i > 0 and self.cue_at.get(i - 1, (0, ""))[1] in ("place_head", "place_head_proper"):
            return False  # محافظة صعده
        k = i - 2 if i > 1 and self.toks[i - 1].text in _LIST_MARKS else i - 1
        if k >= 0 and (c := self.owner[k]) is not None and c.type == "LOC":
            return False  # in a list of places: عمران وصعده، طريق مكة المكرمة - جده
        return self.norms[i][len(prefix):-1] in self.lex.common

    def _ambiguous_ok(self, i: int, prefix: str) -> bool:
        """Tell whether a state name or adjective that is also a common word (المالي) has a context naming a state."""
        lex = self.lex
        form = self.norms[i][len(prefix):]
        if form not in lex.ambiguous:
            return True
        if i == 0 or not self.same_sentence(i, i - 1):
            return False
        before = self.infos[i - 1].forms
        if any(f in lex.state_nouns or f in lex.place_prepositions for f, _ in before):
            return True
        # after a role or an organisation the common sense wins: وزير المالية، الخبير المالي، المستشار المالي،
        # المؤسسة المالية are finance, not Mali (in the corpus nearly always); a rank or an honorific has no
        # common sense to take, and state nouns (الجيش المالي) and places (في مالي) still name the state
        cue = self.cue_at.get(i - 1)
        return cue is not None and cue[1] in ("honorific", "rank")

    def cue_state(self, i: int) -> str | None:
        """Return the state column of the cue starting at token i: an ISO3, "home" or None."""
        cue = self.cue_at.get(i)
        if cue is None:
            return None
        end, _kind, _sector, prefix = cue
        form = self.norms[i][len(prefix):]
        if prefix.endswith("ل") and len(prefix) > 1 and not form.startswith("ال"):
            form = "ا" + form
        return self.lex.cue_states.get((form, *self.norms[i + 1:end]))

    def _match_phrase(self, i: int, readings: tuple[PhraseReading, ...]) -> tuple[int, list[Entry], str] | None:
        norms, n = self.norms, len(self.norms)
        nxt = norms[i + 1] if i + 1 < n else None
        for form, prefix, lengths, one in readings:
            # most phrase openers are not followed by their phrase's second word: then only the word itself may match
            if lengths[0] > 1 and nxt is not None and (form, nxt) in self.lex.pairs:
                phrases = self.lex.phrases
                for length in lengths:
                    if length == 1 and one is not None:
                        return i + 1, one, prefix
                    end = i + length
                    if end > n:
                        continue
                    entries = phrases.get((form, *norms[i + 1:end]))
                    if entries:
                        return end, entries, prefix
            elif one is not None:
                return i + 1, one, prefix
        return None

    def _match_cue(self, i: int, readings: tuple[CueReading, ...]) -> tuple[int, str, str | None, str] | None:
        norms, n = self.norms, len(self.norms)
        nxt = norms[i + 1] if i + 1 < n else None
        for form, prefix, lengths, one in readings:
            if lengths[0] > 1 and nxt is not None and (form, nxt) in self.lex.pairs:
                tried = lengths
            elif one is not None:
                tried = _ONE
            else:
                continue
            for length in tried:
                end = i + length
                if end > n:
                    continue
                hit = one if length == 1 else self.lex.cues.get((form, *norms[i + 1:end]))
                # speech verbs take only و/ف (وقال); other cues any proclitic (بوزارة، للرئيس)
                if hit and (not prefix or hit[0] != "speech" or prefix in ("و", "ف")) \
                        and not (prefix and hit[0] in ("stop", "particle", "generic_adj")):
                    return end, hit[0], hit[1], prefix
        return None

    def _choose(self, entries: list[Entry], i: int, j: int, prefix: str) -> Entry | None:
        """Pick the reading of an ambiguous phrase that its context supports."""
        if len(entries) == 1 and not entries[0].context:
            plain = entries  # the commonest case: one reading, with no context to check
        else:
            plain = [e for e in entries if not e.context]
        if len(plain) > 1:
            plain.sort(key=lambda e: e.kind == "place")
        # A nationality adjective after a definite noun is an adjective (الحكومة السعودية), not the state.
        if len(plain) == 1 and plain[0].kind == "state" and j == i + 1 and not prefix:
            form = self.toks[i].norm
            if form in self.lex.adjectives and i > 0 and self.toks[i - 1].norm.startswith("ال") \
                    and self.owner[i - 1] is None:
                return None
        # quotation marks name an outlet (لـ«المدينة»); a place head or ب names a place (بالخبر)
        if len(plain) < len(entries):
            quoted = self.quoted(i, j)
            for e in sorted((e for e in entries if e.context), key=lambda e: (e.type == "ORG") != quoted):
                if self._context_ok(e, i, j, prefix):
                    return e
        return plain[0] if plain else None

    def _context_ok(self, e: Entry, i: int, j: int, prefix: str) -> bool:
        if e.name.endswith("ة") and self.toks[j - 1].text.endswith("ه"):
            return False  # في حديثه "in his talk", not حديثة: ه where the place has ة is a pronoun suffix
        if i > 0:
            heads = {self.lex.cue_kinds.get(f) for f, _ in self.infos[i - 1].forms}
            # a head word names the kind of thing: منطقة الرياض is the region, صحيفة الرياض the newspaper
            if ("place_head" in heads and e.type == "LOC") \
                    or (heads & {"org_head", "org_head_def"} and e.type == "ORG"):
                return True
        if self.quoted(i, j):
            return True
        if e.type == "ORG" and e.outlet and e.outlet == self.outlet and prefix.endswith("ل"):
            return True
        if e.type != "LOC":
            return False
        if prefix.endswith("ب"):
            return True
        return e.context == "prep" and i > 0 and self.toks[i - 1].norm in self.lex.place_prepositions
