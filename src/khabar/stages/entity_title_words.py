"""Checks on a lone unlisted word after a title: a verb, a noun or a title's object is no person's name.

TitleWordChecks is mixed into entity_people.PersonRules and so into entity_rules.Scanner, whose token arrays and
lexicon it uses.
"""

from __future__ import annotations

import re

from khabar.arabic import strip_diacritics

# Shapes of a verb or a suffixed noun that a lone unlisted word after a title has, and a name has not: a present
# or future verb (يدعم، سيحصل، ستتولى), a form X verb (استنكر), ب + a verbal noun in ت or م of three letters or more
# after it (بتكريم، بتصور، بمنسوبي; a shorter word is as often a foreign name: بتلر، بمبا), a plural verb (صوتوا) or
# a pronoun suffix (امتنانه، نجاحهم، إيصالها).
_VERB_SHAPE = re.compile(r"(?:ي[^اوي]|س[يتن][^اوي]|است).{2,}|ب[تم].{3,}|.{2,}(?:ته|ها|هم|كم|وا)")


class TitleWordChecks:
    """Shape checks on the word after a title (a mixin of the Scanner)."""

    def _verb_shaped(self, k: int) -> bool:
        """Tell whether an unlisted word k has the shape of a verb or of a noun with a pronoun suffix."""
        norm = self.toks[k].norm
        if norm in self.lex.name_tokens or norm.endswith(self.lex.foreign_endings):
            return False  # a known name word, or a foreign name's ending (بتروفيتش، يانكوفيتش)
        nxt = self.cue_at.get(k + 1)
        if nxt is not None and nxt[1] == "particle":
            return False  # جلوي بن عبدالعزيز: a lineage follows, the word is a first name
        text = strip_diacritics(self.toks[k].text)
        return bool(_VERB_SHAPE.fullmatch(norm)) or (text.endswith("ه") and not text.endswith("يه") and len(text) > 3)

    def _noun_shaped(self, k: int, i: int) -> bool:
        """Tell whether word k after the title at i is a listed title object or has a noun's shape, not a name's."""
        norm, lex = self.toks[k].norm, self.lex
        # a woman's title (الدكتورة) may introduce a woman's name shaped as a noun (تهاني، نزيهة)
        feminine = self.written_ending(i, "ة")
        if norm in lex.title_objects:
            return not (feminine and norm in lex.name_tokens)
        if norm in lex.name_tokens or norm in lex.first_names:
            return False
        # فقرة، برقية: ta marbuta ends a noun (أسامة is listed); تكتيكات: a feminine plural; ككل، بما: a preposition
        # on a common word
        return (not feminine and self.written_ending(k, "ة")) \
            or (len(norm) > 4 and norm.endswith("ات")) \
            or (norm[0] in "بكل" and norm[1:] in lex.common_or_cue)

    def _past_verb(self, k: int) -> bool:
        """Tell whether word k is a listed past verb (or its feminine or dual) and no known name word."""
        norm, verbs = self.toks[k].norm, self.lex.past_verbs
        if norm in self.lex.name_tokens:
            return False
        return norm in verbs or (norm[-1] in "تا" and norm[:-1] in verbs)

    def _governs_title(self, k: int) -> bool:
        """Tell whether an unlisted word k stands right before a bare honorific (تحيات سمو، تحيات فخامة)."""
        cue = self.cue_at.get(k + 1)
        norm = self.toks[k].norm
        return cue is not None and cue[1] == "honorific" and cue[3] in ("", "ل") \
            and not self.norms[k + 1].startswith(("ال", "لال")) and not norm.startswith(self.lex.fused_heads) \
            and (norm not in self.lex.name_tokens or norm in self.lex.unattested)
