"""State rules of the entity stage: which state a person belongs to, from the roles and titles around the name.

PersonStates is mixed into entity_rules.Scanner next to PersonRules, whose candidates and token helpers it reads.
"""

from __future__ import annotations

from itertools import pairwise

from khabar.stages.entity_people import ROLE_WINDOW, Cand

_FOREIGN_LETTERS = frozenset("پچژگڤ")  # letters of Persian and transliterations that Arabic words never hold


class PersonStates:
    """Give people the state of a role after their name, of a home-state title, or of their ruling family."""

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
            # ووزير الخارجية after a name coordinates a second person: no apposition
            if cue is None or cue[1] != "role" or cue[3].startswith("و") or not self.same_sentence(c.i, k):
                continue
            end = cue[0]
            state = self.cue_state(k)
            code = state if state != "home" else None
            while end < n and end < cue[0] + ROLE_WINDOW and self.same_sentence(k, end) and code is None:
                owner = self.owner[end]
                if owner is not None:
                    if owner.type == "NORP" or (owner.type == "LOC" and owner.entry and owner.entry.kind == "state"):
                        code = owner.code
                        if state == "home" and end > cue[0]:
                            self.foreign_titles[self._title_key(k, end)] = code
                    elif owner.type != "LOC":
                        break
                    end = owner.j
                    continue
                if toks[end].kind != "word" or not toks[end].norm.startswith("ال") or self.is_stop(end):
                    break
                end += 1
            after = self.owner[end] if end < n else None
            if after is not None and after.type == "PER" and after.i == end and not after.cut:
                continue  # استقبل الأمير محمد وزير الخارجية الأمريكي جون كيري: the role is the next name's title
            if code is not None:
                c.code = c.code or code
                c.sector = c.sector or cue[2]
                c.role = c.role or self.text[toks[k].start:toks[end - 1].end]

    def home_codes(self, home: str | None, abroad: bool = False) -> None:
        """Give people introduced by a home-state title (وزير الداخلية) that state, unless another is named before.

        abroad: the story is datelined in another state; a home title then counts only when the article gives the
        same title to another state explicitly (وزير الخارجية الروسي beside a bare وزير الخارجية).
        """
        if home is None:
            return
        states = self.lex.states
        for c in self.cands:
            if c.type != "PER" or not c.home or c.code is not None:
                continue
            if abroad and self.foreign_titles.get(c.title) in (None, home):
                continue
            k = c.i - 1
            foreign = False
            while k >= 0 and self.same_sentence(c.i, k):
                owner = self.owner[k]
                # a state, its nationality, or a state body marked with it (وزارة الخارجية الإيطالية ... الوزير)
                if owner is not None and owner.code not in (None, home) and (
                        owner.type in ("LOC", "NORP") or (owner.type == "ORG" and owner.code in states)):
                    foreign = True
                    break
                k = owner.i - 1 if owner is not None else k - 1
            if not foreign:
                c.code = self._apposition_state(c) or (None if self._foreign_name(c) else home)

    def _foreign_name(self, c: Cand) -> bool:
        """Tell whether a name is a foreign one (لوران فابيوس): a home title never names such a person.

        Foreign: none of its words an Arabic first name (from the Arabic name lists, not the foreign names of the NER
        corpus) or Arabic-built (عبد، بن، آل، an ال-surname); one word must also be shaped as a European name
        (شتاينتس، ماركوفيتش, or a letter Arabic lacks: ڤ، پ).
        """
        lex = self.lex
        words = [self.norms[c.i][len(c.cut):], *self.norms[c.i + 1:c.j]]
        if any(w in lex.arabic_first or w.startswith(lex.arabic_openers) or lex.cue_kinds.get(w) == "particle"
               for w in words):
            return False
        if len(words) > 1:
            return True
        word = words[0]  # الأمير نايف: one Arabic-looking word says too little
        return len(word) > 3 and (word.endswith(lex.foreign_endings) or not _FOREIGN_LETTERS.isdisjoint(word))

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
