"""The document model: one Document flows through every stage; spans carry offsets into its text.

The classes are plain dataclasses except Token, a msgspec.Struct (see there): dataclasses.asdict or replace
do not apply to tokens; msgspec encodes a whole Document, tokens included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    from khabar.arabic import Normalized


@dataclass(slots=True)
class Span:
    """A half-open character range [start, end) of the original input text."""

    start: int
    end: int


@dataclass(slots=True)
class Paragraph:
    """A paragraph of the clean body; kind is "paragraph" or "subheading"."""

    start: int
    end: int
    text: str
    kind: str = "paragraph"
    # Its matching form with the offset map, set by clean (else by the text stage) and shared by later stages.
    normalized: Normalized | None = field(default=None, repr=False, compare=False)


@dataclass(slots=True)
class Caption:
    """An image caption with its photo credit, kept out of the body."""

    start: int
    end: int
    text: str
    credit: str | None = None
    repeats: int = 1


@dataclass(slots=True)
class Dateline:
    """The place and agency that open a story, with where they were found."""

    place: str | None
    agency: str | None
    start: int | None = None
    end: int | None = None
    date_text: str | None = None
    origin: str = "text"  # "text" or "author" (the author metadata field)


@dataclass(slots=True)
class Furniture:
    """A stretch of page furniture removed from the body, and the rule that removed it."""

    start: int
    end: int
    rule: str


@dataclass(slots=True)
class Sentence:
    """A sentence of the body, inside one paragraph."""

    start: int
    end: int
    paragraph: int


# The one model class that is no dataclass: an article makes ~340 tokens, and a Struct is built in C
# (0.28 us against 0.9 us for a dataclass's Python __init__; 4 % of all instructions). It holds only
# strings and ints, so it cannot be part of a reference cycle and stays out of the collector (gc=False).
class Token(msgspec.Struct, gc=False):
    """A token of the body: surface text, offsets, normalised form and kind."""

    text: str
    start: int
    end: int
    norm: str
    kind: str
    sentence: int = -1


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity in the text."""

    start: int
    end: int
    text: str
    source: str = "rule"  # which recogniser found it: gazetteer, cue, tagger, alias, ...


@dataclass(slots=True)
class Entity:
    """A distinct person, organisation, place, nationality or weapon system of the article."""

    id: int
    name: str
    type: str  # PER, ORG, LOC, NORP, WEAPON
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    code: str | None = None  # ISO 3166-1 alpha-3 or an organisation code (UN, NATO, ...)
    sector: str | None = None  # GOV, MIL, BUS, MED, ...
    role: str | None = None  # the title or role the article gives a person


@dataclass(slots=True)
class Quote:
    """An attributed statement, direct or reported."""

    start: int
    end: int
    text: str
    direct: bool
    speaker: int | None = None  # Entity.id
    speaker_name: str | None = None
    speaker_description: str | None = None  # for unnamed speakers (مصدر، مسؤول أميركي)
    via: str | None = None  # the relaying outlet (نقلت وكالة إنترفاكس عن ...)
    cue: str | None = None  # the attribution verb or phrase
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass(slots=True)
class Amount:
    """A number that quantifies something."""

    start: int
    end: int
    text: str
    kind: str  # money, percent, count
    value: float
    currency: str | None = None
    unit: str | None = None  # the counted noun (دولة) for counts
    value_max: float | None = None  # upper bound of a range


@dataclass(slots=True)
class DateRef:
    """A date expression resolved to the calendar."""

    start: int
    end: int
    text: str
    iso: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    granularity: str  # day, week, month, year
    calendar: str = "gregorian"  # or hijri
    relative: bool = False


@dataclass(slots=True)
class Actor:
    """An event participant: a code (state or organisation), an entity name, or unresolved."""

    code: str | None
    entity: int | None = None  # Entity.id
    mention: Span | None = None
    text: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class Event:
    """Who did what to whom, in one sentence."""

    type: str  # one of the 16 PLOVER types
    source: Actor
    target: Actor
    trigger: Span
    trigger_text: str
    sentence: Span
    status: str = "done"  # done, ongoing, imminent, threatened, conditional, denied, hypothetical
    date: str | None = None
    location: str | None = None
    confidence: float = 0.5
    cameo: str | None = None
    symmetric: bool = False
    in_quote: bool = False


@dataclass(slots=True)
class ArmsTransfer:
    """A transfer of a weapon system from a supplier to a recipient."""

    supplier: str | None
    recipient: str | None
    system: str
    status: str  # negotiating, agreed, delivered, offered
    quantity: float | None = None
    value: float | None = None
    currency: str | None = None
    year: int | None = None
    sentences: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """One article: the input text and metadata, and everything the stages add."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    date: str | None = None
    author: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # clean
    headline: Span | None = None
    dateline: Dateline | None = None
    bylines: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    word_count: int = 0
    reading_minutes: int = 0
    # text layer
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    # the tokens' norms and kinds again as plain lists, in token order: the stages' passes over every
    # token run on these in C (map, compress) instead of reading two attributes per token each time
    norms: list[str] = field(default_factory=list, repr=False)
    kinds: list[str] = field(default_factory=list, repr=False)
    columns_of: list[Token] | None = field(default=None, repr=False)  # the tokens list they were made from
    # what the later stages look for in each token (stages.word_notes): a note per token, and per reader
    # the indices of the tokens it lists; notes_of is the tokens list they were made for
    notes: list[tuple[Any, ...]] = field(default_factory=list, repr=False)
    noted: tuple[list[int], ...] = field(default=(), repr=False)
    notes_of: list[Token] | None = field(default=None, repr=False)
    # annotations
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    arms_transfers: list[ArmsTransfer] = field(default_factory=list)
    published: str | None = None  # the article's own date (YYYY-MM-DD) from its dateline or metadata

    def columns(self) -> tuple[list[str], list[str]]:
        """Return the tokens' norms and kinds (made by the text stage; rebuilt when tokens were set otherwise)."""
        if self.columns_of is not self.tokens:
            self.norms = [t.norm for t in self.tokens]
            self.kinds = [t.kind for t in self.tokens]
            self.columns_of = self.tokens
        return self.norms, self.kinds

    def span_text(self, start: int, end: int) -> str:
        """Return the original text of a span."""
        return self.text[start:end]

    @property
    def body(self) -> list[str]:
        """The clean paragraphs, in order."""
        return [p.text for p in self.paragraphs]
