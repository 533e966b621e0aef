"""CRF features of normalised runtime words, derived once per word type.

Training and runtime see the same kind of words: whole space-delimited words that still carry
their proclitics (`والرئيس`, `بالعراق`, `للامم`). The NewsFANE corpus, which has its clitics
split, is glued back into such words before training (see `khabar.ner.train`). To let
`ومحمد` share evidence with `محمد`, every word also yields its stem: the word without a
leading conjunction, preposition and article, cut by a fixed rule that needs no lexicon, so
the cut is made identically at training and at run time (its mistakes, `وزير` → `زير`, are
made consistently too, and the whole-word feature stays beside it).

A word type has a few (kind, value) keys: the word, its stem, the clitics cut off, the first
and last one to four letters of the stem, its length, its name-list tags. A token's features are its own
keys plus some keys of the words before and after it (the three *groups*); each group depends
on one word type only, which is what lets the tagger cache scores per word type. Neighbours
two words away were tried: +0.6 F1 on the held-out part for a quarter more tagging time.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

# Conjunction, then preposition, then article: the order in which Arabic stacks them.
_CONJ = "وف"
_PREP = "بلك"
_MIN_STEM = 2  # a one-letter remainder is never a name: keep the whole word instead

BOS = "<s>"
EOS = "</s>"

# Offsets of the groups, as attribute prefixes: own word, previous word, next word.
GROUP_PREFIXES = ("", "-1", "+1")
# Which kinds of keys a neighbour lends to a token (the own group uses all of them).
CONTEXT_KINDS: tuple[frozenset[str], ...] = (
    frozenset(),
    frozenset(("w", "s", "g")),
    frozenset(("w", "s", "g")),
)
N_GROUPS = len(GROUP_PREFIXES)
BIAS_KEY = ("b", "")  # every word has it: the CRF's per-label prior

Names = Mapping[str, tuple[str, ...]]  # normalised word → name-list tags (P1, P2, L, L2, O, O2)


def split_proclitics(word: str) -> tuple[str, str]:
    """Split a normalised word into its leading clitics (و ف ب ل ك ال) and the rest, by rule."""
    i = 0
    n = len(word)
    if n - i > _MIN_STEM + 1 and word[i] in _CONJ:
        i += 1
    if n - i > _MIN_STEM + 1 and word[i] in _PREP:
        if word[i] == "ل" and word.startswith("ل", i + 1) and n - i - 2 >= _MIN_STEM:
            # لل = ل + ال with the alef of the article elided (للامم)
            return word[: i + 2], word[i + 2 :]
        i += 1
    if word.startswith("ال", i) and n - i - 2 >= _MIN_STEM:
        i += 2
    return word[:i], word[i:]


def _shape(word: str) -> str:
    if not word:
        return "p"  # a token made only of marks that normalisation drops
    ch = word[0]
    if "\u0621" <= ch <= "\u064a":
        return "a"
    if ch.isdigit():
        return "d"
    if ch.isalpha():
        return "l"
    return "p"


def word_keys(word: str, names: Names) -> list[tuple[str, str]]:
    """Return the (kind, value) keys of a normalised word type; attributes are built from them."""
    shape = _shape(word)
    if shape == "a":
        prefix, stem = split_proclitics(word)
        keys, has_tags = stem_keys(stem, names)
        keys += own_word_keys(word, prefix, has_tags, names)
        return keys
    if shape == "p":
        return [BIAS_KEY, ("w", word), ("s", word)]
    # numbers and Latin words: their class and length generalise, each value rarely does
    keys = [BIAS_KEY, ("s", shape), ("n", str(min(len(word), 9)))]
    if shape == "l":
        keys.append(("w", word.lower()))
    return keys


def stem_keys(stem: str, names: Names) -> tuple[list[tuple[str, str]], bool]:
    """Return the keys an Arabic word owes to its stem alone, and whether the stem is in the name lists.

    Words that differ only by their clitics (محمد, ومحمد, لمحمد) share these, which lets the
    tagger score them once per stem.
    """
    keys = [
        ("s", stem),
        ("p2", stem[:2]),
        ("p3", stem[:3]),
        ("p4", stem[:4]),
        ("s1", stem[-1:]),
        ("s2", stem[-2:]),
        ("s3", stem[-3:]),
        ("s4", stem[-4:]),
        ("n", str(min(len(stem), 9))),
    ]
    tags = names.get(stem)
    if tags:
        keys.extend(("g", t) for t in tags)
    return keys, bool(tags)


def own_word_keys(word: str, prefix: str, stem_tagged: bool, names: Names) -> list[tuple[str, str]]:
    """Return the keys of an Arabic word beyond its stem's: bias, whole word, clitics, its own name tags."""
    keys = [BIAS_KEY, ("w", word), ("pf", prefix)]
    if not stem_tagged:
        keys.extend(("g", t) for t in names.get(word, ()))
    return keys


def attribute(group: int, kind: str, value: str) -> str:
    """Return the CRF attribute name of a key seen from a group (offset)."""
    return f"{GROUP_PREFIXES[group]}{kind}={value}"


def parse_attribute(attr: str) -> tuple[int, str, str]:
    """Split a CRF attribute name into (group, kind, value); the inverse of `attribute`."""
    group = 0
    if attr[:2] in GROUP_PREFIXES[1:]:
        group = GROUP_PREFIXES.index(attr[:2])
        attr = attr[2:]
    kind, _, value = attr.partition("=")
    return group, kind, value


BOUNDARY_KEYS = ((1, "w", BOS), (2, "w", EOS))


class Featurizer:
    """Turn sentences of normalised words into CRF attribute lists (for training and scoring)."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.type_features = lru_cache(maxsize=1 << 16)(self._type_features)

    def _type_features(self, word: str) -> tuple[list[str], ...]:
        keys = word_keys(word, self.names)
        own = [attribute(0, k, v) for k, v in keys]
        rest = [[attribute(g, k, v) for k, v in keys if k in CONTEXT_KINDS[g]] for g in range(1, N_GROUPS)]
        return (own, *rest)

    def sentence(self, words: list[str]) -> list[list[str]]:
        """Return one attribute list per word of a sentence."""
        groups = [self.type_features(w) for w in words]
        n = len(groups)
        bos1, eos1 = ([attribute(g, k, v)] for g, k, v in BOUNDARY_KEYS)
        out: list[list[str]] = []
        for i in range(n):
            f = groups[i][0] + (groups[i - 1][1] if i > 0 else bos1) + (groups[i + 1][2] if i + 1 < n else eos1)
            out.append(f)
        return out
