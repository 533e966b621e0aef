"""Search forms of Arabic text: what the full-text index holds, how queries match it, and snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from khabar.arabic import normalize, normalize_with_offsets
from khabar.errors import StoreError

# Bump when index_forms changes: a store built with other forms rebuilds its index on open.
FORMS_VERSION = 1

WORD_RE = re.compile(r"\w+")
# A definite word with its leading clitics: conjunction, preposition, then the article (or لل).
_DEFINITE_RE = re.compile(r"^[وف]?(?:[بك]?ال|لل)(?P<rest>\w{2,})$")
_MARK_RE = re.compile("[\u064b-\u065f\u0670\u0640]")
_PHRASE_RE = re.compile(r'"([^"]*)"|(\S+)')
_SKELETON_TABLE = str.maketrans("", "", "اوي")
_CACHE: dict[str, tuple[tuple[str, ...], tuple[str, ...], str, str]] = {}
_CACHE_MAX = 300_000  # distinct words; the corpus vocabulary fits, so hits stay near 100 %


def skeleton(word: str) -> str:
    """Drop the long vowels after the first letter, so أميركية and أمريكية (or ميخيف and مخييف) meet."""
    if len(word) < 3 or not ("\u0621" <= word[0] <= "\u064a"):
        return word
    sk = word[0] + word[1:].translate(_SKELETON_TABLE)
    return sk if len(sk) >= 2 else word


def candidates(word: str) -> tuple[str, ...]:
    """Return a normalised word and each form left when its leading clitics are taken off, longest first."""
    out = [word]
    rest = word
    if len(rest) >= 4 and rest[0] in "وف":
        rest = rest[1:]
        out.append(rest)
    if rest.startswith("لل") and len(rest) >= 4:
        rest = "ال" + rest[2:]  # للدفاع = ل + الدفاع with the alef elided
        out.append(rest)
    elif len(rest) >= 5 and rest[0] in "بك" and rest[1:3] == "ال":
        rest = rest[1:]
        out.append(rest)
    elif len(rest) >= 4 and rest[0] in "بل":
        # ك alone is left on: it starts too many words (كبير، كامل) to be worth the noise
        out.append(rest[1:])
        return tuple(out)
    # every article comes off (الالتزام → التزام → تزام), as in query_core
    while rest.startswith("ال") and len(rest) >= 4:
        rest = rest[2:]
        out.append(rest)
    return tuple(out)


def query_core(word: str) -> str:
    """Return the form a query word is looked up by: without its article(s) and the clitics before them."""
    while m := _DEFINITE_RE.match(word):
        word = m.group("rest")
    return word


def _forms(word: str) -> tuple[tuple[str, ...], tuple[str, ...], str, str]:
    hit = _CACHE.get(word)
    if hit is not None:
        return hit
    # a form that still has an article is never looked up: query_core takes every article off
    cands = tuple(c for c in candidates(word) if not _DEFINITE_RE.match(c))
    skels = tuple(dict.fromkeys(skeleton(c) for c in cands))
    # a skeleton equal to one of the forms is not indexed again: queries look skeletons up in both columns
    new_skels = " ".join(sk for sk in skels if sk not in cands)
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    hit = _CACHE[word] = (cands, skels, " ".join(cands), new_skels)
    return hit


def words_of(text: str) -> list[str]:
    """Return the normalised, lower-cased words of a text, as the index sees them."""
    return WORD_RE.findall(normalize(text).lower())


def index_forms(text: str) -> tuple[str, str]:
    """Return the two indexed columns of a text: its words' clitic-free forms, and their skeletons."""
    return index_words(words_of(text))


def index_words(words: list[str]) -> tuple[str, str]:
    """Return the two indexed columns of a list of normalised words."""
    get = _CACHE.get
    forms = [get(w) or _forms(w) for w in words]
    return " ".join([f[2] for f in forms]), " ".join([f[3] for f in forms if f[3]])


@dataclass(slots=True)
class Query:
    """A parsed search query: the FTS5 expression and the forms that snippets highlight."""

    expression: str
    words: set[str] = field(default_factory=set)
    cores: set[str] = field(default_factory=set)
    skeletons: set[str] = field(default_factory=set)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _term(core: str) -> str:
    sk = skeleton(core)
    if sk == core:
        return f"stems : {_quote(core)}"
    return f"(stems : {_quote(core)} OR stems : {_quote(sk)} OR skel : {_quote(sk)})"


def parse_query(text: str) -> Query:
    """Turn a user's query into an FTS5 expression: every word must match; "quoted words" stay together."""
    q = Query("")
    parts: list[str] = []
    for m in _PHRASE_RE.finditer(normalize(text).lower()):
        phrase = m.group(1) is not None
        words = WORD_RE.findall(m.group(1) if phrase else m.group(2))
        if not words:
            continue
        cores = [query_core(w) for w in words]
        q.words.update(words)
        q.cores.update(cores)
        q.skeletons.update(skeleton(c) for c in cores)
        if phrase and len(words) > 1:
            # each word may take up to four positions in the stems column (its clitic-free forms)
            near = " ".join(_quote(c) for c in cores)
            parts.append(f"stems : NEAR({near}, {4 * len(words)})")
        else:
            parts.extend(_term(c) for c in cores)
    if not parts:
        raise StoreError(f"the query {text!r} has no word to search for")
    q.expression = " AND ".join(parts)
    return q


def _match(token: str, q: Query) -> str | None:
    """Return the query form a text token matches (its word, core or skeleton), or None."""
    if token in q.words:
        return query_core(token)
    cands, skels, _, _ = _forms(token)
    for c in cands:
        if c in q.cores:
            return c
    for sk in skels:
        if sk in q.skeletons:
            return sk
    return None


def snippet(text: str, q: Query, width: int = 30, mark: tuple[str, str] = ("[", "]")) -> str:
    """Cut the stretch of text (about width words) with the most distinct query words, and mark them."""
    norm = normalize_with_offsets(text)
    spans: list[tuple[int, int]] = []
    hits: list[tuple[int, str]] = []
    for m in WORD_RE.finditer(norm.text):
        term = _match(m.group().lower(), q)
        if term is not None:
            hits.append((len(spans), term))
        spans.append(m.span())
    if not spans:
        return ""
    first, best_score = 0, (0, 0)
    for h, _ in hits:
        lo = max(0, h - width // 5)  # a little context before the first hit
        inside = [t for x, t in hits if lo <= x < lo + width]
        score = (len(set(inside)), len(inside))
        if score > best_score:
            first, best_score = lo, score
    last = min(len(spans), first + width) - 1
    start = norm.original_span(*spans[first])[0]
    end = norm.original_span(*spans[last])[1]
    out: list[str] = ["…" if first > 0 else ""]
    pos = start
    for h, _ in hits:
        if first <= h <= last:
            s, e = norm.original_span(*spans[h])
            while e < len(text) and _MARK_RE.match(text, e):  # trailing harakat belong to the word
                e += 1
            out += [text[pos:s], mark[0], text[s:e], mark[1]]
            pos = e
    out.append(text[pos:end])
    if last < len(spans) - 1:
        out.append("…")
    return " ".join("".join(out).split())
