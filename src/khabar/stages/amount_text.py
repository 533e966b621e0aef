"""Matching text for the amounts and dates stages: candidate tokens per paragraph and word-list regexes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from khabar.arabic import normalize
from khabar.document import Sentence, Token


def fold(text: str) -> str:
    """Fold a phrase of a data file the way running text is folded."""
    return normalize(text)


def with_clitics(words: Iterable[str], clitics: Iterable[str]) -> frozenset[str]:
    """Return the words with each of the clitics written onto them, as token lookups see them."""
    words = list(words)
    return frozenset(words) | frozenset(c + w for c in clitics for w in words)


def paragraph_candidates(tokens: list[Token], sentences: list[Sentence], listed: list[int]
                         ) -> dict[int, list[tuple[int, str]]]:
    """Group by paragraph index the (start offset, folded form) of the listed tokens (word_notes: numbers and cues).

    Scanning every character of a paragraph with a rich regex costs far more than one look at each
    token the text stage already made; the stages only fold and read the paragraphs that have one.
    """
    out: dict[int, list[tuple[int, str]]] = {}
    for k in listed:
        t = tokens[k]
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
