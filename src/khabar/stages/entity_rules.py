"""Rule-based recognisers of the entity stage: gazetteer look-ups, organisation and place heads, person cues."""

from __future__ import annotations

from itertools import compress, repeat
from operator import attrgetter

from khabar.document import Token as DocToken
from khabar.stages.entity_junk import NamedForRules
from khabar.stages.entity_lexicon import UNSEEN, CueReading, Entry, Lexicon, PhraseReading, TokenInfo
from khabar.stages.entity_people import RELATIVES, Cand, PersonRules
from khabar.stages.entity_states import PersonStates

ORG_MAX_TOKENS = 9  # head + complement of an organisation name
_QUOTES = set("\"«»“”„'")
_CLAUSE_END = set(".!?؟:؛;()[]{}") | {"…"}
_LIST_MARKS = {"-", "–", "،", ",", "/"}  # marks between the members of a list of places
# Heads of state bodies keep a trailing nationality adjective in the name (وزارة الخارجية الروسية).
_STATE_HEAD_SECTORS = {"GOV", "JUD"}
# Per-token passes go through map/compress with these getters: C loops, no Python frame per token.
_MARKED = attrgetter("marked")
_ONE = (1,)
_POSITIONS: list[int] = []  # grown by positions()


def positions(n: int) -> list[int]:
    """Return a list that starts 0, 1, ..., n - 1, shared by the token passes (which then make no int per token)."""
    if len(_POSITIONS) < n:
        _POSITIONS.extend(range(len(_POSITIONS), n))
    return _POSITIONS


class Scanner(PersonRules, PersonStates, NamedForRules):
    """Runs the recognisers over one document's tokens and collects candidate mentions."""

    def __init__(self, toks: list[DocToken], norms: list[str], lex: Lexicon, text: str, outlet: str | None) -> None:
        self.toks = toks
        self.norms = norms  # the tokens' norms (read only)
        n = len(toks)
        self.positions = positions(n)
        # Words no earlier document had read as UNSEEN, which is marked: one pass finds them and the marked tokens.
        infos = list(map(lex.memo.get, self.norms, repeat(UNSEEN, n)))
        marked = list(compress(self.positions, map(_MARKED, infos)))
        unseen = False
        for k in marked:
            if infos[k] is UNSEEN:
                infos[k] = lex.info(self.norms[k])
                unseen = True
        self.infos: list[TokenInfo] = infos
        self.marked: list[int] = [k for k in marked if infos[k].marked] if unseen else marked  # the tokens to act on
        self.lex = lex
        self.text = text
        self.outlet = outlet
        self.owner: list[Cand | None] = [None] * len(toks)
        self.cands: list[Cand] = []
        self.norp: dict[int, str] = {}  # token index -> ISO3 of a nationality adjective
        self.cue_at: dict[int, tuple[int, str, str | None, str]] = {}  # token -> (end, kind, sector, prefix)
        # title token -> (state, home, title words) of the role before it
        self.carry: dict[int, tuple[str | None, bool, tuple[str, ...]]] = {}
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

    def is_common(self, k: int) -> bool:
        """Tell whether a token, as written or without proclitics, is a common word (or a cue or head)."""
        return self.lex.is_common(self.norms[k])

    def is_stop(self, k: int) -> bool:
        t = self.toks[k]
        if t.kind != "word":
            return True
        kind = self.lex.cue_kinds.get(t.norm)
        return kind in ("stop", "speech") or (self.infos[k].forms[0][0] in ("ان", "انه", "انها"))

    def quoted(self, i: int, j: int) -> bool:
        """Tell whether tokens [i, j) stand between quotation marks."""
        return (i > 0 and self.toks[i - 1].text in _QUOTES) and (j < len(self.toks) and self.toks[j].text in _QUOTES)

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

    # ------------------------------------------------------------ organisations and places

    def heads(self) -> None:
        """Grow organisation and place names from their head words (وزارة الخارجية الروسية، مديرية باجل)."""
        for i, (end, kind, sector, prefix) in sorted(self.cue_at.items()):
            if kind in ("org_head", "org_head_def"):
                self._org(i, end, kind == "org_head_def", sector, prefix)
            elif kind in ("place_head", "place_head_proper"):
                self._place(i, end, prefix, kind == "place_head_proper")

    def _org(self, h: int, start: int, definite: bool, sector: str | None, prefix: str) -> None:
        toks, n = self.toks, len(self.toks)
        if start >= n or not self.same_sentence(h, start):
            return
        nxt = self.owner[start]
        # head + a known organisation: a mention of that organisation (حركة طالبان، وكالة "إنترفاكس")
        k = start + 1 if toks[start].text in _QUOTES else start
        known = self.owner[k] if k < n else None
        if known is not None and known.type == "ORG" and known.i == k:
            self.release(known)
            end = known.j + (1 if k > start and known.j < n and toks[known.j].text in _QUOTES else 0)
            inner = self.text[toks[known.i].start:toks[known.j - 1].end]
            self.claim(Cand(h, end, "ORG", "org_head", known.entry, prefix, name=inner, code=known.code,
                            sector=known.sector, head=h))
            return
        if toks[start].text in _QUOTES and not definite:
            close = next((q for q in range(start + 1, min(n, start + 7)) if toks[q].text in _QUOTES), None)
            if close and close > start + 1 and all(self.owner[q] is None for q in range(start + 1, close)):
                name = self.text[toks[start + 1].start:toks[close - 1].end]
                self.claim(Cand(h, close + 1, "ORG", "org_head", cut=prefix, name=name, sector=sector, head=h))
            return
        if nxt is not None and nxt.type not in ("LOC", "NORP"):
            return
        j, code, substantive = self._org_chain(start, definite, sector)
        if j > start and substantive:
            for k in range(start, j):
                if self.owner[k] is not None and self.owner[k].type in ("LOC", "NORP"):
                    c = self.owner[k]
                    self.release(c)
                    if c.type == "LOC":
                        self.cands.append(c)  # the place stays an entity of its own (غرفة الشرقية)
            self.claim(Cand(h, j, "ORG", "org_head", cut=prefix,
                            code=code if sector in _STATE_HEAD_SECTORS else None, sector=sector, head=h))

    def _org_chain(self, k: int, definite: bool, sector: str | None) -> tuple[int, str | None, bool]:
        """Return the end of an organisation name's complement, its nationality code, and whether it names one."""
        toks, lex, n = self.toks, self.lex, len(self.toks)
        first = k
        end = k
        code = None
        substantive = False
        proper_run = False
        construct = False
        while k < n and k < first + ORG_MAX_TOKENS:
            t = toks[k]
            if t.text == "." and proper_run and k + 1 < n and t.start == toks[k - 1].end \
                    and toks[k + 1].start == t.end and toks[k + 1].kind == "word":
                end = k = k + 2  # a dotted acronym (جي.ام.ار), which the sentence splitter may have cut
                continue
            if not self.same_sentence(k - 1, k) and toks[k - 1].text != ".":
                break
            if t.kind != "word" or lex.cue_kinds.get(t.norm) in ("stop", "speech", "generic_adj"):
                break
            cue = self.cue_at.get(k)
            state = self.cue_state(k) if cue is not None and k == first else None
            if state is not None and state != "home" and cue is not None and cue[1] == "honorific":
                end = k = cue[0]  # سفارة خادم الحرمين الشريفين: the title of one state's ruler names that state
                code = state
                substantive = True
                continue
            if cue is not None and cue[1] in ("honorific", "rank", "role") and (k > first or cue[1] != "honorific"):
                break  # a title ends the name (الإدارة الإعلامية السفير ...), but جامعة الملك خالد goes on
            owner = self.owner[k]
            if k in self.norp:
                code = self.norp[k]
                if definite and t.norm.startswith("ال") and k + 1 < n and toks[k + 1].norm.startswith("ال") \
                        and k + 1 not in self.norp and self.owner[k + 1] is None \
                        and lex.cue_kinds.get(toks[k + 1].norm) not in ("stop", "generic_adj"):
                    self.release(self.owner[k])  # الحزب المالديفي الديمقراطي: the adjective is inside the name
                    k += 1
                    continue
                if t.norm.startswith("ال") and (definite or sector in _STATE_HEAD_SECTORS) and end > first:
                    end = k + 1
                break
            if owner is not None:
                if owner.type != "LOC" or (owner.cut and k > first):
                    break  # جمعية الثقافة والفنون بالباحة: a place after ب locates the body, it is not its name
                end = k = owner.j
                substantive = True
                proper_run = False
                continue
            norm = t.norm
            if norm.startswith("وال") and k > first:
                if k + 1 < n and toks[k + 1].kind == "number":
                    break  # والدفعة 43: a new noun phrase, not part of the name
                if cue is not None and cue[1] in ("org_head", "org_head_def"):
                    break  # اللجنة الأولمبية والاتحاد، حزب الأحرار والحزب: a second body is coordinated
                norm = norm[1:]
            elif norm.startswith("لل") and k > first:
                norm = "ا" + norm[1:]
                proper_run = False
            elif norm.startswith("ب") and toks[k - 1].norm in lex.ba_links:
                norm = norm[1:]
            if norm in RELATIVES or lex.cue_kinds.get(norm) in ("stop", "generic_adj"):
                break
            if norm.startswith("ال"):
                if proper_run:
                    break  # an adjective after a proper name describes the group (عسكر جنقوي المسلحة)
                if definite and k == first and not (norm.endswith(("ي", "يه")) or norm in lex.elatives):
                    break  # الجامعة المقيد بها: a relative clause, not a name (الكلية البحرية، المحكمة العليا are)
                end = k = k + 1
                construct = False
                if not definite or (norm not in lex.adjectives and lex.cue_kinds.get(norm) != "generic_adj"):
                    substantive = True
                continue
            prev_cue = lex.cue_kinds.get(toks[k - 1].norm) if k > first else None
            if cue is not None and cue[1] == "particle" and k + 1 < n and toks[k + 1].kind == "word":
                end = k = k + 2  # مركز الملك عبد الله: a particle takes the next word with it
                proper_run = True
                continue
            if k > first and not proper_run and not construct and prev_cue != "honorific":
                break  # جامعة الملك خالد goes on after الملك; سلطة تطوير العاصمة stops before a name
            if definite and k == first:
                break
            if k == first and not definite and norm.endswith("ه") and norm not in lex.name_tokens:
                break  # هيئة مستقلة: an adjective agreeing with the head, not a name
            common = self.is_common(k) and norm not in lex.name_tokens
            if proper_run and len(self.infos[k].forms) > 1 and self.infos[k].forms[1][1] in ("ل", "ب"):
                break
            if common:
                after = k + 1 < n and toks[k + 1].kind == "word" and (
                    toks[k + 1].norm.startswith("ال") or (self.owner[k + 1] is not None
                                                          and self.owner[k + 1].type == "LOC")
                    or not self.is_common(k + 1))
                if k > first or not after:
                    break
                end = k = k + 1  # a construct noun (سلطة تطوير العاصمة، رابطة مشجعي نيجيريا)
                construct = True
                continue
            end = k = k + 1
            proper_run = True
            construct = False
            substantive = True
        return end, code, substantive

    def _place(self, h: int, start: int, prefix: str, proper_only: bool) -> None:
        toks, n = self.toks, len(self.toks)
        if start >= n or not self.same_sentence(h, start):
            return
        k = start
        is_capital = any(f == "العاصمه" for f, _ in self.infos[h].forms)
        if is_capital:
            while k < n and k in self.norp:
                k += 1
        if k >= n:
            return
        owner = self.owner[k]
        if owner is not None:
            if owner.type == "LOC" and owner.i == k:
                self.release(owner)
                inner = self.text[toks[owner.i].start:toks[owner.j - 1].end]
                self.claim(Cand(h if not is_capital else k, owner.j, "LOC", "place_head", owner.entry,
                                owner.cut if is_capital else prefix, name=inner, code=owner.code,
                                sector=owner.sector, head=h))
            return
        t = toks[k]
        if is_capital or t.kind != "word" or self.is_stop(k) or k in self.norp or k in self.cue_at:
            return
        if t.norm.startswith("ال"):
            if proper_only or self.lex.cue_kinds.get(t.norm) == "generic_adj":
                return  # قاعدة الأمر: a rule, not a base
        elif (self.is_common(k) and t.norm not in self.lex.name_tokens) or t.norm.endswith("ه"):
            return  # منطقة منزوعة: an adjective agreeing with the head, not a name
        j = k + 1
        if j < n and toks[j].kind == "word" and self.owner[j] is None and not self.is_stop(j) \
                and not toks[j].norm.startswith("ال") and not self.is_common(j) and j not in self.norp:
            j += 1
        self.claim(Cand(h, j, "LOC", "place_head", cut=prefix, head=h))
