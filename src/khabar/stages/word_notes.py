"""What each later stage looks for in a word, read once per new written chunk and carried by the text stage.

Each stage used to pass over an article's ~340 tokens probing a large table of its own with every norm
(a likely cache miss each, seven passes). The text stage tokenises a chunk as written once per batch
(its chunk memo); it now also keeps, with each token of the chunk, the word's note: one value per
reader below (None when the word means nothing to that stage). A document then carries the note of
each token (Document.notes) and, per reader, the tokens it lists (Document.noted): a stage reads its
candidates from a ready list instead of looking every token up.

Every reader is a pure function of a token's norm and kind, so a note made once holds for the batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from khabar.document import Document, Token
from khabar.memo import Memo
from khabar.resources import Resources
from khabar.stages.amount_numbers import load_lexicon as amount_lexicon
from khabar.stages.date_lexicon import load_lexicon as date_lexicon
from khabar.stages.entity_lexicon import get_lexicon as entity_lexicon
from khabar.stages.quote_lexicon import load_lexicon as quote_lexicon
from khabar.stages.quote_view import COMMAS

# What a note holds, by index: the readings of the two stages whose look-ups are costly.
ENTITY = 0  # the entity lexicon's TokenInfo of a word that may open a name, place or cue (else None)
EVENT = 1  # the event lexicon's Info of the word (PLAIN for most words)
UNJOINED = 2  # the word less a leading conjunction و or ف, when the event lexicon reads one (else None)
# The lists of tokens a document keeps, by index into Document.noted.
ENTITY_LISTED = 0  # the tokens with an entity reading (ENTITY is set)
EVENT_LISTED = 1  # the words with a trigger or cue reading
AMOUNT = 2  # a number, or a word that may begin an amount (مليون، ثلاثة)
DATE = 3  # a number, or a word that may be part of a date (أمس، يوليو)
QUOTE = 4  # a speech cue word (قال، وأضاف، بحسب)
COMMA = 5  # a comma mark (، , ؛ ;)
LISTS = 6

Note = tuple[Any, ...]
Listing = tuple[int, ...]  # the indices of the lists that take a word
NOTE_MEMO_SIZE = 300_000  # words (norms) whose notes are kept: a corpus vocabulary, as the lexicons keep


@dataclass(slots=True)
class WordNotes:
    """Reads a word's note once per batch: the stages' lexicons, asked once for every new word."""

    note_of: Callable[[str, str], tuple[Note, tuple[bool, ...]]]  # (norm, kind) -> note, one flag per list
    empty: Note  # the note of most words (no entity reading, the plain event Info): one shared tuple
    # kind -> norm -> (note, listing): a word recurs in many chunks (الوزير، «الوزير، الوزير.)
    memos: dict[str, Memo[str, tuple[Note, Listing]]] = field(default_factory=dict)
    listings: dict[tuple[bool, ...], Listing] = field(default_factory=dict)  # flags -> shared index tuple

    def read(self, norm: str, kind: str) -> tuple[Note, Listing]:
        """Return a word's note and the indices of the lists that take it."""
        memo = self.memos.get(kind)
        if memo is None:
            memo = self.memos[kind] = Memo(NOTE_MEMO_SIZE)
        hit = memo.get(norm)
        if hit is not None:
            return hit
        note, flags = self.note_of(norm, kind)
        listing = self.listings.get(flags)
        if listing is None:
            listing = self.listings[flags] = tuple(i for i, flag in enumerate(flags) if flag)
        return memo.keep(norm, (note, listing))


def load(resources: Resources) -> WordNotes:
    """Return the note reader of the stages after the text stage (their lexicons load on first use)."""
    return resources.get("text.word_notes", lambda: _build(resources))


def _build(resources: Resources) -> WordNotes:
    # imported here: the event lexicon imports the text stage (for its vocabulary), which imports this module
    from khabar.stages.event_lexicon import PLAIN
    from khabar.stages.event_lexicon import lexicon as event_lexicon

    entity_lex = entity_lexicon(resources)
    event_lex = event_lexicon(resources)
    amount_words = amount_lexicon(resources).anchor_words
    date_words = date_lexicon(resources).triggers
    cues = quote_lexicon(resources).cues
    marked_reading = entity_lex.marked_reading
    event_known, event_learn, without_conjunction = event_lex.cache.get, event_lex.learn, event_lex.without_conjunction

    # one function, not one per stage: it runs for every new word of a batch (~30 an article)
    def note_of(norm: str, kind: str) -> tuple[Note, tuple[bool, ...]]:
        entity = marked_reading(norm)
        event = event_known(norm) or event_learn(norm)
        rest: str | None = without_conjunction(norm)
        if rest == norm:
            rest = None
        number = kind == "number"
        flags = (entity is not None, bool(event[0]) and kind == "word",
                 number or norm in amount_words, number or norm in date_words, norm in cues, norm in COMMAS)
        if entity is None and event is PLAIN and rest is None:
            return empty, flags
        return (entity, event, rest), flags

    empty: Note = (None, PLAIN, None)
    return WordNotes(note_of, empty)


def columns(doc: Document, resources: Resources) -> tuple[list[Note], tuple[list[int], ...]]:
    """Return each token's note and the lists of tokens (read now when the text stage did not make the tokens).

    Notes made by the text stage are kept with the tokens they were made for: every Resources object reads
    the same packaged tables, so a stage given other resources than the text stage's reads the same notes.
    """
    if doc.notes_of is not doc.tokens:
        doc.notes, doc.noted = read_tokens(doc.tokens, resources)
        doc.notes_of = doc.tokens
    return doc.notes, doc.noted


def read_tokens(tokens: list[Token], resources: Resources) -> tuple[list[Note], tuple[list[int], ...]]:
    """Return the notes of tokens the text stage did not make, and the lists of tokens, as the text stage would."""
    read = load(resources).read
    notes: list[Note] = []
    noted: tuple[list[int], ...] = tuple([] for _ in range(LISTS))
    for k, t in enumerate(tokens):
        note, listed = read(t.norm, t.kind)
        notes.append(note)
        for r in listed:
            noted[r].append(k)
    return notes, noted
