"""Matching text for the amounts and dates stages: a fast fold with an offset map, and word-list regexes."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Container, Iterable

from khabar.arabic import normalize
from khabar.document import Sentence, Token

# The characters khabar.arabic.normalize drops (harakat, Quranic marks, tatweel, joiners and marks).
_DROPPED_CHARS = (
    "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06EE)) + "\u0640\u200c\u200d\u200e\u200f\ufeff"
)
_DROPPED = re.compile("[" + re.escape(_DROPPED_CHARS) + "]")
_LETTERS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"), ("ئ", "ي"),
            ("ک", "ك"), ("ی", "ي"))
_EASTERN_DIGITS = re.compile("[٠-٩۰-۹]")
_DIGIT_TABLE = str.maketrans(
    {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
)


class Folded:
    """A text folded like khabar.arabic.normalize, with a map from folded offsets back to the original.

    str.translate with a dict costs a Python lookup per character; removing marks with one regex and
    folding letters with str.replace runs in C and is about three times faster, which matters because
    both stages fold every body paragraph.
    """

    __slots__ = ("_drops", "_length", "_original_drops", "base", "text")

    def __init__(self, original: str, base: int = 0) -> None:
        self.base = base
        self._length = len(original)
        drops = [m.start() for m in _DROPPED.finditer(original)]
        text = _DROPPED.sub("", original) if drops else original
        for a, b in _LETTERS:
            if a in text:
                text = text.replace(a, b)
        if _EASTERN_DIGITS.search(text):
            text = text.translate(_DIGIT_TABLE)
        self.text = text
        # for each dropped character, the folded offset it would have had: original = folded + dropped before
        self._drops = [d - i for i, d in enumerate(drops)]
        self._original_drops = drops

    def folded(self, offset: int) -> int:
        """Map an offset of the original document text (inside this text) to the folded text."""
        rel = offset - self.base
        return rel - bisect_left(self._original_drops, rel)

    def original(self, i: int) -> int:
        """Map a folded offset to an offset of the original document text."""
        return self.base + i + bisect_right(self._drops, i)

    def original_end(self, i: int) -> int:
        """Map the folded end of a span (exclusive) to the original end, keeping marks written on its last letter."""
        if i >= len(self.text):
            return self.base + self._length
        return self.original(i)


def fold(text: str) -> str:
    """Fold a phrase of a data file the way running text is folded."""
    return normalize(text)


def with_clitics(words: Iterable[str], clitics: Iterable[str]) -> frozenset[str]:
    """Return the words with each of the clitics written onto them, as token lookups see them."""
    words = list(words)
    return frozenset(words) | frozenset(c + w for c in clitics for w in words)


def paragraph_candidates(tokens: Iterable[Token], sentences: list[Sentence], words: Container[str],
                         numbers: bool = True) -> dict[int, list[tuple[int, str]]]:
    """Group by paragraph index the (start offset, folded form) of the number tokens and of the tokens in words.

    Scanning every character of a paragraph with a rich regex costs far more than one look at each
    token the text stage already made; the stages only fold and read the paragraphs that have one.
    """
    out: dict[int, list[tuple[int, str]]] = {}
    for t in tokens:
        if t.norm in words or (numbers and t.kind == "number"):
            p = sentences[t.sentence].paragraph
            if p in out:
                out[p].append((t.start, t.norm))
            else:
                out[p] = [(t.start, t.norm)]
    return out


def expand_phrases(phrases: Iterable[str]) -> frozenset[str]:
    """Return phrases as they may be written before a number: with و ف ب ل ك and the article or without it."""
    out: set[str] = set()
    for p in phrases:
        forms = {p}
        if not p.startswith("ال"):
            forms.add("ال" + p)
        for f in list(forms):
            forms.update(c + f for c in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل"))
            if f.startswith("ال"):
                forms.update(c + f[1:] for c in ("ل", "ول", "فل"))  # للعام
        out.update(forms)
    return frozenset(out)


def alternation(words: Iterable[str]) -> str:
    """Build a regex alternation of literal words as a prefix tree, so matching does not try each word in turn."""
    trie: dict[str, dict] = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # longest first: the regex engine takes the first branch that matches
        return "(?:" + body + ")?"
    return body
