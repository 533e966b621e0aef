"""A token view of the body for the quotes stage: quoted spans, clause stops and entity mentions."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from khabar.document import Document, Entity
from khabar.stages.quote_lexicon import MARKS, find_all, pair_marks

STOPS = frozenset(".!?؟…")
COMMAS = frozenset("،,؛;")
_STOP_MARKS = ".!?؟…"


class View:
    """Parallel token arrays of the body with what the quotes stage needs to know about each token.

    Per-token work is kept to C-level list building: paragraphs, stops and quoted spans are looked up
    by bisection, since most tokens are never asked about.
    """

    __slots__ = ("close", "comma", "cover", "doc", "ent", "entities", "kind", "n", "norm", "para_first",
                 "para_last", "para_of", "para_skip", "quoted", "start", "stops", "tokens")

    def __init__(self, doc: Document, commas: list[int]) -> None:
        """commas: the comma tokens, as the word notes list them."""
        self.doc = doc
        toks = doc.tokens
        self.n = n = len(toks)
        self.norm, self.kind = doc.columns()  # the text stage's lists, shared: read only here
        # a comprehension, not map(attrgetter): slot reads in a comprehension are the specialised fast path
        self.start: list[int] = [t.start for t in toks]
        self.tokens = toks  # ends are read off the tokens: too few are asked for to copy them all
        self.comma = bytearray(n)  # 1 at a comma mark
        for k in commas:
            self.comma[k] = 1
        self.close: dict[int, int] = {}  # token of an opening mark -> token of its closing mark (or -1)
        self.quoted = bytearray(n)  # 1 inside a top-level quoted span
        self.para_first: list[int] = []  # first token of each paragraph that has tokens
        self.para_last: list[int] = []  # one past its last token
        self.para_skip: list[bool] = []  # headings and other non-paragraph blocks
        self.para_of: list[int] = []  # paragraph number of each token (and of n), asked for very often
        self.stops: list[int] = []  # tokens ending a sentence outside quotations, in order
        self.ent: list[int] = [-1] * n  # entity index of a mention starting at the token
        self.cover: list[int] = [-1] * n  # entity index of a mention covering the token
        self.entities: list[Entity] = doc.entities
        self._paragraphs()
        if self.entities:
            self._mentions()

    def _paragraphs(self) -> None:
        text, starts = self.doc.text, self.start
        close, quoted, stops = self.close, self.quoted, self.stops
        paragraphs = self.doc.paragraphs
        # one scan of the whole body per kind of mark, not one per paragraph (each str.find call scans anew)
        lo = min((p.start for p in paragraphs), default=0)
        hi = max((p.end for p in paragraphs), default=0)
        marks, stop_marks = find_all(text, MARKS, lo, hi), find_all(text, _STOP_MARKS, lo, hi)
        # a mark inside paragraph p can only start a token of p: bisecting within p's tokens is exact
        for p in paragraphs:
            a = bisect_left(starts, p.start)
            b = bisect_left(starts, p.end, a)
            if b <= a:
                continue
            self.para_first.append(a)
            self.para_last.append(b)
            skip = p.kind != "paragraph"
            self.para_skip.append(skip)
            if skip:
                continue
            m0 = bisect_left(marks, p.start)
            m1 = bisect_left(marks, p.end, m0)
            for x, y in pair_marks(text, p.start, p.end, marks[m0:m1]) if m1 > m0 else ():
                ta = bisect_left(starts, x, a, b)
                if ta == b or starts[ta] != x:
                    continue
                if y is None:
                    tb = b
                else:
                    tb = bisect_left(starts, y, a, b)
                    if tb == b or starts[tb] != y:
                        continue
                close[ta] = tb if y is not None else -1
                if tb > ta + 1:
                    quoted[ta + 1:tb] = b"\x01" * (tb - ta - 1)
            s0 = bisect_left(stop_marks, p.start)
            for x in stop_marks[s0:bisect_left(stop_marks, p.end, s0)]:
                k = bisect_left(starts, x, a, b)
                if k < b and starts[k] == x and not quoted[k]:
                    stops.append(k)
        first, n = self.para_first, self.n
        para_of = self.para_of = [-1] * (first[0] if first else n + 1)
        for p, a in enumerate(first):
            para_of += [p] * ((first[p + 1] if p + 1 < len(first) else n + 1) - a)

    def _mentions(self) -> None:
        starts, ent, cover, n = self.start, self.ent, self.cover, self.n
        for idx, e in enumerate(self.entities):
            per = e.type == "PER"
            for m in e.mentions:
                x = m.start
                t = bisect_left(starts, x)
                if t == n or starts[t] != x:
                    t = self.index_covering(x)
                    if t < 0:
                        continue
                if per or ent[t] < 0:
                    ent[t] = idx
                k = t
                end = m.end
                while k < n and starts[k] < end:
                    if per or cover[k] < 0:
                        cover[k] = idx
                    k += 1

    def _para(self, i: int) -> int:
        if 0 <= i <= self.n:
            return self.para_of[i]
        return bisect_right(self.para_first, i) - 1

    def skip(self, i: int) -> bool:
        """Tell whether token i lies outside the body paragraphs (a subheading)."""
        p = self._para(i)
        return p < 0 or i >= self.para_last[p] or self.para_skip[p]

    def para(self, i: int) -> int:
        """Return the paragraph number of token i."""
        return self._para(i)

    def para_end(self, i: int) -> int:
        """Return one past the last token of token i's paragraph."""
        p = self._para(i)
        return self.para_last[p] if p >= 0 else self.n

    def sentence_start(self, i: int) -> int:
        """Return the first token of the clause-sentence holding token i."""
        p = self._para(i)
        first = self.para_first[p] if p >= 0 else 0
        k = bisect_left(self.stops, i) - 1
        start = self.stops[k] + 1 if k >= 0 else 0
        start = max(start, first)
        while start < i and self.kind[start] == "punct" and self.norm[start] in STOPS:
            start += 1
        return start

    def sentence_end(self, i: int) -> int:
        """Return one past the last token of the sentence holding token i (before its final stop)."""
        k = bisect_left(self.stops, i)
        end = self.para_end(i)
        if k < len(self.stops) and self.stops[k] < end:
            end = self.stops[k]
        while end > i and self.kind[end - 1] == "punct" and self.norm[end - 1] in STOPS:
            end -= 1
        return end

    def index_at(self, offset: int) -> int:
        """Return the token starting exactly at offset, or -1."""
        k = bisect_left(self.start, offset)
        return k if k < self.n and self.start[k] == offset else -1

    def index_covering(self, offset: int) -> int:
        """Return the token whose span covers offset, or -1."""
        k = bisect_left(self.start, offset + 1) - 1
        return k if 0 <= k < self.n and self.start[k] <= offset < self.tokens[k].end else -1

    def text(self, a: int, b: int) -> str:
        """Return the original text of tokens a..b-1."""
        if b <= a:
            return ""
        return self.doc.text[self.start[a]:self.tokens[b - 1].end]

    def has_article(self, i: int) -> bool:
        """Tell whether token i carries the definite article as written (الشركة، للشركة; not ألكسندر)."""
        raw = self.doc.text[self.start[i]:self.tokens[i].end]
        for p in ("", "و", "ف", "ب", "ك", "وب", "فب"):
            if raw.startswith(p + "ال") and len(raw) > len(p) + 2:
                return True
        return raw.startswith(("لل", "ولل", "فلل")) and len(raw) > 3

    def is_adjunct(self, i: int, adjuncts: frozenset[str]) -> bool:
        """Tell whether token i is an adjunct word; علي spelt with ya is the name Ali, not على."""
        norm = self.norm[i]
        if norm not in adjuncts:
            return False
        return not (norm == "علي" and self.doc.text[self.tokens[i].end - 1] == "ي")

    def words_between(self, a: int, b: int) -> int:
        """Count the tokens of a..b-1 that are not punctuation."""
        return b - a - self.kind[a:b].count("punct") if b > a else 0

    def is_punct(self, i: int, chars: frozenset[str] | str) -> bool:
        """Tell whether token i is one of the punctuation marks in chars."""
        return self.kind[i] == "punct" and self.norm[i] in chars
