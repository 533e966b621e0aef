"""Text layer stage: sentences and tokens of the clean body, with offsets."""

from __future__ import annotations

from khabar.arabic import TOKEN_RE, extend_over_marks, normalize_with_offsets, split_sentences
from khabar.document import Document, Sentence, Token
from khabar.resources import Resources


def run(doc: Document, resources: Resources) -> Document:
    """Split each body paragraph into sentences and tokens."""
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    append = tokens.append
    text = doc.text
    for p_index, para in enumerate(doc.paragraphs):
        base = para.start
        # Tokens are found in the normalised paragraph (one pass) and mapped back to the original.
        folded = normalize_with_offsets(para.text)
        offsets = folded.offsets
        norm_text = folded.text
        matches = TOKEN_RE.finditer(norm_text)
        pending = next(matches, None)
        for start, end in split_sentences(text, para.start, para.end):
            s_index = len(sentences)
            sentences.append(Sentence(start, end, p_index))
            while pending is not None:
                ns, ne = pending.span()
                if offsets is None:
                    s, e = base + ns, base + ne
                else:
                    s = base + offsets[ns]
                    e = extend_over_marks(text, base + offsets[ne - 1] + 1, para.end)
                if s >= end:
                    break
                append(Token(text[s:e], s, e, pending.group(), pending.lastgroup or "punct", s_index))
                pending = next(matches, None)
    doc.sentences = sentences
    doc.tokens = tokens
    return doc
