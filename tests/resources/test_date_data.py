"""The dates stage's data files: month and weekday names and relative expressions."""

from __future__ import annotations

from collections import defaultdict

from khabar.arabic import normalize
from khabar.resources import iter_tsv

VARIETIES = {"egyptian", "levantine", "maghrebi", "english", "hijri"}
RELATIVE_KINDS = {"day", "unit", "modifier", "premodifier", "ago", "duration"}


def test_months_are_normalised_unique_and_complete() -> None:
    rows = list(iter_tsv("months.tsv"))
    forms = [r[0] for r in rows]
    assert len(set(forms)) == len(forms)
    by_variety: dict[str, set[int]] = defaultdict(set)
    for form, month, calendar, variety, ambiguous in rows:
        assert normalize(form) == form and form == form.lower(), form
        assert calendar in {"gregorian", "hijri"} and variety in VARIETIES, form
        assert (calendar == "hijri") == (variety == "hijri"), form
        assert ambiguous in {"0", "1"}, form
        by_variety[variety].add(int(month))
    full = set(range(1, 13))
    for variety in ("egyptian", "levantine", "english", "hijri"):
        assert by_variety[variety] == full, variety
    # Maghrebi names differ from the Egyptian ones only in some months (مارس، أكتوبر are shared)
    assert by_variety["maghrebi"] | by_variety["egyptian"] == full
    month = {r[0]: int(r[1]) for r in rows}
    assert (month["كانون الثاني"], month["تموز"], month["جانفي"], month["فيفري"], month["جويليه"]) == (1, 7, 1, 2, 7)
    assert (month["شوال"], month["ذو الحجه"], month["ربيع الاول"]) == (10, 12, 3)


def test_weekdays_are_the_seven_days() -> None:
    rows = list(iter_tsv("weekdays.tsv"))
    assert sorted(int(r[1]) for r in rows) == list(range(7))
    assert all(normalize(r[0]) == r[0] for r in rows)
    assert {r[0]: int(r[1]) for r in rows}["الاثنين"] == 0


def test_relative_expressions_are_typed_and_normalised() -> None:
    rows = list(iter_tsv("relative_dates.tsv"))
    keys = [(r[0], r[1]) for r in rows]
    assert len(set(keys)) == len(keys)
    for kind, phrase, unit, offset in rows:
        assert kind in RELATIVE_KINDS, phrase
        assert normalize(phrase) == phrase, phrase
        int(offset)
        if kind in ("day", "unit", "duration"):
            assert unit in {"day", "week", "month", "year"}, phrase
    days = {r[1]: int(r[3]) for r in rows if r[0] == "day"}
    assert (days["اليوم"], days["امس"], days["اول من امس"], days["غدا"]) == (0, -1, -2, 1)
