"""Resolve one date match of the dates stage to an ISO date, with its granularity and calendar."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

from khabar.stages.date_lexicon import DateLexicon, month_of

_GREGORIAN_YEARS = (1800, 2100)
_HIJRI_YEARS = (1343, 1500)  # the range hijridate's Umm al-Qura tables cover
_FUTURE_WEIGHT = 1.5  # news reports the past: an undated month or day is more often behind the article date
# Words before اليوم/الليلة that make it "the day" of something else (في اليوم، كل يوم، ذلك اليوم).
_NOT_TODAY_BEFORE = frozenset({"في", "كل", "ذلك", "ذاك", "نفس", "ذات", "طوال", "طيله", "مدار", "لذلك", "منذ"})
# Words before a weekday name that make it something else (صلاة الجمعة، كلا الاثنين، الواحد الأحد).
_NOT_WEEKDAY_BEFORE = frozenset({"صلاه", "خطبه", "خطيب", "صلاتي", "كلا", "بين", "الواحد", "اللهم"})
_NOT_MONDAY_BEFORE = frozenset({"في", "من", "ان", "هذين", "هذان", "كلا", "بين"})
_NEXT_WORD = re.compile(r"[\s)»\"]*([\u0621-\u064A]+)")


@dataclass(slots=True)
class Resolved:
    """A date found in folded text, resolved."""

    start: int
    end: int
    iso: str | None
    granularity: str  # day, week, month, year
    calendar: str = "gregorian"
    relative: bool = False
    weekday: int | None = None  # set for a bare weekday name, which may name a date next to it

    def widened(self, start: int, end: int) -> Resolved:
        """Return the same date over a wider span."""
        return replace(self, start=start, end=end, weekday=None)


def resolve_match(m: re.Match[str], text: str, lex: DateLexicon, anchor: date | None) -> Resolved | None:
    """Resolve a match of the lexicon's pattern; None when it is no date after all."""
    kind = m.lastgroup
    handler = _HANDLERS.get(kind or "")
    if handler is None:
        return None
    r = handler(m, text, lex, anchor)
    clitic = _CLITIC_GROUPS.get(kind or "")
    if r is not None and clitic and m.group(clitic):
        r.start = m.end(clitic)  # the span leaves out و، ب، ل written onto the first word
    return r


def _numeric(m: re.Match[str], text: str, lex: DateLexicon, anchor: date | None) -> Resolved | None:
    a, b, c = m.group("n1"), m.group("n2"), m.group("n3")
    if len(a) == 4:
        y, mo, d = int(a), int(b), int(c)
    elif len(c) == 4:
        d, mo, y = int(a), int(b), int(c)
    else:
        return None
    if mo > 12 and d <= 12:
        d, mo = mo, d  # 7/28/2015
    era = (m.group("n_era") or "").strip()
    hijri = era.startswith("ه") or (_in(y, _HIJRI_YEARS) and not era.startswith("م"))
    day = _hijri(y, mo, d) if hijri else _gregorian(y, mo, d)
    if day is None:
        return None
    return Resolved(m.start(), m.end(), day.isoformat(), "day", "hijri" if hijri else "gregorian")


def _day_month(m: re.Match[str], text: str, lex: DateLexicon, anchor: date | None) -> Resolved | None:
    month = _first_month(lex, m.group("d_month"))
    if month is None:
        return None
    mo, calendar, _ = month
    d = int(m.group("d_day"))
    year = m.group("d_year")
    start, end = m.start(), m.end()
    if year:
        day = _hijri(int(year), mo, d) if calendar == "hijri" else _gregorian(int(year), mo, d)
        if day is None:
            return None
        return Resolved(start, end, day.isoformat(), "day", calendar)
    offset = _mod(lex, m.group("d_mod"))
    if anchor is None:
        return Resolved(start, end, None, "day", calendar, True)
    if m.group("d_ry") and calendar == "gregorian":
        day = _gregorian(anchor.year + (_mod(lex, m.group("d_rymod")) or 0), mo, d)
        return Resolved(start, end, day.isoformat() if day else None, "day", calendar, True)
    day = _near_day(anchor, mo, d, offset, calendar)
    return Resolved(start, end, day.isoformat() if day else None, "day", calendar, True)


def _month_year(m: re.Match[str], text: str, lex: DateLexicon, anchor: date | None) -> Resolved | None:
    raw = m.group("m_month")
    month = _first_month(lex, raw)
    if month is None:
        return None
    mo, calendar, ambiguous = month
    year = m.group("m_year")
    offset = _mod(lex, m.group("m_mod"))
    paired = "/" in raw or "(" in raw or month_of(lex, raw) is None
    if ambiguous and not (m.group("m_shahr") or year or m.group("m_mod") or m.group("m_ry") or paired):
        return None  # رمضان، رجب، آب alone are names and words
    start, end = m.start(), m.end()
    if year:
        y = int(year)
        if calendar == "hijri":
            mid = _hijri(y, mo, 15)
            return None if mid is None else Resolved(start, end, mid.isoformat()[:7], "month", "hijri")
        if not _in(y, _GREGORIAN_YEARS):
            return None
        return Resolved(start, end, f"{y:04d}-{mo:02d}", "month", calendar)
    if anchor is None:
        return Resolved(start, end, None, "month", calendar, True)
    if m.group("m_ry") and calendar == "gregorian":
        y = anchor.year + (_mod(lex, m.group("m_rymod")) or 0)
        return Resolved(start, end, f"{y:04d}-{mo:02d}", "month", calendar, True)
    iso = _near_month(anchor, mo, offset, calendar)
    return Resolved(start, end, iso, "month", calendar, True)


def _year_range(m: re.Match[str], text: str, lex: DateLexicon, anchor: date | None) -> Resolved | None:
    y = int(m.group("yy1"))
    if not _in(y, _HIJRI_YEARS):
        return None
    iso = _hijri_year(y)
    return None if iso is None else Resolved(m.start(), m.end(), iso, "year", "hijri")


def _year(m: re.Match[str], text: str, lex: DateLexicon, anchor: date | None) -> Resolved | None:
    y = int(m.group("y_year"))
    era = (m.group("y_era") or "").strip()
    cue = m.group("y_year") != m.group("year").strip() and not m.group("y_prep")
    if not (cue or era or m.group("y_prep")):
        return None
    if era.startswith("ه") or (cue and _in(y, _HIJRI_YEARS) and not era):
        iso = _hijri_year(y) if _in(y, _HIJRI_YEARS) else None
        return None if iso is None else Resolved(m.start(), m.end(), iso, "year", "hijri")
    if m.group("y_prep") and not (cue or era):
        if not 1900 <= y <= 2100 or _counted_noun_after(text, m.end()):
            return None  # في 2000 حالة
    if not _in(y, _GREGORIAN_YEARS):
        return None
    start = m.start("y_year") if m.group("y_prep") else m.start()
    return Resolved(start, m.end(), f"{y:04d}", "year")


def _unit(m: re.Match[str], text: str, lex: DateLexicon, anchor: date | None) -> Resolved | None:
    if not (m.group("u_pre") or m.group("u_mod")):
        return None  # العام alone is "public", الشهر alone names no month
    unit = lex.units[m.group("u_unit")]
    offset = _mod(lex, m.group("u_mod")) or 0
    return _shifted(m.start(), m.end(), anchor, unit, offset)


def _ago(m: re.Match[str], text: str, lex: DateLexicon, anchor: date | None) -> Resolved | None:
    unit, count = lex.durations[m.group("a_unit")]
    num = m.group("a_num")
    if count == 0:
        if not num:
            return None
        count = int(num) if num.isdigit() else lex.numbers.get(num, 0)
    elif num:
        return None  # قبل 3 يومين is no phrase
    if count <= 0:
        return None
    return _shifted(m.start(), m.end(), anchor, unit, -count)


def _relative_day(m: re.Match[str], text: str, lex: DateLexicon, anchor: date | None) -> Resolved | None:
    word = m.group("r_word")
    if word in ("اليوم", "الليله"):
        if _prev_word(text, m.start()) in _NOT_TODAY_BEFORE:
            return None
        nxt = _NEXT_WORD.match(text, m.end())
        if nxt and nxt.group(1).startswith("ال") and nxt.group(1) not in lex.weekdays:
            return None  # اليوم الوطني، اليوم التالي
    return _shifted(m.start(), m.end(), anchor, "day", lex.days[word])


def _weekday(m: re.Match[str], text: str, lex: DateLexicon, anchor: date | None) -> Resolved | None:
    wd = lex.weekdays[m.group("w_day")]
    prev = _prev_word(text, m.start())
    if prev == "يوم":
        prev = _prev_word(text, text.rfind("يوم", 0, m.start()))
    if prev in _NOT_WEEKDAY_BEFORE:
        return None  # صلاة (يوم) الجمعة
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt and nxt.group(1) in ("عشر", "عشره"):
        return None  # الأحد عشر is eleven
    if m.group("w_day") == "الاثنين" and not m.group(0).startswith("يوم") and (
            prev in _NOT_MONDAY_BEFORE or (nxt and nxt.group(1) in ("معا", "من", "منهما"))):
        return None  # في الاثنين، الاثنين معا: "the two"
    offset = _mod(lex, m.group("w_mod"))
    if anchor is None:
        return Resolved(m.start(), m.end(), None, "day", relative=True, weekday=wd)
    back = (anchor.weekday() - wd) % 7
    if offset is None:
        day = anchor - timedelta(days=back)
    elif offset < 0:
        day = anchor - timedelta(days=back or 7)
    elif offset > 0:
        day = anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
    else:
        day = anchor - timedelta(days=back)
    return Resolved(m.start(), m.end(), day.isoformat(), "day", relative=True, weekday=wd)


_CLITIC_GROUPS = {"my": "m_cl", "unit": "u_cl", "ago": "a_cl", "rel": "r_cl", "wd": "w_cl"}
_HANDLERS = {
    "numeric": _numeric, "dm": _day_month, "my": _month_year, "yy": _year_range, "year": _year,
    "unit": _unit, "ago": _ago, "rel": _relative_day, "wd": _weekday,
}


def _shifted(start: int, end: int, anchor: date | None, unit: str, offset: int) -> Resolved:
    """Resolve a date that is the article date moved by offset units."""
    granularity = unit
    if anchor is None:
        return Resolved(start, end, None, granularity, relative=True)
    if unit == "day":
        iso = (anchor + timedelta(days=offset)).isoformat()
    elif unit == "week":
        iso = (anchor + timedelta(days=7 * offset)).isoformat()
    elif unit == "month":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + offset, 12)
        iso = f"{y:04d}-{mo + 1:02d}"
    else:
        iso = f"{anchor.year + offset:04d}"
    return Resolved(start, end, iso, granularity, relative=True)


def _near_day(anchor: date, mo: int, d: int, offset: int | None, calendar: str) -> date | None:
    """Place a day and month without a year: before, after or nearest to the article date."""
    if calendar == "hijri":
        h = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri()
        candidates = [_hijri(h.year + k, mo, d) for k in (-1, 0, 1)]
    else:
        candidates = [_gregorian(anchor.year + k, mo, d) for k in (-1, 0, 1)]
    days = [c for c in candidates if c is not None]
    if not days:
        return None
    if offset is not None and offset < 0:
        past = [c for c in days if c <= anchor]
        return max(past) if past else None
    if offset is not None and offset > 0:
        future = [c for c in days if c > anchor]
        return min(future) if future else None
    if offset == 0:
        same = [c for c in days if c.year == anchor.year]
        return same[0] if same else None
    return min(days, key=lambda c: (anchor - c).days if c <= anchor else (c - anchor).days * _FUTURE_WEIGHT)


def _near_month(anchor: date, mo: int, offset: int | None, calendar: str) -> str | None:
    """Place a month without a year, as YYYY-MM of the Gregorian calendar."""
    if calendar == "hijri":
        h = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri()
        here = h.year * 12 + h.month - 1
        cands = [(h.year + k) * 12 + mo - 1 for k in (-1, 0, 1)]
    else:
        here = anchor.year * 12 + anchor.month - 1
        cands = [(anchor.year + k) * 12 + mo - 1 for k in (-1, 0, 1)]
    if offset is not None and offset < 0:
        pick = max(c for c in cands if c < here)
    elif offset is not None and offset > 0:
        pick = min(c for c in cands if c > here)
    elif offset == 0:
        pick = cands[1]
    else:
        pick = min(cands, key=lambda c: here - c if c <= here else (c - here) * _FUTURE_WEIGHT)
    y, m0 = divmod(pick, 12)
    if calendar == "hijri":
        mid = _hijri(y, m0 + 1, 15)
        return None if mid is None else mid.isoformat()[:7]
    return f"{y:04d}-{m0 + 1:02d}"


def _first_month(lex: DateLexicon, raw: str) -> tuple[int, str, bool] | None:
    """Read the first month of تموز/يوليو or يوليو (تموز)."""
    first = re.split(r"[/(]", raw, maxsplit=1)[0]
    found = month_of(lex, first)
    if found is None:  # فبراير شباط: the first of two names written side by side
        words = first.split()
        for k in range(len(words) - 1, 0, -1):
            found = month_of(lex, " ".join(words[:k]))
            if found is not None:
                break
    return found


def _mod(lex: DateLexicon, word: str | None) -> int | None:
    return None if not word else lex.modifiers.get(word)


def _prev_word(text: str, pos: int) -> str:
    """Return the word before pos, without the punctuation between."""
    words = text[max(0, pos - 30):pos].rstrip(" \t\n(«\"").rsplit(None, 1)
    return words[-1] if words else ""


def _counted_noun_after(text: str, end: int) -> bool:
    m = _NEXT_WORD.match(text, end)
    return bool(m and not m.group(1).startswith("ال") and m.group(1).endswith("ا") and len(m.group(1)) > 3)


def _in(y: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= y <= bounds[1]


def _gregorian(y: int, mo: int, d: int) -> date | None:
    if not _in(y, _GREGORIAN_YEARS):
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _hijri(y: int, mo: int, d: int) -> date | None:
    if not _in(y, _HIJRI_YEARS):
        return None
    try:
        g = Hijri(y, mo, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def _hijri_year(y: int) -> str | None:
    """Give a Hijri year the Gregorian year in which its middle (1 Rajab) falls."""
    mid = _hijri(y, 7, 1)
    return None if mid is None else f"{mid.year:04d}"
