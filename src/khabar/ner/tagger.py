"""The statistical entity tagger: a linear-chain CRF over normalised words, decoded in pure Python.

The weights come from python-crfsuite training (`khabar.ner.train`) and ship as a plain TSV
(`ner_crf.model`); tagging does not need crfsuite. A token's label scores are the sum of three
vectors, one per feature group (its own word, the word before, the word after), each a function
of one word type only and so computed once per type and cached. Per-label constants are moved
from the transition weights into those scores, which changes no path's total but lets the
scores alone tell entity labels from O: cheap bounds settle most tokens as O, and the exact
Viterbi search over well-formed BIO sequences runs only on the runs of tokens left open.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import add, itemgetter
from pathlib import Path
from typing import Protocol

from khabar.errors import ResourceError
from khabar.memo import Memo
from khabar.ner.features import (
    BIAS_KEY,
    BOUNDARY_KEYS,
    N_GROUPS,
    Names,
    own_word_keys,
    parse_attribute,
    split_proclitics,
    stem_keys,
    word_keys,
)
from khabar.ner.names import load_names
from khabar.resources import Resources, data_dir

MODEL_FILE = "ner_crf.model"
MODEL_FORMAT = "khabar-crf 1"
TYPES = ("PER", "ORG", "LOC")

# Tokens through which no span can score above all-O minus MARGIN are settled as O without a
# search. The bounds carry the transitions' worst case (two entities side by side), so 0 is
# lossless by construction; -3 gives most of that worst case back where it rarely arises and
# is still lossless as measured (no label differs from the full search on 326k tokens of 1,000
# corpus articles, -4 changes one), for a quarter fewer tokens searched.
MARGIN = -3.0
# Word types whose scores are kept per generation (~0.6 kB a type, two generations at most, so
# ~120 MB at worst): past 100k, the misses on the corpus are words never seen before (3.9 % of
# tokens after 4,000 articles; 7.2 % with 50k). No LRU bookkeeping on every token.
MAX_CACHED_TYPES = 100_000

_NEG = float("-inf")


class _HasNorm(Protocol):
    norm: str


def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Return the (start, end, type) token spans of a BIO label sequence; end is exclusive."""
    spans: list[tuple[int, int, str]] = []
    start = -1
    typ = ""
    for i, lab in enumerate(labels):
        if lab.startswith("I-") and start >= 0 and lab[2:] == typ:
            continue
        if start >= 0:
            spans.append((start, i, typ))
            start = -1
        if lab != "O":
            # an I- that does not continue a span of its type opens one, as in conlleval
            start, typ = i, lab[2:]
    if start >= 0:
        spans.append((start, len(labels), typ))
    return spans


def read_weights(path: Path) -> tuple[list[str], dict[tuple[str, str], float], dict[str, dict[str, float]]]:
    """Read a weights file: (labels, transition weights, state weights by attribute then label)."""
    if not path.is_file():
        raise ResourceError(f"entity tagger model {path.name} is missing from {path.parent}")
    labels: list[str] = []
    trans: dict[tuple[str, str], float] = {}
    state: dict[str, dict[str, float]] = {}
    with path.open(encoding="utf-8") as f:
        first = f.readline().rstrip("\n")
        if first != "#" + MODEL_FORMAT:
            raise ResourceError(f"entity tagger model {path} is not in format {MODEL_FORMAT!r}")
        for line in f:
            if line.startswith("#"):
                continue
            row = line.rstrip("\n").split("\t")
            if row[0] == "S":
                state.setdefault(row[1], {})[row[2]] = float(row[3])
            elif row[0] == "T":
                trans[(row[1], row[2])] = float(row[3])
            elif row[0] == "L":
                labels = row[1:]
    if "O" not in labels:
        raise ResourceError(f"entity tagger model {path} lists no labels")
    return labels, trans, state


class Tagger:
    """A CRF model that labels the normalised words of one sentence with BIO tags."""

    def __init__(self, path: Path, names: Names, margin: float = MARGIN) -> None:
        labels, trans, state = read_weights(path)
        self.labels: tuple[str, ...] = tuple(labels)
        self._names = names
        self._margin = margin
        n = len(labels)
        index = {lab: i for i, lab in enumerate(labels)}
        self._o = o = index["O"]
        self._begins = [y for y, lab in enumerate(labels) if lab.startswith("B-")]
        # (I-X, B-X) pairs: an I-X may only follow B-X or I-X, so only well-formed spans are decoded
        self._insides = [(y, index["B-" + lab[2:]]) for y, lab in enumerate(labels) if lab.startswith("I-")]
        if not self._begins or not self._insides:
            raise ResourceError(f"entity tagger model {path} has no B- and I- labels")
        self._inside_ids = {y for y, _ in self._insides}
        # C-level getters of a score row's B- and I- values (two indices at least, so they give tuples)
        self._begin_scores = itemgetter(*self._begins, self._begins[0])
        self._inside_scores = itemgetter(*(y for y, _ in self._insides), self._insides[0][0])
        allowed = [[True] * n for _ in range(n)]
        for x in range(n):
            for y, b in self._insides:
                allowed[x][y] = x in (y, b)
        raw = [[trans.get((labels[x], labels[y]), 0.0) for y in range(n)] for x in range(n)]
        into, out_of = _split_transitions(raw, allowed)
        # Residual transitions once per-label constants move into the state scores.
        self._r = [[raw[x][y] - into[y] - out_of[x] if allowed[x][y] else _NEG for y in range(n)] for x in range(n)]
        self._r_cols = [tuple(self._r[x][y] for x in range(n)) for y in range(n)]
        self._r_to_o = tuple(self._r[x][o] for x in range(n))
        self._outer = [*self._begins, o]
        self._insides_r = [(y, b, self._r[b][y], self._r[y][y]) for y, b in self._insides]
        # Transition scores of a lone token between O's, by (first in sentence, last in sentence).
        into_alone = [[self._r[o][y] for y in range(n)], [_NEG if y in self._inside_ids else 0.0 for y in range(n)]]
        out_alone = [[self._r[y][o] for y in range(n)], [0.0] * n]
        self._alone = [[tuple(map(add, into_alone[f], out_alone[la])) for la in (0, 1)] for f in (0, 1)]
        # Most the transitions of a span can add over all-O's, by position: into its B- token (or
        # none at the sentence start), into each I- token, out of its last token (or none at the end).
        r = self._r
        self._slack_b = max(0.0, max(r[x][b] - r[x][o] for x in range(n) for b in self._begins))
        self._slack_i = max(max(r[b][y], r[y][y]) for y, b in self._insides) - r[o][o]
        self._slack_end = max(0.0, max(r[x][z] - r[o][z] for x in range(n) if x != o for z in self._outer))
        # Weights by feature key: (kind, value) → ((lane, weight), ...), lane = group * labels + label.
        by_key: dict[tuple[str, str], list[tuple[int, float]]] = {}
        for attr, weights in state.items():
            group, kind, value = parse_attribute(attr)
            by_key.setdefault((kind, value), []).extend((group * n + index[lab], w) for lab, w in weights.items())
        self._weights = {key: tuple(lanes) for key, lanes in by_key.items()}
        zero = (0.0,) * n
        self._zero_entry = (zero, 0.0, 0.0)
        self._base = [a + b for a, b in zip(into, out_of, strict=True)] + [0.0] * (n * (N_GROUPS - 1))
        # Every word has the bias key: its weights go into the base once.
        for lane, w in self._weights.pop(BIAS_KEY, ()):
            self._base[lane] += w
        # The first token has no incoming transition and the last no outgoing one: their boundary
        # features take the moved constants back.
        fixes = {1: [-v for v in into], 2: [-v for v in out_of]}
        boundary = {
            group: self._group_entry(self._key_lanes(kind, value, group), fixes.get(group, list(zero)))
            for group, kind, value in BOUNDARY_KEYS
        }
        # Pseudo-words padding a sentence, one each side: they lend only the boundary features.
        self._start_pad = _pack([self._zero_entry, boundary[1], self._zero_entry])
        self._end_pad = _pack([self._zero_entry, self._zero_entry, boundary[2]])
        self._types: dict[str, tuple] = {}
        self._older: dict[str, tuple] = {}
        self._stems: Memo[str, tuple[list[float], bool]] = Memo(MAX_CACHED_TYPES)

    def _key_lanes(self, kind: str, value: str, group: int) -> list[tuple[int, float]]:
        n = len(self.labels)
        return [(lane - group * n, w) for lane, w in self._weights.get((kind, value), ()) if lane // n == group]

    def _group_entry(self, lanes: list[tuple[int, float]], base: list[float]) -> tuple:
        acc = list(base)
        for lane, w in lanes:
            acc[lane] += w
        return self._entry(acc)

    def _entry(self, acc: list[float], slack_b: float = 0.0, slack_i: float = 0.0) -> tuple:
        # (score vector, most a B- label can gain over O, most an I- label can gain over O): the
        # gain bounds settle plain words as O without adding up vectors
        o = acc[self._o]
        return tuple(acc), max(self._begin_scores(acc)) - o + slack_b, max(self._inside_scores(acc)) - o + slack_i

    def _type_entry(self, word: str) -> tuple:
        entry = self._types.get(word)
        if entry is None:
            entry = self._older.get(word) or self._new_entry(word)
            if len(self._types) >= MAX_CACHED_TYPES:
                # two generations: types used since the last turnover survive it
                self._older = self._types
                self._types = {}
            self._types[word] = entry
        return entry

    def _new_entry(self, word: str) -> tuple:
        if word and "\u0621" <= word[0] <= "\u064a":
            # an Arabic word: its stem's share is scored once per stem (محمد, ومحمد, لمحمد)
            prefix, stem = split_proclitics(word)
            part = self._stems.get(stem)
            if part is None:
                keys, tagged = stem_keys(stem, self._names)
                part = (self._accumulate([0.0] * len(self._base), keys), tagged)
                self._stems.keep(stem, part)
            rest = own_word_keys(word, prefix, part[1], self._names)
            acc = self._accumulate(list(map(add, self._base, part[0])), rest)
        else:
            acc = self._accumulate(list(self._base), word_keys(word, self._names))
        n = len(self.labels)
        groups = [self._entry(acc[:n], self._slack_b, self._slack_i)]
        for g in range(1, N_GROUPS):
            part_g = acc[g * n : (g + 1) * n]
            groups.append(self._entry(part_g) if any(part_g) else self._zero_entry)
        return _pack(groups)

    def _accumulate(self, acc: list[float], keys: list[tuple[str, str]]) -> list[float]:
        weights = self._weights
        for key in keys:
            for lane, w in weights.get(key, ()):
                acc[lane] += w
        return acc

    def _padded(self, words: Sequence[str], start: int, end: int) -> list[tuple]:
        # The entries of words[start:end] with one neighbour (or boundary pad) on each side.
        get = self._types.get
        part = words[start - 1 if start else 0 : end + 1]
        entries = [get(w) for w in part]
        if None in entries:
            entries = [e if e is not None else self._type_entry(w) for e, w in zip(entries, part, strict=True)]
        if not start:
            entries.insert(0, self._start_pad)
        if end == len(words):
            entries.append(self._end_pad)
        return entries

    def scores(self, words: Sequence[str]) -> list[list[float]]:
        """Return each word's label scores, with transition constants moved in (labels as in self.labels)."""
        return _rows(self._padded(words, 0, len(words)), 0, len(words))

    def tag(self, words: Sequence[str], windows: Sequence[tuple[int, int]] | None = None) -> list[str]:
        """Return one BIO label (B-PER, I-ORG, O...) per normalised word of a sentence.

        Args:
            words: the sentence's normalised words.
            windows: (start, end) word ranges to tag, the rest being taken as O (the whole
                sentence by default); words just outside a window still serve as its context.

        Returns:
            The labels, one per word.
        """
        n = len(words)
        path = [self._o] * n
        for start, end in [(0, n)] if windows is None else _merge(windows, n):
            if start < end:
                self._tag_window(words, start, end, path)
        labels = self.labels
        return [labels[y] for y in path]

    def _tag_window(self, words: Sequence[str], offset: int, stop: int, path: list[int]) -> None:
        n = len(words)
        padded = self._padded(words, offset, stop)
        own, prev1, next1 = padded[1:], padded, padded[2:]  # the three groups of features.GROUP_PREFIXES
        o = self._o
        # Bounds first (cheap, per word type), then exact gains on the tokens the bounds leave open:
        # no span can pay off across a token that the bounds settle, so runs are decoded apart.
        window = (own, prev1, next1)  # zip stops at next1, the shortest: one item a word
        bound_b = [a[3] + b[4] + c[5] for a, b, c in zip(*window, strict=False)]
        bound_i = [a[6] + b[7] + c[8] for a, b, c in zip(*window, strict=False)]
        begin_scores = self._begin_scores
        inside_scores = self._inside_scores
        slack_b = self._slack_b
        slack_i = self._slack_i
        for start, end in self._live_runs(bound_b, bound_i):
            rows = _rows(padded, start, end)
            if end - start == 1:
                path[offset + start] = self._decode(rows, offset + start == 0, offset + end == n)[0]
                continue
            gain_b = [max(begin_scores(r)) - r[o] + slack_b for r in rows]
            gain_i = [max(inside_scores(r)) - r[o] + slack_i for r in rows]
            for s, e in self._live_runs(gain_b, gain_i):
                first, last = offset + start + s, offset + start + e
                path[first:last] = self._decode(rows[s:e], first == 0, last == n)

    def _live_runs(self, gain_b: list[float], gain_i: list[float]) -> list[tuple[int, int]]:
        # Runs of tokens through which some span could score within the margin of all-O: ahead[i]
        # bounds what extending a span over tokens i.. adds, span what a span ending at i scores
        # (the gains carry the slack of the transitions into their token; the span's end, its own).
        n = len(gain_b)
        floor = -self._margin - self._slack_end
        ahead = [0.0] * (n + 1)
        for i in range(n - 1, -1, -1):
            c = gain_i[i] + ahead[i + 1]
            ahead[i] = c if c > 0.0 else 0.0
        runs: list[tuple[int, int]] = []
        span = _NEG
        start = -1
        for i in range(n):
            c = span + gain_i[i]
            span = c if c > gain_b[i] else gain_b[i]
            if span + ahead[i + 1] > floor:
                if start < 0:
                    start = i
            elif start >= 0:
                runs.append((start, i))
                start = -1
        if start >= 0:
            runs.append((start, n))
        return runs

    def _decode(self, rows: list[list[float]], first: bool, last: bool) -> list[int]:
        # Exact Viterbi over a run of tokens whose neighbours are O (or the sentence's ends); the
        # back-pointers are recomputed on the way back, for the one label kept at each token.
        if len(rows) == 1:
            scores = list(map(add, rows[0], self._alone[first][last]))
            return [scores.index(max(scores))]
        cols = self._r_cols
        if first:
            alpha = list(rows[0])
            for y, *_ in self._insides_r:
                alpha[y] = _NEG
        else:
            alpha = list(map(add, self._r[self._o], rows[0]))
        alphas = [alpha]
        for e in rows[1:]:
            new = list(e)
            for y in self._outer:
                new[y] += max(map(add, alpha, cols[y]))
            for y, b, from_b, from_y in self._insides_r:
                vb = alpha[b] + from_b
                vi = alpha[y] + from_y
                new[y] += vb if vb >= vi else vi
            alpha = new
            alphas.append(alpha)
        if not last:
            alpha = list(map(add, alpha, self._r_to_o))
        k = alpha.index(max(alpha))
        out = [k]
        for alpha in reversed(alphas[:-1]):
            scores = list(map(add, alpha, cols[k]))
            k = scores.index(max(scores))
            out.append(k)
        out.reverse()
        return out

    def spans(
        self, tokens: Sequence[str] | Sequence[_HasNorm], windows: Sequence[tuple[int, int]] | None = None
    ) -> list[tuple[int, int, str]]:
        """Return (start_index, end_index, type) entity spans over a sentence's tokens; end is exclusive.

        Args:
            tokens: normalised words, or objects with a `norm` attribute (khabar Token).
            windows: (start, end) token ranges to tag, as in `tag`; the whole sentence by default.

        Returns:
            The spans, in order.
        """
        words = [t if isinstance(t, str) else t.norm for t in tokens]
        return bio_spans(self.tag(words, windows))


def _merge(windows: Sequence[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """Clip word ranges to a sentence of n words and merge the ones that overlap or touch."""
    out: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(n, e)) for s, e in windows):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        elif start < end:
            out.append((start, end))
    return out


def _pack(groups: list[tuple]) -> tuple:
    """Lay out a word type's three (vector, B- bound, I- bound) groups as one flat tuple."""
    return tuple([g[0] for g in groups] + [g[1] for g in groups] + [g[2] for g in groups])


def _rows(padded: list[tuple], start: int, end: int) -> list[list[float]]:
    """Return the label scores of tokens start..end-1 of a padded sentence."""
    return [
        [a + b + c for a, b, c in zip(p[0], q[1], r[2], strict=True)]
        for p, q, r in zip(padded[start + 1 : end + 1], padded[start:end], padded[start + 2 : end + 2], strict=True)
    ]


def _split_transitions(raw: list[list[float]], allowed: list[list[bool]]) -> tuple[list[float], list[float]]:
    """Fit per-label constants so that raw[x][y] ≈ into[y] + out_of[x] over allowed transitions.

    Adding into[y] + out_of[y] to every state score of label y and taking them off the
    transitions changes no path's total (bar the first and last token, which the boundary
    features correct), but it makes the state scores alone tell O from entity labels, so that
    most tokens can be settled without the search. Alternating least squares; converges fast.
    """
    n = len(raw)
    into = [0.0] * n
    out_of = [0.0] * n
    for _ in range(50):
        for y in range(n):
            xs = [x for x in range(n) if allowed[x][y]]
            into[y] = sum(raw[x][y] - out_of[x] for x in xs) / len(xs)
        for x in range(n):
            ys = [y for y in range(n) if allowed[x][y]]
            out_of[x] = sum(raw[x][y] - into[y] for y in ys) / len(ys)
    return into, out_of


def load_tagger(resources: Resources) -> Tagger:
    """Return the packaged entity tagger, loaded once per Resources cache."""
    return resources.get("ner.tagger", lambda: Tagger(data_dir() / MODEL_FILE, resources.get("ner.names", load_names)))
