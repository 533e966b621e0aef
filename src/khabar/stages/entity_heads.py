"""Head rules of the entity stage: organisation and place names grown from their head words.

HeadRules is mixed into entity_rules.Scanner next to PersonRules, whose candidates and token helpers it reads.
"""

from __future__ import annotations

from khabar.stages.entity_people import RELATIVES, Cand

ORG_MAX_TOKENS = 9  # head + complement of an organisation name
QUOTES = set("\"«»“”„'")
# Heads of state bodies keep a trailing nationality adjective in the name (وزارة الخارجية الروسية).
STATE_HEAD_SECTORS = {"GOV", "JUD"}


class HeadRules:
    """Grow organisation and place candidates from the head cues found by the scanner."""

    def heads(self) -> None:
        """Grow organisation and place names from their head words (وزارة الخارجية الروسية، مديرية باجل)."""
        for i, (end, kind, sector, prefix) in self.cue_at.items():  # in token order (Scanner.gazetteer)
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
        k = start + 1 if toks[start].text in QUOTES else start
        known = self.owner[k] if k < n else None
        if known is not None and known.type == "ORG" and known.i == k:
            self.release(known)
            end = known.j + (1 if k > start and known.j < n and toks[known.j].text in QUOTES else 0)
            inner = self.text[toks[known.i].start:toks[known.j - 1].end]
            self.claim(Cand(h, end, "ORG", "org_head", known.entry, prefix, name=inner, code=known.code,
                            sector=known.sector, head=h))
            return
        if toks[start].text in QUOTES and not definite:
            close = next((q for q in range(start + 1, min(n, start + 7)) if toks[q].text in QUOTES), None)
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
                            code=code if sector in STATE_HEAD_SECTORS else None, sector=sector, head=h))

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
                if t.norm.startswith("ال") and (definite or sector in STATE_HEAD_SECTORS) and end > first:
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
