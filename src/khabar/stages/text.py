"""Text layer stage: sentences and tokens of the clean body, with offsets."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable
from sys import intern, maxsize

from khabar.arabic import (
    TOKEN_RE,
    Normalized,
    Segments,
    normalize,
    normalize_with_offsets,
    split_clitics,
    split_sentences,
)
from khabar.document import Document, Sentence, Token
from khabar.memo import Memo
from khabar.resources import Resources, iter_tsv
from khabar.stages import word_notes
from khabar.stages.word_notes import LISTS, Listing, Note

WORDS_PER_MINUTE = 180  # a common estimate of Arabic silent reading speed for news prose
# whitespace-separated chunks kept tokenised (a corpus article brings ~30 new ones); with the previous contents
# kept, up to twice as many are held (~60 MB at the peak)
CHUNK_MEMO_SIZE = 200_000

# a token inside a chunk: start, end, interned surface and norm, kind, the word's note and the readers listing it
Piece = tuple[int, int, str, str, str, Note, Listing]


def run(doc: Document, resources: Resources) -> Document:
    """Split each body paragraph into sentences and tokens; keep each paragraph's normalised form."""
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    norms: list[str] = []
    kinds: list[str] = []
    notes: list[Note] = []
    noted: tuple[list[int], ...] = tuple([] for _ in range(LISTS))
    read = word_notes.load(resources).read
    text = doc.text
    memo = resources.get("text.chunks", lambda: Memo(CHUNK_MEMO_SIZE, keep_previous=True))
    chunk_pieces = memo.get
    for p_index, para in enumerate(doc.paragraphs):
        if para.normalized is None:  # paragraphs not made by the clean stage: later stages read this form
            para.normalized = normalize_with_offsets(para.text, para.start)
        # with no marks dropped, the paragraph's matching form is 1:1 with it: a new chunk's is a slice
        # (the length check keeps a form made from another text out of the memo every document shares)
        folded = para.normalized.text
        if para.normalized.drops or len(folded) != len(para.text):
            folded = None
        spans = split_sentences(text, para.start, para.end)
        if not spans:
            continue
        k = len(sentences)  # the current sentence's index in the document
        sentences.extend(Sentence(s, e, p_index) for s, e in spans)
        # the last sentence ends nowhere: it takes the paragraph's remaining tokens (the loop's one test)
        next_end = iter([e for _s, e in spans[:-1]] + [maxsize]).__next__
        current_end = next_end()
        base = para.start
        pos = 0
        find = para.text.find
        chunks = para.text.split()
        # with one whitespace character between chunks (most paragraphs), each starts right after the last
        spaced = int(len(para.text) == sum(map(len, chunks)) + len(chunks) - 1)
        # Words are whitespace-separated chunks of one to a few tokens, and the same chunks recur in
        # every article: each chunk as written is tokenised once per batch (memo) instead of once per
        # occurrence, surfaces and offsets included, so nothing is folded, sliced or mapped here.
        for chunk in chunks:
            at = pos if spaced else find(chunk, pos)
            pos = at + len(chunk)
            pieces = chunk_pieces(chunk)
            if pieces is None:  # (a chunk of letters no token pattern takes holds no piece, and is kept so)
                pieces = memo.recall(chunk)
            if pieces is None:
                matching = normalize(chunk) if folded is None else folded[at:pos]
                pieces = memo.keep(chunk, _pieces(chunk, matching, read))
            at += base
            pos += spaced
            for rel_s, rel_e, surface, norm, kind, note, listed in pieces:
                s = at + rel_s
                while s >= current_end:
                    k += 1
                    current_end = next_end()
                if listed:  # the few words a later stage looks for
                    index = len(tokens)
                    for r in listed:
                        noted[r].append(index)
                # (list.append called as a method is specialised by 3.11; a pre-bound append is not)
                tokens.append(Token(surface, s, at + rel_e, norm, kind, k))
                norms.append(norm)
                kinds.append(kind)
                notes.append(note)
    doc.sentences = sentences
    doc.tokens = tokens
    doc.norms = norms
    doc.kinds = kinds
    doc.columns_of = tokens
    doc.notes = notes
    doc.noted = noted
    doc.notes_of = tokens
    # the body's words and numbers (8.6 is one); counted here, where the tokens are
    doc.word_count = len(tokens) - kinds.count("punct")
    doc.reading_minutes = max(1, math.ceil(doc.word_count / WORDS_PER_MINUTE)) if doc.word_count else 0
    return doc


def _pieces(chunk: str, matching: str, read: Callable[[str, str], tuple[Note, Listing]]
            ) -> tuple[Piece, ...]:
    """Tokenise a whitespace-free chunk as written, given its matching form: offsets, surface, norm, kind, note."""
    # A chunk gives the same tokens as the whole text would: no token pattern crosses whitespace, and
    # normalising drops no whitespace. Tokens are found in the chunk's folded form and mapped back;
    # marks written after a token's last letter stay part of it.
    if len(matching) == len(chunk):  # no marks to map
        m = TOKEN_RE.match(matching)
        if m is not None and m.end() == len(chunk):  # one token, as most chunks are
            norm, kind = intern(matching), m.lastgroup
            return ((0, len(chunk), intern(chunk), norm, kind, *read(norm, kind)),)  # type: ignore[arg-type]
    folded = Normalized(chunk, 0, matching)
    drops, length = folded.drops, len(folded.text)
    out = []
    for m in TOKEN_RE.finditer(folded.text):
        ns, ne = m.span()
        s = ns + bisect_right(drops, ns) if drops else ns
        e = (ne + bisect_right(drops, ne) if drops else ne) if ne < length else len(chunk)
        # Strings are interned: the later stages look every norm up in large tables, and a key that is
        # the same object skips the string comparison, whose memory is rarely in cache (measured: 7 %).
        norm, kind = intern(m.group()), m.lastgroup
        out.append((s, e, intern(chunk[s:e]), norm, kind, *read(norm, kind)))  # type: ignore[arg-type]
    return tuple(out)  # type: ignore[arg-type]


def load_vocabulary(resources: Resources) -> frozenset[str]:
    """Return the known-word list that keeps the clitic splitter from over-splitting (وزير, ولاية)."""

    def build() -> frozenset[str]:
        return frozenset(row[0] for row in iter_tsv("common_words.tsv") if row[0] != "word")

    return resources.get("text.vocabulary", build)


def segment(word: str, resources: Resources) -> Segments:
    """Split a normalised word into proclitics, article, stem and pronoun suffix, checked against the vocabulary."""
    return split_clitics(word, load_vocabulary(resources).__contains__)
