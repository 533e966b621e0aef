"""Dateline parsing for the clean stage: place, agency and date that open a story or its author field."""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.arabic import normalize
from khabar.resources import Resources, iter_tsv, read_lines

# A Hijri or Gregorian date written inside a dateline (طرابلس 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس).
_DATE = re.compile(
    r"\d{1,2}\s*[-/ ]\s*(?:[^\W\d_]+(?:\s[^\W\d_]+)?|\d{1,2})\s*[-/ ]\s*\d{4}\s*(?:هـ|ه|م)?\.?"
    r"(?:\s*(?:الموافق|الموافقه)\s*\d{1,2}\s*[-/ ]\s*(?:[^\W\d_]+|\d{1,2})\s*[-/ ]\s*\d{4}\s*(?:م)?\.?)?"
)
_SEPARATORS = re.compile(r"\s*(?:[-–—:،,/|؛]|\s\s+)\s*")
_QUOTES = re.compile(r"[«»\"“”'‘’]")
_PAREN = re.compile(r"\(([^()]{2,40})\)")
_FROM = re.compile(r"^(.{2,40}?)\s+من\s+(\S+(?:\s\S+)?)$")
_MAX_PART_WORDS = 4  # longer parts are prose, not a dateline


@dataclass(slots=True)
class DatelineLexicon:
    """What the dateline parser knows: outlets with their kind, and place names."""

    outlets: dict[str, tuple[str, str]]  # normalised variant → (canonical name, kind)
    places: frozenset[str]
    first_names: frozenset[str]  # a two-word unknown part opening with one is a reporter, not a city


@dataclass(slots=True)
class ParsedDateline:
    """A dateline split into its place, agency, date text and the people named with them."""

    place: str | None
    agency: str | None
    date_text: str | None
    people: list[str]


def load_lexicon(resources: Resources) -> DatelineLexicon:
    """Return the dateline lexicon, loading the data files on first use."""

    def build() -> DatelineLexicon:
        outlets = {row[0]: (row[1], row[2]) for row in iter_tsv("datelines.tsv")}
        first_names = frozenset(row[0] for row in iter_tsv("first_names.tsv") if row[0] != "name")
        return DatelineLexicon(outlets, frozenset(read_lines("places.txt")), first_names)

    return resources.get("dateline.lexicon", build)


def parse(raw: str, lexicon: DatelineLexicon, *, strict: bool) -> ParsedDateline | None:
    """Parse a candidate dateline; None when it does not look like one.

    strict (for text lines) asks for an agency or a known place and refuses prose; an author
    field is parsed leniently, its unknown parts being taken as the reporters' names.
    """
    text = raw.strip()
    date_match = _DATE.search(text)
    date_text = None
    if date_match:
        date_text = date_match.group().strip()
        text = text[: date_match.start()] + " - " + text[date_match.end():]
    parts: list[tuple[str, bool]] = []  # (surface, in parentheses)
    for m in _PAREN.finditer(text):
        parts.append((m.group(1), True))
    text = _PAREN.sub(" - ", text)
    for piece in _SEPARATORS.split(_QUOTES.sub(" ", text)):
        piece = piece.strip(" .")
        if not piece:
            continue
        m = _FROM.match(piece)
        if piece.startswith("من "):
            parts.append((piece[3:].strip(), True))
        elif m:
            parts.append((m.group(1), False))
            parts.append((m.group(2), True))
        else:
            parts.append((piece, False))
    if not parts:
        return None
    return _assign(parts, lexicon, strict, date_text)


def _assign(parts: list[tuple[str, bool]], lexicon: DatelineLexicon, strict: bool,
            date_text: str | None) -> ParsedDateline | None:
    place: str | None = None
    agency: str | None = None
    people: list[str] = []
    unknown: list[str] = []
    roles = []
    for surface, parenthesised in parts:
        key = normalize(surface)
        if len(key.split()) > _MAX_PART_WORDS:
            if strict:
                return None
            continue
        outlet = lexicon.outlets.get(key) or lexicon.outlets.get(key.removeprefix("صحيفه "))
        is_place = key in lexicon.places or (key.startswith("ال") is False and "ال" + key in lexicon.places)
        roles.append((surface, key, outlet, is_place, parenthesised))
    # Places first: a part that is only a place, or a parenthesised one, beats one that is also an outlet.
    for surface, _key, outlet, is_place, _parenthesised in sorted(
        roles, key=lambda r: (not r[3], not r[4], r[2] is not None)
    ):
        if is_place and place is None and not (outlet and outlet[1] == "agency"):
            place = surface
    for surface, _key, outlet, _is_place, _p in roles:
        if surface == place or outlet is None:
            continue
        if outlet[1] != "noise" and agency is None:
            agency = outlet[0]
    for surface, _key, outlet, _is_place, parenthesised in roles:
        if surface == place or outlet is not None:
            continue
        if parenthesised and place is None:
            place = surface
        else:
            unknown.append(surface)
    if strict:
        if agency is None and place is None:
            return None
        if (place is None and agency is not None and len(unknown) == 1 and len(unknown[0].split()) <= 2
                and not _person_like(unknown[0], lexicon)):
            place = unknown.pop()  # a city the gazetteer lacks, beside a known agency
        if len(unknown) > 1 or any(len(u.split()) > 3 for u in unknown):
            return None
    people.extend(unknown)
    return ParsedDateline(place, agency, date_text, people)


def _person_like(part: str, lexicon: DatelineLexicon) -> bool:
    """Tell whether an unknown dateline part reads as a reporter's name (عمر إبراهيم - عين اليوم), not a city."""
    words = normalize(part).split()
    return len(words) == 2 and words[0] in lexicon.first_names
