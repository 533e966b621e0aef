"""Junk-person guards of the entity stage: places and bodies named after a titled person, and words no name opens with.

NamedForRules is mixed into entity_rules.Scanner next to PersonRules, whose name helpers it uses.
"""

from __future__ import annotations

from khabar.stages.entity_people import Cand

# cue kinds whose head word, before a title and a name, names a place (LOC) or a body (ORG) after that person
_NAMED_FOR = {"place_head": "LOC", "place_head_proper": "LOC", "named_place": "LOC", "org_head": "ORG",
              "named_body": "ORG"}
_CLITIC_LETTERS = "فلبك"  # one-letter proclitics (ف، ل، ب، ك)


class NamedForRules:
    """Guards against persons made of facility names, clitic-bearing common words and compound tails."""

    def _named_for(self) -> None:
        """Make a place or body named after a titled person (مطار الملك فهد الدولي) a LOC or ORG, not the person."""
        toks, n = self.toks, len(self.toks)
        for h, (end, kind, _sector, prefix) in self.cue_at.items():  # in token order (Scanner.gazetteer)
            etype = _NAMED_FOR.get(kind)
            if etype is None or self.owner[h] is not None or end >= n or not self.same_sentence(h, end):
                continue
            title = self.cue_at.get(end)
            if title is None or title[1] not in ("honorific", "rank") or title[0] >= n:
                continue
            k = title[0]
            owner = self.owner[k]
            if owner is not None and owner.type == "PER" and owner.i == k:
                self.release(owner)
                j = owner.j
            elif owner is None and self.name_start(k) and not toks[k].norm.startswith("ال"):
                j = self.take_name(k)
            else:
                continue
            if j < n and self._facility_adjective(j, k):
                j += 1  # الدولي، التخصصي: the facility's adjective belongs to its name
            self.claim(Cand(h, j, etype, "place_head" if etype == "LOC" else "org_head", cut=prefix, head=h))

    def _facility_adjective(self, j: int, k: int) -> bool:
        """Tell whether token j is a relative adjective (الدولي، الطبية) closing a facility's name."""
        norm = self.toks[j].norm
        # (one-word generic adjectives are never hot cues, so a cue at j is never one of them)
        return norm.startswith("ال") and len(norm) > 4 and norm.endswith(("ي", "يه")) and self.owner[j] is None \
            and j not in self.norp and self.same_sentence(k, j) and not self.is_stop(j) \
            and norm not in self.lex.ordinals and j not in self.cue_at

    def _clitic_word(self, k: int) -> bool:
        """Tell whether a word is a common word behind a clitic or a compound's tail, which opens no name."""
        norm, lex = self.toks[k].norm, self.lex
        if norm in lex.name_tails:
            return True  # الله، الواحد: the second half of عبد الله، عبد الواحد
        raw = self.toks[k].text
        if len(raw) > 2 and raw[0] in _CLITIC_LETTERS and raw[1] in "أإ":
            return True  # فإن، لإطعام: a proclitic before a hamza-initial word (the name فان has no hamza)
        if norm in lex.name_tokens:
            return False
        if norm.startswith("وال") and len(norm) > 4:
            return True  # والقروية: a coordinated noun ends the role phrase (وزير الشؤون البلدية والقروية)
        # لنصرة، لدواجن: ل (for, of) before a consonant; names in ل take a vowel letter next (لوران، ليونيل)
        return norm[0] == "ل" and len(norm) > 3 and norm[1] not in "اوي"
