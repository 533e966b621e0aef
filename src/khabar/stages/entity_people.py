"""Person rules of the entity stage: names after titles, roles and speech verbs, and full names from first names.

PersonRules is mixed into entity_rules.Scanner, whose token arrays and helpers it uses, as it uses the role and
dynasty readers of entity_states.PersonStates and the checks on a lone word after a title of entity_title_words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

from khabar.stages.entity_lexicon import Entry
from khabar.stages.entity_title_words import TitleWordChecks

NAME_MAX_TOKENS = 5  # محمد بن سلمان بن عبدالعزيز
LINEAGE_MAX_TOKENS = 9  # longer only along بن chains: خالد بن فيصل بن بندر بن خالد
_TANWEEN = re.compile("[\u064b-\u064d]")  # nunation marks an indefinite noun, never a name
ROLE_WINDOW = 14  # tokens scanned after a role head for the name it introduces
RELATIVES = {"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي"}
_ROLE_PREPOSITIONS = {"في", "لدي", "عن", "من", "علي"}
BRACKETED_MAX_WORDS = 3  # a name set in brackets before its role: (غو تشوك تونغ) رئيس سنغافورة
_VOCATIVE = "يا"  # يا (رافيو لابيدو) يا رئيس ...
# ال-words shaped as no family name is: a sound feminine plural (المرشحات) or a verbal noun of the forms
# تفعيل، افتعال، انفعال، استفعال (التطبيق، الاحتفال، الانتقال، الاستحقاق). Family names end in ي when so built.
_ORDINARY_NOUN = re.compile(r"ال(?:...+ات|ت[^اوي]{2}ي[^اوي]|ا(?:[^اوي]ت|ن[^اوي]|ست[^اوي])[^اوي]ا[^اوي])")
_I = attrgetter("i")
_CLAUSE_OPENERS = frozenset({"ان", "انه", "انها", "،", ","})  # إن/أن(ه/ها) or a comma after a speech verb's subject
_BARE_MIN_LETTERS = 3  # a lone name word after a speech verb has at least this many letters


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
    title: tuple[str, ...] = ()  # the normalised words of the title that introduced the name (وزير، الخارجيه)
    bare: bool = False  # a lone name word between a speech verb and إن/أن or a comma (وقال الروقي إن)


class PersonRules(TitleWordChecks):
    """Person-name recognisers (a mixin of the Scanner)."""

    def persons(self) -> None:
        """Find person names after titles, roles and speech verbs, and from known first names."""
        self._named_for()
        self._gazetteer_people()
        self._cue_people()
        self._bracketed_people()
        self._join_lineages()

    def _join_lineages(self) -> None:
        """Join a name to the known lineage that follows it (أحمد + بن عبد العزيز الحمدان): one person."""
        lex, owner = self.lex, self.owner
        for c in sorted((c for c in self.cands if c.type == "PER"), key=_I):
            if c.j >= len(self.toks) or owner[c.i] is not c:
                continue
            nxt = owner[c.j]
            if nxt is None or nxt.type != "PER" or nxt.i != c.j or nxt.source != "gazetteer" \
                    or lex.cue_kinds.get(self.norms[c.j]) != "particle" or not self.same_sentence(c.i, c.j):
                continue
            self.release(nxt)
            for k in range(c.j, nxt.j):
                owner[k] = c
            c.j = nxt.j
            self._extend(c)

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
        for i, (end, kind, sector, _prefix) in self.cue_at.items():  # in token order (Scanner.gazetteer)
            if kind in ("honorific", "rank", "role"):
                self._after_role(i, end, sector, kind)
            elif kind == "speech" and end < len(self.toks):
                if self.name_start(end) and not self.toks[end].norm.startswith("ال"):
                    j = self.take_name(end)
                    self.claim(Cand(end, j, "PER", "speech", bare=j == end + 1 and self._bare_name(end)))
                elif self._bare_name(end):
                    self.claim(Cand(end, end + 1, "PER", "speech", bare=True))
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

    def _bare_name(self, k: int) -> bool:
        """Tell whether the word after a speech verb is a lone name: no common word, cue or known name, then إن/أن/،."""
        toks = self.toks
        if k + 1 >= len(toks) or not self.same_sentence(k, k + 1) or toks[k + 1].norm not in _CLAUSE_OPENERS \
                or toks[k].kind != "word" or self.owner[k] is not None or k in self.norp or k in self.cue_at:
            return False
        norm = toks[k].norm
        # لعكاظ، بجدة: a word that reads as a proclitic + word is a preposition phrase unless a known name word
        if len(norm) < _BARE_MIN_LETTERS or (len(self.infos[k].forms) > 1 and norm not in self.lex.name_tokens):
            return False
        if self.is_common(k) or self.is_stop(k) or self.not_a_name_word(k) or _ORDINARY_NOUN.fullmatch(norm) \
                or (norm.startswith("ال") and norm.endswith(("ه", "اء"))):
            return False  # المجلة، الإحصاء: an ال-noun in ta marbuta or -اء (a broken plural, a verbal noun)
        if norm in self._body_words():
            return False  # وقالت نتفليكس after شركة نتفليكس: the short form of a body named before
        # وقال المرصد after المرصد السوري: an ال-noun that takes a nationality adjective is no family name
        return not (norm.startswith("ال") and any(self.norms[a - 1] == norm for a in self.norp if a))

    def _body_words(self) -> set[str]:
        """Return the words of the organisations found so far (للإحصاء read as الإحصاء), once per document."""
        words = self.body_words
        if words is None:
            words = set()
            for c in self.cands:
                if c.type == "ORG":
                    for norm in self.norms[c.i:c.j]:
                        words.add("ا" + norm[1:] if norm.startswith("لل") else norm)
            self.body_words = words
        return words

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
        lex, norm = self.lex, t.norm
        if first is not None and first[0] in lex.common:
            return norm in lex.name_tokens  # حسن الخلق: a common first name needs a known surname
        if norm in lex.name_tokens:
            return True
        if first is not None and first[0] in lex.adjective_names and self.written_ending(k, ("ة", "ى")):
            return False  # كرم الضيافة، صادق المواساة: an adjective-like first name before an abstract noun
        if not norm.startswith("ال") or len(self.infos[k].forms) > 1 or _ORDINARY_NOUN.fullmatch(norm):
            return False
        # رمضان المنصرم، سلامة المرضى: a first name more often an ordinary word needs a nisba (الغامدي, written
        # with ya, not alif maqsura) after it
        return first is None or first[0] not in lex.mostly_common or t.text.endswith("ي")

    def not_a_name_word(self, k: int) -> bool:
        """Tell whether a word's form rules out a name: nunation (دليلٌ صادقٌ), لل/بال, a noun's plural or accusative."""
        t = self.toks[k]
        if _TANWEEN.search(t.text) or (t.norm.startswith("فا") and "إ" in t.text[1:4]):
            return True  # فإن، فإنه: ف + إنّ, written with the hamza no name opening فا has (فان دايك)
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
        if self.is_stop(k) or self._clitic_word(k):
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
            if cue is not None and cue[1] != "particle" and not (cue[1] == "speech" and named) \
                    and not (self._particle(j - 1) and (named or not t.norm.startswith("ال"))):
                # طالب is a name as well as a verb; after بن a bare or known name word is a name (خالد بن مساعد،
                # آل الشيخ), not a title (ابن الكاتب)
                break
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
        code, home, title = self.carry.get(i, (state if state != "home" else None, state == "home", ()))
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
                if kind == "role" and cue[1] in ("org_head", "org_head_def", "place_head", "named_place", "named_body"):
                    expect = cue[1] != "org_head_def"
                    k = max(cue[0], k + 1)
                    continue
                if cue[1] in ("honorific", "rank") and (code or home):
                    # أمير الكويت الشيخ صباح: the state passes to the title after
                    self.carry[k] = (code, home, title or (self._title_key(i, k) if home else ()))
                return  # the next title takes over
            owner = self.owner[k]
            if owner is not None and owner.type == "PER":
                if owner.i == k and owner.role is None and not owner.cut.startswith("و"):  # وجون كيري: a second person
                    owner.role = self._role_text(i, k) if kind == "role" else None
                    owner.code = owner.code or code
                    owner.sector = owner.sector or sector
                    owner.home = owner.home or (home and code is None)
                    if home and code is None and not owner.title:
                        owner.title = title or self._title_key(i, k)
                return
            if k > end and t.norm[0] == "و" and not t.norm.startswith("وال") and t.norm not in lex.first_names:
                return  # ومنسوبي: a new coordinated phrase, not the name
            if t.text == "(" and k == end and not expect and self._bracketed(k + 1, i, sector, kind, code, home):
                return  # السيد (مارك كيبلينغ)
            if k > end and t.norm[0] in "بل" and toks[k - 1].norm.startswith("وال") and self.owner[k] is None \
                    and t.norm not in lex.name_tokens:
                return  # البلدية والقروية بتضافر: a preposition after the coordinated noun, the phrase is over
            if not expect and self.name_start(k) and (
                    not t.norm.startswith("ال") or (t.norm in lex.name_tokens and t.norm not in lex.common)):
                if self._past_verb(k):
                    return  # الأمير دشن، الوزير اجتمع: the title is the subject of a past verb
                j = self.take_name(k)
                if j == k + 1 and self._governs_title(k):
                    return  # نقل الوكيل تحيات سمو الأمير: one word before a title governs it, it is no name
                if j == k + 1 and (self._verb_shaped(k) or self._noun_shaped(k, i)):
                    return  # المدرب سيحصل، الوزير استنكر، الأمين العام امتنانه: a verb or a suffixed noun
                self._claim_titled(k, j, i, k, kind, sector, code, home, title)
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
                    if home and k > end:
                        self.foreign_titles[self._title_key(i, k)] = code
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

    def _title_key(self, i: int, k: int) -> tuple[str, ...]:
        """Return the words of the title phrase [i, k) without proclitics or articles, to compare titles."""
        prefix = self.cue_at[i][3] if i in self.cue_at else ""
        words = [self.norms[i][len(prefix):]]
        words += [self.norms[x] for x in range(i + 1, k) if self.toks[x].kind == "word"]
        return tuple(w[2:] if w.startswith("ال") else w for w in words)  # وزير خارجية روسيا, وزير الخارجية

    def _bracketed(self, k: int, i: int, sector: str | None, kind: str, code: str | None, home: bool) -> bool:
        """Claim a name that fills the brackets opened before token k, after the title at token i."""
        if k >= len(self.toks) or not self.same_sentence(i, k) or not self.name_start(k) \
                or (self.norms[k].startswith("ال") and self.norms[k] not in self.lex.name_tokens):
            return False  # جهاز الأمن السياسي (المخابرات): another name for the body
        j = self.take_name(k)
        if j >= len(self.toks) or self.toks[j].text != ")":
            return False
        return self._claim_titled(k, j, i, k - 1, kind, sector, code, home)

    def _claim_titled(self, k: int, j: int, i: int, title_end: int, kind: str, sector: str | None,
                      code: str | None, home: bool, title: tuple[str, ...] = ()) -> bool:
        """Claim the name [k, j) after the title phrase [i, title_end), with its role, state and title key."""
        homed = home and code is None
        return self.claim(Cand(k, j, "PER", "cue", code=code, sector=sector,
                               role=self._role_text(i, title_end) if kind == "role" else None, home=homed,
                               title=title or (self._title_key(i, title_end) if homed else ())))

    def _role_text(self, i: int, end: int) -> str:
        """Return the text of the role phrase [i, end) as written."""
        return self.text[self.toks[i].start:self.toks[end - 1].end].strip(" ،,")

    def _bracketed_people(self) -> None:
        """Find bracketed names before a role ((رافيو لابيدو) رئيس ...), and join names split by brackets."""
        norms, n = self.norms, len(self.toks)
        # Each "(" token is a "(" of the text: counting them there (a fast C scan of one string) ends the token
        # scans at the last bracket, and most articles have none.
        left = self.text.count("(")
        k = -1
        while left:
            left -= 1
            try:
                k = norms.index("(", k + 1)  # a C scan: most tokens are words
            except ValueError:
                return
            window = norms[k + 2:k + BRACKETED_MAX_WORDS + 2]
            if ")" not in window:
                continue
            close = k + 2 + window.index(")")
            if not self.same_sentence(k, close):
                continue
            inner = self.owner[k + 1]
            if inner is not None:
                if inner.type == "PER" and inner.i == k + 1 and inner.j == close:
                    self._join_after_bracket(inner, close)
                continue
            after = close + 1
            if after < n and norms[after] == _VOCATIVE:
                after += 1
            cue = self.cue_at.get(after)
            if cue is None or cue[1] not in ("role", "honorific", "rank") or cue[3] or close - k - 1 < 2 \
                    or not self.same_sentence(k, after):
                continue  # a role in apposition has no proclitic: (كت كات) للمخرج, (برايم ساسبكت) والملكة
            if all(self.name_start(x) and not norms[x].startswith("ال") and not self.is_common(x)
                   for x in range(k + 1, close)):
                self.claim(Cand(k + 1, close, "PER", "cue"))

    def _join_after_bracket(self, c: Cand, close: int) -> None:
        """Join a bracketed name to the surname right after its brackets ((محمد جواد) ظريف)."""
        k = close + 1
        if k >= len(self.toks) or not self.same_sentence(c.i, k) or not self.name_start(k) \
                or self.norms[k] not in self.lex.name_tokens or self.cue_at.get(k) is not None:
            return
        c.name = " ".join((self.text[self.toks[c.i].start:self.toks[c.j - 1].end], self.toks[k].text))
        self.owner[c.j:k + 1] = [c] * (k + 1 - c.j)
        c.j = k + 1
