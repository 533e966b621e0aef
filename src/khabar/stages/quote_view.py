"""A token view of the body for the quotes stage: quoted spans, clause stops and entity mentions."""

from __future__ import annotations

from bisect import bisect_left

from khabar.document import Document, Entity
from khabar.stages.quote_lexicon import pair_marks

STOPS = frozenset(".!?؟…")
COMMAS = frozenset("،,؛;")


class View:
    """Parallel token arrays of the body with what the quotes stage needs to know about each token."""

    __slots__ = ("close", "cover", "doc", "end", "ent", "entities", "kind", "n", "norm", "para", "para_end", "quoted",
                 "skip", "start", "starts", "stop_after")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        toks = doc.tokens
        self.n = n = len(toks)
        self.norm = [t.norm for t in toks]
        self.start = [t.start for t in toks]
        self.end = [t.end for t in toks]
        self.kind = [t.kind for t in toks]
        self.starts = self.start  # sorted: tokens come in text order
        sentences = doc.sentences
        paragraphs = doc.paragraphs
        self.para = [sentences[t.sentence].paragraph if t.sentence >= 0 else -1 for t in toks]
        self.skip = [p < 0 or paragraphs[p].kind != "paragraph" for p in self.para]
        self.para_end = [0] * n
        self.close: dict[int, int] = {}  # token of an opening mark -> token of its closing mark (or -1)
        self.quoted = [False] * n  # inside a top-level quoted span
        self.stop_after = [n] * n  # first index past the clause-final stop of each token's sentence
        self.ent: list[int] = [-1] * n  # entity index of a mention starting at the token
        self.cover: list[int] = [-1] * n  # entity index of a mention covering the token
        self.entities: list[Entity] = doc.entities
        self._paragraph_layout()
        self._mentions()

    def _paragraph_layout(self) -> None:
        n, para, text = self.n, self.para, self.doc.text
        i = 0
        while i < n:
            j = i
            while j < n and para[j] == para[i]:
                j += 1
            for k in range(i, j):
                self.para_end[k] = j
            if not self.skip[i]:
                p = self.doc.paragraphs[para[i]]
                for a, b in pair_marks(text, p.start, p.end):
                    ta = self.index_at(a)
                    tb = self.index_at(b) if b is not None else j
                    if ta < 0 or tb < 0:
                        continue
                    self.close[ta] = tb if b is not None else -1
                    for k in range(ta + 1, min(tb, j)):
                        self.quoted[k] = True
            # clause stops: sentence-final marks outside quotations
            nxt = j
            for k in range(j - 1, i - 1, -1):
                if self.kind[k] == "punct" and self.norm[k] in STOPS and not self.quoted[k]:
                    nxt = k + 1
                    while nxt < j and self.kind[nxt] == "punct" and self.norm[nxt] in STOPS:
                        nxt += 1
                self.stop_after[k] = nxt
            i = j

    def _mentions(self) -> None:
        for idx, e in enumerate(self.entities):
            for m in e.mentions:
                t = self.index_at(m.start)
                if t < 0:
                    t = self.index_covering(m.start)
                if t >= 0 and (self.ent[t] < 0 or e.type == "PER"):
                    self.ent[t] = idx
                k = t
                while 0 <= k < self.n and self.start[k] < m.end:
                    if self.cover[k] < 0 or e.type == "PER":
                        self.cover[k] = idx
                    k += 1

    def index_at(self, offset: int) -> int:
        """Return the token starting exactly at offset, or -1."""
        k = bisect_left(self.starts, offset)
        return k if k < self.n and self.starts[k] == offset else -1

    def index_covering(self, offset: int) -> int:
        """Return the token whose span covers offset, or -1."""
        k = bisect_left(self.starts, offset + 1) - 1
        return k if 0 <= k < self.n and self.start[k] <= offset < self.end[k] else -1

    def sentence_start(self, i: int) -> int:
        """Return the first token of the clause-sentence holding token i."""
        j = i
        p = self.para[i]
        while j > 0 and self.para[j - 1] == p and self.stop_after[j - 1] > i:
            j -= 1
        return j

    def sentence_end(self, i: int) -> int:
        """Return one past the last token of the sentence holding token i (before its final stop)."""
        end = min(self.stop_after[i], self.para_end[i])
        while end > i and self.kind[end - 1] == "punct" and self.norm[end - 1] in STOPS:
            end -= 1
        return end

    def text(self, a: int, b: int) -> str:
        """Return the original text of tokens a..b-1."""
        if b <= a:
            return ""
        return self.doc.text[self.start[a]:self.end[b - 1]]

    def has_article(self, i: int) -> bool:
        """Tell whether token i carries the definite article as written (الشركة، للشركة; not ألكسندر)."""
        raw = self.doc.text[self.start[i]:self.end[i]]
        for p in ("", "و", "ف", "ب", "ك", "وب", "فب"):
            if raw.startswith(p + "ال") and len(raw) > len(p) + 2:
                return True
        return raw.startswith(("لل", "ولل", "فلل")) and len(raw) > 3

    def is_adjunct(self, i: int, adjuncts: frozenset[str]) -> bool:
        """Tell whether token i is an adjunct word; علي spelt with ya is the name Ali, not على."""
        norm = self.norm[i]
        if norm not in adjuncts:
            return False
        return not (norm == "علي" and self.doc.text[self.end[i] - 1] == "ي")

    def words_between(self, a: int, b: int) -> int:
        """Count the tokens of a..b-1 that are not punctuation."""
        return sum(1 for k in range(a, b) if self.kind[k] != "punct")

    def is_punct(self, i: int, chars: frozenset[str] | str) -> bool:
        """Tell whether token i is one of the punctuation marks in chars."""
        return self.kind[i] == "punct" and self.norm[i] in chars
