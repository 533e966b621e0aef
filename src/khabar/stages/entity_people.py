"""Person rules of the entity stage: names after titles, roles and speech verbs, and full names from first names.

PersonRules is mixed into entity_rules.Scanner, whose token arrays and helpers it uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from khabar.stages.entity_lexicon import Entry

NAME_MAX_TOKENS = 5  # محمد بن سلمان بن عبدالعزيز
LINEAGE_MAX_TOKENS = 9  # longer only along بن chains: خالد بن فيصل بن بندر بن خالد
_TANWEEN = frozenset("\u064b\u064c\u064d")  # nunation marks an indefinite noun, never a name
ROLE_WINDOW = 14  # tokens scanned after a role head for the name it introduces
RELATIVES = {"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي"}
_ROLE_PREPOSITIONS = {"في", "لدي", "عن", "من", "علي"}


@dataclass(slots=True)
class Cand:
    """A candidate mention over tokens [i, j); cut is the number of prefix letters to drop from token i."""

    i: int
    j: int
    type: str
    source: str
    entry: Entry | None = None
    cut: str = ""
    name: str | None = None  # display name when it differs from the covered text (a quoted name)
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    head: int | None = None  # token index where a head word starts, when it precedes the name
    elided: bool = False  # the cut left ل of an elided article (للتحالف → ل + التحالف)
    home: bool = False  # introduced by a title of the outlet's own state when no state is named with it


class PersonRules:
    """Person-name recognisers (a mixin of the Scanner)."""

    def persons(self) -> None:
        """Find person names after titles, roles and speech verbs, and from known first names."""
        self._gazetteer_people()
        self._cue_people()

    def _gazetteer_people(self) -> None:
        """Extend the gazetteer's people over the name words that follow them."""
        for c in list(self.cands):
            if c.type == "PER" and c.source == "gazetteer" and self.owner[c.i] is c:
                self._extend(c)

    def _extend(self, c: Cand) -> None:
        """Extend a known name over the name words after it, joining a known name after a particle (بن)."""
        while True:
            j = self._continue(c.i, c.j)
            if j > c.j and all(self.owner[k] is None for k in range(c.j, j)):
                for k in range(c.j, j):
                    self.owner[k] = c
                c.j = j
            nxt = self.owner[c.j] if c.j < len(self.toks) else None
            if nxt is None or nxt.type != "PER" or nxt.i != c.j \
                    or self.lex.cue_kinds.get(self.norms[c.j - 1]) != "particle":
                return
            self.release(nxt)  # خالد بن فيصل بن + بندر بن خالد: one lineage
            for k in range(c.j, nxt.j):
                self.owner[k] = c
            c.j = nxt.j

    def _cue_people(self) -> None:
        """Find names after titles, roles and speech verbs, and full names from known first names."""
        for i, (end, kind, sector, _prefix) in sorted(self.cue_at.items()):
            if kind in ("honorific", "rank", "role"):
                self._after_role(i, end, sector, kind)
            elif kind == "speech" and end < len(self.toks) and self.name_start(end) \
                    and not self.toks[end].norm.startswith("ال"):
                self.claim(Cand(end, self.take_name(end), "PER", "speech"))
        self._roles_after_names()
        for i in self.marked:
            if self.infos[i].first_name is None or self.owner[i] is not None or i in self.cue_at:
                continue
            if self.lex.cue_kinds.get(self.toks[i].norm) == "stop" and not self.toks[i].text.endswith("ي"):
                continue  # على is a preposition; only علي spelled with ya is the name (the commonest case: first)
            if not self._surname_like(i + 1):
                continue
            prefix = self.infos[i].first_name[1]
            j = self.take_name(i)
            if j > i + 1:
                self.claim(Cand(i, j, "PER", "first_name", cut=prefix))
        self._dynasties()

    def _dynasties(self) -> None:
        """Give a member of a ruling family (سلمان بن عبدالعزيز آل سعود) the family's state."""
        for c in self.cands:
            if c.type == "PER" and c.code is None and c.j - c.i >= 3:
                names = self.norms[c.i:c.j]
                c.code = next((self.lex.dynasties[pair] for pair in pairwise(names)
                               if pair in self.lex.dynasties), None)

    def _roles_after_names(self) -> None:
        """Read the role that follows a name (سامح شكري وزير الخارجية المصري) for the person's state and title."""
        toks, n = self.toks, len(self.toks)
        for c in [c for c in self.cands if c.type == "PER"]:
            k = c.j + 1 if c.j < n and toks[c.j].text in ("،", ",") else c.j
            cue = self.cue_at.get(k)
            if cue is None or cue[1] != "role" or not self.same_sentence(c.i, k):
                continue
            end = cue[0]
            code = self.cue_state(k)
            code = code if code != "home" else None
            while end < n and end < cue[0] + ROLE_WINDOW and self.same_sentence(k, end) and code is None:
                owner = self.owner[end]
                if owner is not None:
                    if owner.type == "NORP" or (owner.type == "LOC" and owner.entry and owner.entry.kind == "state"):
                        code = owner.code
                    elif owner.type != "LOC":
                        break
                    end = owner.j
                    continue
                if toks[end].kind != "word" or not toks[end].norm.startswith("ال") or self.is_stop(end):
                    break
                end += 1
            if code is not None:
                c.code = c.code or code
                c.sector = c.sector or cue[2]
                c.role = c.role or self.text[toks[k].start:toks[end - 1].end]

    def _surname_like(self, k: int) -> bool:
        """Tell whether the word after a bare first name makes it a full name (a known name word or an ال-surname)."""
        if k >= len(self.toks) or self.toks[k].kind != "word" or self.owner[k] is not None or k in self.norp:
            return False
        t = self.toks[k]
        cue = self.cue_at.get(k)
        if cue is not None:
            return cue[1] == "particle"
        if self.is_common(k) or t.norm[0] == "و":
            return False
        first = self.infos[k - 1].first_name
        if first is not None and first[0] in self.lex.common:
            return t.norm in self.lex.name_tokens  # حسن الخلق: a common first name needs a known surname
        return t.norm in self.lex.name_tokens or (t.norm.startswith("ال") and len(self.infos[k].forms) == 1)

    def not_a_name_word(self, k: int) -> bool:
        """Tell whether a word's form rules out a name: nunation (دليلٌ صادقٌ), لل/بال, a noun's plural or accusative."""
        t = self.toks[k]
        if not _TANWEEN.isdisjoint(t.text):
            return True
        norm = t.norm
        if norm in self.lex.name_tokens:
            return False
        if norm.startswith(("لل", "بال", "كال")):
            return True  # للبورصة: a preposition with the article
        if len(norm) > 4 and (norm.endswith("ون") or (norm.endswith("ين") and self.lex.is_common(norm[:-2]))):
            return True  # مختصون، المختصين: a sound plural, not a known name word
        return len(norm) > 3 and norm.endswith("ا") and self.lex.is_common(norm[:-1])  # ممثلا: an accusative noun

    def name_start(self, k: int) -> bool:
        """Tell whether a token can open a person's name."""
        t = self.toks[k]
        if t.kind != "word" or self.owner[k] is not None or k in self.norp or len(t.norm) < 2 \
                or self.not_a_name_word(k):
            return False
        cue = self.cue_at.get(k)
        if cue is not None:
            # عبد الله، أبو بكر, آل فويز: a particle opens a name when a name word follows
            return cue[1] == "particle" and k + 1 < len(self.toks) and self.toks[k + 1].kind == "word" \
                and self.cue_at.get(k + 1) is None and self.owner[k + 1] is None
        if self.is_stop(k):
            return False
        return t.norm in self.lex.first_names or not self.is_common(k)

    def take_name(self, k: int) -> int:
        """Return the end of a person's name that starts at token k (1 to NAME_MAX_TOKENS tokens)."""
        return self._continue(k, k + 1)

    def _continue(self, k: int, j: int) -> int:
        """Extend a name [k, j) over the name words that follow it."""
        toks, lex, n = self.toks, self.lex, len(self.toks)
        while j < n and self.same_sentence(k, j) and (
                j - k < NAME_MAX_TOKENS
                or (j - k < LINEAGE_MAX_TOKENS and (self._particle(j - 1) or self._particle(j)))):
            t = toks[j]
            if t.kind != "word" or self.owner[j] is not None or j in self.norp or len(t.norm) < 2 \
                    or self.not_a_name_word(j):
                break
            cue = self.cue_at.get(j)
            named = t.norm in lex.name_tokens
            if cue is not None and cue[1] != "particle" and not (cue[1] == "speech" and named):
                break  # طالب is a name as well as a verb
            if cue is None and self.is_stop(j):
                break
            prev = toks[j - 1].norm
            compound = j - 2 >= k and self.cue_at.get(j - 2, (0, ""))[1] == "particle"  # عبد الله يمين
            if prev.startswith("ال") and len(prev) > 2 and prev not in lex.first_names and cue is None \
                    and not compound:
                break  # a name ends with its ال-surname unless a particle chains on (بن)
            if t.norm[0] == "و" and t.norm not in lex.first_names:
                break  # و joins two phrases, it does not sit inside a name
            forms = self.infos[j].forms
            if j - k >= 2 and len(forms) > 1 and forms[1][1] in ("ل", "ب") and not named:
                break  # a third word with ل/ب is a new phrase (عبد الله يمين لتنويع)
            if j - k >= 2 and cue is None and not named and not t.norm.startswith("ال") \
                    and not any(self.cue_at.get(x, (0, ""))[1] == "particle" for x in range(k, j)):
                break  # a third word must be a known name word or an ال-surname (أمل صقر أشادت ...)
            if cue is not None or named or not self.is_common(j):
                j += 1
                continue
            break
        while j > k + 1 and self.cue_at.get(j - 1, (0, ""))[1] == "particle":
            j -= 1
        return j

    def _particle(self, k: int) -> bool:
        return self.cue_at.get(k, (0, ""))[1] == "particle"

    def _after_role(self, i: int, end: int, sector: str | None, kind: str) -> None:
        """Find the name a title or role phrase introduces (وزير الخارجية الفرنسي لوران فابيوس)."""
        toks, lex, n = self.toks, self.lex, len(self.toks)
        k = end
        commas = 0
        state = self.cue_state(i)
        code, home = self.carry.get(i, (state if state != "home" else None, state == "home"))
        # An indefinite head (وزير، رئيس) is followed by its complement, never directly by a name.
        expect = not any(f.startswith("ال") for f, _ in self.infos[end - 1].forms)
        while k < n and k < end + ROLE_WINDOW and self.same_sentence(i, k):
            t = toks[k]
            cue = self.cue_at.get(k)
            if cue is not None and cue[1] in ("honorific", "rank") and kind != "role":
                chained = self.cue_state(k)
                if chained is not None and code is None:
                    code = chained if chained != "home" else None
                    home = home or chained == "home"
                k = cue[0]  # titles chain: صاحب السمو الملكي الأمير ...
                continue
            if cue is not None and cue[1] not in ("particle", "stop", "speech"):
                if kind == "role" and cue[1] in ("org_head", "org_head_def", "place_head"):
                    expect = cue[1] != "org_head_def"
                    k = max(cue[0], k + 1)
                    continue
                if cue[1] in ("honorific", "rank") and (code or home):
                    self.carry[k] = (code, home)  # أمير الكويت الشيخ صباح: the state passes to the title after
                return  # the next title takes over
            owner = self.owner[k]
            if owner is not None and owner.type == "PER":
                if owner.i == k and owner.role is None:
                    owner.role = self.text[toks[i].start:toks[k - 1].end].strip(" ،,") if kind == "role" else None
                    owner.code = owner.code or code
                    owner.sector = owner.sector or sector
                    owner.home = owner.home or (home and code is None)
                return
            if k > end and t.norm[0] == "و" and not t.norm.startswith("وال") and t.norm not in lex.first_names:
                return  # ومنسوبي: a new coordinated phrase, not the name
            if not expect and self.name_start(k) and (
                    not t.norm.startswith("ال") or (t.norm in lex.name_tokens and t.norm not in lex.common)):
                j = self.take_name(k)
                role = self.text[toks[i].start:toks[k - 1].end].strip(" ،,") if kind == "role" else None
                self.claim(Cand(k, j, "PER", "cue", code=code, sector=sector, role=role, home=home and code is None))
                return
            if kind != "role" or commas:
                return
            if t.kind == "punct":
                if t.text in ("،", ",") and not expect and k > end:
                    commas += 1
                    k += 1
                    continue
                return
            if owner is not None:
                if owner.type == "NORP" or (owner.type == "LOC" and owner.entry and owner.entry.kind == "state"):
                    code = owner.code  # وزير الخارجية المصري، أمير الكويت
                expect = False
                k = owner.j
                continue
            if t.kind != "word":
                return
            stems = [f for f, _ in self.infos[k].forms]
            if any((lex.cue_kinds.get(f) == "stop" and f not in _ROLE_PREPOSITIONS and not f.startswith("ال"))
                   or f in RELATIVES for f in stems):
                return
            if t.norm[0] == "و" and not t.norm.startswith("وال") and t.norm not in lex.first_names:
                return  # ومنسوبي: a new coordinated phrase, not the name
            if expect:
                expect = not stems[-1].startswith("ال") and not any(f.startswith("ال") for f in stems)
            elif not (t.norm.startswith(("ال", "وال", "لل", "بال")) or t.norm in _ROLE_PREPOSITIONS):
                return  # a verb or a common noun without the article: the role phrase is over
            else:
                expect = t.norm in _ROLE_PREPOSITIONS
            k += 1

    def home_codes(self, home: str | None) -> None:
        """Give people introduced by a home-state title (وزير الداخلية) that state, unless another is named before."""
        if home is None:
            return
        for c in self.cands:
            if c.type != "PER" or not c.home or c.code is not None:
                continue
            k = c.i - 1
            foreign = False
            while k >= 0 and self.same_sentence(c.i, k):
                owner = self.owner[k]
                if owner is not None and owner.type in ("LOC", "NORP") and owner.code not in (None, home):
                    foreign = True
                    break
                k = owner.i - 1 if owner is not None else k - 1
            if not foreign:
                c.code = self._apposition_state(c) or home

    def _apposition_state(self, c: Cand) -> str | None:
        """Return the state a role right after a name gives (عبدالله الثاني عاهل الأردن، ... رئيس وزراء الهند)."""
        cue = self.cue_at.get(c.j)
        if cue is None or cue[1] not in ("role", "honorific") or not self.same_sentence(c.i, cue[0]):
            return None
        owner = self.owner[cue[0]]
        if owner is not None and owner.type == "LOC" and owner.i == cue[0] and owner.entry is not None \
                and owner.entry.kind == "state":
            return owner.code
        return None
