"""Dates stage: Gregorian and Hijri dates, weekdays and relative expressions, resolved to ISO dates.

Explicit dates (8 يوليو 2021، 2021/7/8، 25 شوال 1436 هـ) are read as written, Hijri ones converted
with hijridate. Incomplete and relative ones (29 يوليو، أمس، الاثنين، الشهر الماضي) are resolved
against the article's own date, doc.published: the date of its dateline (25 شوال 1436 هـ الموافق
10 اغسطس 2015 م) or else the date metadata. Without it they keep iso None.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from khabar.arabic import Normalized, normalize_with_offsets
from khabar.document import DateRef, Document
from khabar.resources import Resources
from khabar.stages import word_notes
from khabar.stages.amount_text import paragraph_candidates
from khabar.stages.date_lexicon import DateLexicon, load_lexicon
from khabar.stages.date_resolve import Resolved, resolve_match

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# Between a weekday and the date it names: اليوم (الثلاثاء)، الأربعاء الموافق 20-10-1436هـ، أمس الأربعاء.
_WEEKDAY_GAP = re.compile(r"[\s(،,]*(?:الموافق\s*|الموافقه\s*)?[\s(]*")
_WEEKDAY_TAIL = re.compile(r"[\s)]*")


def run(doc: Document, resources: Resources) -> Document:
    """Find the dates of the body and set the article's own date."""
    lex = load_lexicon(resources)
    doc.published = published_date(doc, lex)
    anchor = _to_date(doc.published)
    text = doc.text
    dates: list[DateRef] = []
    listed = word_notes.columns(doc, resources)[1][word_notes.DATE]  # numbers and the words of the lexicon
    candidates = paragraph_candidates(doc.tokens, doc.sentences, listed)
    for p_index in sorted(candidates):
        para = doc.paragraphs[p_index]
        folded = para.normalized
        assert folded is not None  # the text stage normalised every paragraph
        starts = [(folded.folded(s), lex.triggers.get(norm, 1)) for s, norm in candidates[p_index]]
        dates.extend(find_dates(folded, text, lex, anchor, starts))
    doc.dates = dates
    return doc


def published_date(doc: Document, lex: DateLexicon) -> str | None:
    """Return the article's own date: its dateline's date (Gregorian preferred), else the date metadata."""
    if doc.dateline is not None and doc.dateline.date_text:
        folded = normalize_with_offsets(doc.dateline.date_text)
        found = [r for r in _scan(folded.text, lex, None) if r.iso and r.granularity == "day"]
        found.sort(key=lambda r: r.calendar != "gregorian")
        if found:
            return found[0].iso
    if doc.date and _to_date(doc.date) is not None:
        return doc.date[:10]
    return None


def find_dates(folded: Normalized, original: str, lex: DateLexicon, anchor: date | None,
               starts: list[tuple[int, int]] | None = None) -> list[DateRef]:
    """Return the dates of one folded paragraph, with offsets into the original text.

    starts are the folded offsets of the tokens that may be part of a date (a number, a month or
    weekday name, أمس...), each with how many words before it the date may begin; without them the
    paragraph is scanned.
    """
    out: list[DateRef] = []
    for r in _scan(folded.text, lex, anchor, starts):
        s, e = folded.original(r.start), folded.original_end(r.end)
        out.append(DateRef(s, e, original[s:e], r.iso, r.granularity, r.calendar, r.relative))
    return out


def _scan(text: str, lex: DateLexicon, anchor: date | None,
          starts: list[tuple[int, int]] | None = None) -> list[Resolved]:
    found: list[Resolved] = []
    if starts is None:
        for m in lex.pattern.finditer(text):
            r = resolve_match(m, text, lex, anchor)
            if r is not None:
                found.append(r)
        return _merge_weekdays(found, text)
    done = 0
    for p, back in starts:
        if p < done or (text[p].isdigit() and not _may_be_date_number(text, p, lex)):
            continue
        # a date may begin up to two words before its trigger: أول من أمس، شهر رمضان، في 2013
        for c in (*_word_starts_before(text, p, back), p):
            if c < done:
                continue
            m = (lex.digit_start if text[c].isdecimal() else lex.word_start).match(text, c)
            if m is None or m.end() <= p:
                continue
            r = resolve_match(m, text, lex, anchor)
            if r is not None:
                found.append(r)
                done = m.end()
                break
    return _merge_weekdays(found, text)


def _may_be_date_number(text: str, p: int, lex: DateLexicon) -> bool:
    """Tell whether a number can be part of a date: a year, or a day before a month or a separator."""
    e = p
    n = len(text)
    while e < n and text[e].isdigit():
        e += 1
    digits = e - p
    if digits == 4:
        return True
    return digits <= 2 and lex.after_day.match(text, e) is not None


def _word_starts_before(text: str, p: int, count: int) -> tuple[int, ...]:
    """Return the starts of the count words before offset p (fewer at the start of the text)."""
    out: list[int] = []
    e = p
    for _ in range(count):
        while e > 0 and text[e - 1].isspace():
            e -= 1
        if e <= 0:
            break
        s = max(text.rfind(" ", 0, e), text.rfind("\n", 0, e)) + 1
        out.insert(0, s)
        e = s
    return tuple(out)


def _merge_weekdays(found: list[Resolved], text: str) -> list[Resolved]:
    """Fold a weekday into the day it names (أمس الأربعاء، اليوم (الثلاثاء)، الأربعاء الموافق 5 أغسطس)."""
    out: list[Resolved] = []
    i = 0
    while i < len(found):
        r = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and r.granularity == "day" and nxt.granularity == "day":
            if r.weekday is not None and nxt.weekday is None and _WEEKDAY_GAP.fullmatch(text, r.end, nxt.start):
                out.append(nxt.widened(r.start, nxt.end))  # الأربعاء الموافق 20-10-1436هـ
                i += 2
                continue
            if nxt.weekday is not None and r.weekday is None and _WEEKDAY_GAP.fullmatch(text, r.end, nxt.start):
                tail = _WEEKDAY_TAIL.match(text, nxt.end)
                end = nxt.end if tail is None or ")" not in tail.group() else nxt.end + tail.group().index(")") + 1
                out.append(_agree(r, nxt.weekday).widened(r.start, end))  # أمس الأربعاء، اليوم (الثلاثاء)
                i += 2
                continue
        out.append(r)
        i += 1
    return out


def _agree(r: Resolved, weekday: int) -> Resolved:
    """Let a weekday written next to a relative day correct it: the metadata date may be the crawl date."""
    day = _to_date(r.iso)
    if day is None or not r.relative or day.weekday() == weekday:
        return r
    back = (day.weekday() - weekday) % 7
    ahead = (weekday - day.weekday()) % 7
    fixed = day - timedelta(days=back) if back <= ahead else day + timedelta(days=ahead)
    return replace(r, iso=fixed.isoformat())


def _to_date(iso: str | None) -> date | None:
    if not iso:
        return None
    m = _ISO_DATE.match(iso)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None



