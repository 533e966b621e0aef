"""The dates stage: every date form, resolved to ISO dates against the article date."""

from __future__ import annotations

from datetime import date

import pytest

from khabar import pipeline
from khabar.arabic import normalize_with_offsets
from khabar.document import Dateline, DateRef, Document
from khabar.resources import default_resources
from khabar.stages import amounts, clean, dates, text
from khabar.stages.date_lexicon import load_lexicon

STAGES = (clean.run, text.run, dates.run)
TUE = "2015-07-21"  # a Tuesday: the article date of most cases below


def find(sentence: str, anchor: str | None = TUE) -> list[DateRef]:
    """Run the dates finder over one paragraph, against an article date."""
    day = date.fromisoformat(anchor) if anchor else None
    return dates.find_dates(normalize_with_offsets(sentence), sentence, load_lexicon(default_resources()), day)


# sentence, article date → every date in it: (text, iso, granularity)
CASES = [
    # Gregorian, written out and numeric
    ("خلال تدريبات عسكرية - 8 يوليو 2021 - TASS", TUE, [("8 يوليو 2021", "2021-07-08", "day")]),
    ("صدر القرار في 2021/7/8 ونشر في 8-7-2021", TUE,
     [("2021/7/8", "2021-07-08", "day"), ("8-7-2021", "2021-07-08", "day")]),
    ("بتاريخ 8/7/2021 م", TUE, [("8/7/2021 م", "2021-07-08", "day")]),
    ("منذ يوليو 2021", TUE, [("يوليو 2021", "2021-07", "month")]),
    ("في تموز/يوليو 2015", TUE, [("تموز/يوليو 2015", "2015-07", "month")]),
    ("والزيارة مقررة في 29 يوليو (تموز)، بحسب مقربين منه", TUE, [("29 يوليو (تموز)", "2015-07-29", "day")]),
    ("في 3 ديسمبر (كانون الأول) 2014", TUE, [("3 ديسمبر (كانون الأول) 2014", "2014-12-03", "day")]),
    ("أفرج عنه في ديسمبر (كانون الأول) 2014", TUE, [("ديسمبر (كانون الأول) 2014", "2014-12", "month")]),
    # Levantine, Maghrebi and English month names
    ("في كانون الثاني 2015", TUE, [("كانون الثاني 2015", "2015-01", "month")]),
    ("أمام بلاتر حتى فبراير شباط المقبل", TUE, [("فبراير شباط المقبل", "2016-02", "month")]),
    ("ومنذ بداية كانون الثاني(يناير)، أقسم", TUE, [("كانون الثاني(يناير)", "2015-01", "month")]),
    ("يوم 15 آذار 2014", TUE, [("15 آذار 2014", "2014-03-15", "day")]),
    ("في آب/أغسطس 2015", TUE, [("آب/أغسطس 2015", "2015-08", "month")]),
    ("في 1 تشرين الأول 2013", TUE, [("1 تشرين الأول 2013", "2013-10-01", "day")]),
    ("في 3 جانفي 2015", TUE, [("3 جانفي 2015", "2015-01-03", "day")]),
    ("خلال شهر فيفري 2014", TUE, [("شهر فيفري 2014", "2014-02", "month")]),
    ("في جويلية 2015", TUE, [("جويلية 2015", "2015-07", "month")]),
    ("في 14 أوت 2015", TUE, [("14 أوت 2015", "2015-08-14", "day")]),
    ("منذ غشت 2015", TUE, [("غشت 2015", "2015-08", "month")]),
    ("11 August 2015", TUE, [("11 August 2015", "2015-08-11", "day")]),
    # Hijri, converted (the text is kept)
    ("طرابلس 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م", TUE,
     [("25 شوال 1436 هـ", "2015-08-10", "day"), ("10 اغسطس 2015 م", "2015-08-10", "day")]),
    ("حتى نهاية دوام يوم الأربعاء الموافق 20-10-1436هـ .", "2015-07-26",
     [("يوم الأربعاء الموافق 20-10-1436هـ", "2015-08-05", "day")]),
    ("صدر بتاريخ 1436/10/25 هـ", TUE, [("1436/10/25 هـ", "2015-08-10", "day")]),
    ("في شهر ربيع الأول لعام 1383هـ", TUE, [("شهر ربيع الأول لعام 1383هـ", "1963-08", "month")]),
    ("في ذي الحجة 1436", TUE, [("ذي الحجة 1436", "2015-09", "month")]),
    ("من مواليد 1415هـ", TUE, [("1415هـ", "1994", "year")]),
    ("للعام الدراسي 1436-1437 هـ", TUE, [("1436-1437 هـ", "2015", "year")]),
    ("خلال شهر رمضان الماضي", TUE, [("شهر رمضان الماضي", "2015-07", "month")]),  # mid-Ramadan 1436: 2 July
    ("عقد الاجتماع في 14 شوال الجاري", "2015-08-03", [("14 شوال الجاري", "2015-07-30", "day")]),
    # weekdays: the nearest such day on or before the article date; المقبل after it
    ("قال الاثنين إن روسيا وتركيا تقتربان", TUE, [("الاثنين", "2015-07-20", "day")]),
    ("أعلن يوم الأربعاء أن", TUE, [("يوم الأربعاء", "2015-07-15", "day")]),
    ("وصل الثلاثاء إلى الرياض", TUE, [("الثلاثاء", "2015-07-21", "day")]),
    ("يصل الخميس المقبل", TUE, [("الخميس المقبل", "2015-07-23", "day")]),
    ("التقى الرئيس الأحد الماضي", TUE, [("الأحد الماضي", "2015-07-19", "day")]),
    ("غارات صباح الأحد", "2015-07-26", [("الأحد", "2015-07-26", "day")]),
    # a weekday next to the day it names is one date
    ("أعلن اليوم (الثلاثاء)، انه سيتوجه", TUE, [("اليوم (الثلاثاء)", "2015-07-21", "day")]),
    ("في حفل تخرج أمس الأربعاء", "2015-07-23", [("أمس الأربعاء", "2015-07-22", "day")]),
    ("ابتداءً من يوم غدٍ الاثنين", "2015-07-26", [("يوم غدٍ الاثنين", "2015-07-27", "day")]),
    ("أقرت المفوضية اليوم الإثنين مساعدات", "2015-08-11", [("اليوم الإثنين", "2015-08-10", "day")]),
    # relative days
    ("أعلن الوزير اليوم أن", TUE, [("اليوم", "2015-07-21", "day")]),
    ("استقبل أمس بمقر السفارة", TUE, [("أمس", "2015-07-20", "day")]),
    ("قال مساء أول من أمس", TUE, [("أول من أمس", "2015-07-19", "day")]),
    ("وصل أول أمس", TUE, [("أول أمس", "2015-07-19", "day")]),
    ("نشر في تويتر أمس الأول", TUE, [("أمس الأول", "2015-07-19", "day")]),
    ("ويبدأ غداً", TUE, [("غداً", "2015-07-22", "day")]),
    ("تنطلق بعد غد مسابقة", TUE, [("بعد غد", "2015-07-23", "day")]),
    ("وبالأمس قال", TUE, [("الأمس", "2015-07-20", "day")]),
    # relative weeks, months, years
    ("سأكون هناك الاسبوع المقبل", TUE, [("الاسبوع المقبل", "2015-07-28", "week")]),
    ("نشر الأسبوع الماضي", TUE, [("الأسبوع الماضي", "2015-07-14", "week")]),
    ("تم التوصل إليه الشهر الماضي", TUE, [("الشهر الماضي", "2015-06", "month")]),
    ("خلال الشهر الجاري", TUE, [("الشهر الجاري", "2015-07", "month")]),
    ("العام الماضي والعام المقبل", TUE, [("العام الماضي", "2014", "year"), ("العام المقبل", "2016", "year")]),
    ("خلال العام الجاري", TUE, [("العام الجاري", "2015", "year")]),
    ("تزايدت التوترات هذا العام", TUE, [("هذا العام", "2015", "year")]),
    ("في هذه السنة", TUE, [("هذه السنة", "2015", "year")]),
    ("في اجتماع الدوحة قبل أسبوعين", TUE, [("قبل أسبوعين", "2015-07-07", "week")]),
    ("قبل ثلاثة أيام", TUE, [("قبل ثلاثة أيام", "2015-07-18", "day")]),
    ("أكبر تراجع منذ ثمانية أعوام", TUE, [("منذ ثمانية أعوام", "2007", "year")]),
    ("منذ 15 شهرا", TUE, [("منذ 15 شهرا", "2014-04", "month")]),
    # a month or day without a year: the modifier says before or after, else the nearest
    ("يذكر أنه في يوليو الماضي استكملت", TUE, [("يوليو الماضي", "2014-07", "month")]),
    ("أبرمتها في فبراير الماضي", TUE, [("فبراير الماضي", "2015-02", "month")]),
    ("سيتوجهون الى ايران في سبتمبر (ايلول) المقبل", TUE, [("سبتمبر (ايلول) المقبل", "2015-09", "month")]),
    ("كأس العالم التي تنطلق 12 يونيو المقبل", TUE, [("12 يونيو المقبل", "2016-06-12", "day")]),
    ("كانت الأولى في 13 مايو الماضي، والثانية في 10 يوليو الجاري", "2015-07-26",
     [("13 مايو الماضي", "2015-05-13", "day"), ("10 يوليو الجاري", "2015-07-10", "day")]),
    ("وفي سبتمبر العام الماضي أثناء زيارة", "2015-07-25", [("سبتمبر العام الماضي", "2014-09", "month")]),
    ("في 13 مايو من العام المقبل", TUE, [("13 مايو من العام المقبل", "2016-05-13", "day")]),
    ("في يناير وقع الاتفاق", TUE, [("يناير", "2015-01", "month")]),
    ("في ديسمبر وقع الاتفاق", "2016-01-10", [("ديسمبر", "2015-12", "month")]),
    ("خلال شهري يونيو ويوليو", "2015-08-07", [("يونيو", "2015-06", "month"), ("يوليو", "2015-07", "month")]),
    # years
    ("وقعت روسيا في عام 2021 عقوداً", TUE, [("عام 2021", "2021", "year")]),
    ("حتى 500 مليون يورو في 2013؛ اي أقل من 2004", TUE, [("2013", "2013", "year")]),
    ("منذ بداية العام 2015", TUE, [("العام 2015", "2015", "year")]),
    ("مع أستون فيلا عام 2017 م", TUE, [("عام 2017 م", "2017", "year")]),
]


@pytest.mark.parametrize(("sentence", "anchor", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_date_forms(sentence: str, anchor: str, expected: list[tuple[str, str, str]]) -> None:
    got = [(d.text, d.iso, d.granularity) for d in find(sentence, anchor)]
    assert got == expected


@pytest.mark.parametrize(("sentence", "calendar", "relative"), [
    ("25 شوال 1436 هـ", "hijri", False), ("20-10-1436هـ", "hijri", False), ("8 يوليو 2021", "gregorian", False),
    ("أمس", "gregorian", True), ("29 يوليو", "gregorian", True), ("الشهر الماضي", "gregorian", True),
])
def test_calendar_and_relative_flags(sentence: str, calendar: str, relative: bool) -> None:
    (d,) = find(sentence)
    assert (d.calendar, d.relative) == (calendar, relative)


@pytest.mark.parametrize("sentence", [
    "رمضان ساجد ناطق باسم السلطة", "قال الأمين العام للجامعة", "احتفالات اليوم الوطني", "بعد صلاة الجمعة",
    "كلا الاثنين", "في اليوم التالي", "الأبيات الأحد عشر", "نائب المدير العام", "حزب الغد", "ثلاث مرات في اليوم",
    "حصل على 2000 صوت", "تضم 1959 فرعا", "في آب كان الأب", "في نيسان القديمة",
])
def test_not_dates(sentence: str) -> None:
    assert find(sentence) == []


def test_without_an_article_date_relative_dates_keep_no_iso() -> None:
    found = find("قال الاثنين إن الزيارة في 29 يوليو وليس في 8 يوليو 2021 ولا أمس", None)
    assert [(d.text, d.iso) for d in found] == [
        ("الاثنين", None), ("29 يوليو", None), ("8 يوليو 2021", "2021-07-08"), ("أمس", None)]
    assert all(d.relative for d in found if d.iso is None)


def _doc(text_: str, **meta: str) -> Document:
    return pipeline.run(Document(id="t", text=text_, **meta), stages=STAGES)


def test_published_comes_from_the_dateline_before_the_metadata() -> None:
    lex = load_lexicon(default_resources())
    doc = Document(id="t", text="x", date="2015-08-11")
    doc.dateline = Dateline("طرابلس", "واس", date_text="25 شوال 1436 هـ الموافق 10 اغسطس 2015 م")
    assert dates.published_date(doc, lex) == "2015-08-10"
    doc.dateline = Dateline("طرابلس", "واس", date_text="25 شوال 1436 هـ")
    assert dates.published_date(doc, lex) == "2015-08-10"
    doc.dateline = Dateline("طرابلس", "واس")
    assert dates.published_date(doc, lex) == "2015-08-11"
    doc.date = "not a date"
    assert dates.published_date(doc, lex) is None


def test_stage_resolves_against_the_dateline_date() -> None:
    raw = ("ليبيا تبحث الأوضاع الأمنية\nطرابلس 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n"
           "أعلنت الحكومة الليبية أمس أنها ستعقد اجتماعا الخميس المقبل في العاصمة لبحث الأوضاع الأمنية.")
    doc = _doc(raw, date="2015-08-12")
    assert doc.published == "2015-08-10"
    assert [(d.text, d.iso) for d in doc.dates] == [("أمس", "2015-08-09"), ("الخميس المقبل", "2015-08-13")]
    for d in doc.dates:
        assert doc.text[d.start:d.end] == d.text


def test_seed_without_a_date(seed_text: str) -> None:
    doc = _doc(seed_text)
    assert doc.published is None
    got = {(d.text, d.iso, d.granularity) for d in doc.dates}
    assert ("عام 2021", "2021", "year") in got and ("عام 2019", "2019", "year") in got
    assert ("الاثنين", None, "day") in got and ("يوليو الماضي", None, "month") in got


def test_stage_finds_what_the_paragraph_scan_finds(corpus_sample: list[dict]) -> None:
    lex = load_lexicon(default_resources())
    for rec in corpus_sample[:150]:
        if not rec["text"].strip():
            continue
        doc = _doc(rec["text"], date=rec["date"])
        anchor = date.fromisoformat(doc.published) if doc.published else None
        scanned = []
        for p in doc.paragraphs:
            scanned += dates.find_dates(normalize_with_offsets(doc.text[p.start:p.end], p.start), doc.text, lex, anchor)
        assert [(d.start, d.end, d.iso) for d in doc.dates] == [(d.start, d.end, d.iso) for d in scanned]


def test_digit_and_word_led_patterns_match_as_the_whole_pattern_does(corpus_sample: list[dict]) -> None:
    lex = load_lexicon(default_resources())
    extra = "في ٢٠١٥ و2015م و20-10-1436هـ ويوم الأربعاء 5 أغسطس وأمس وشهر رمضان وقبل 3 أيام"
    for folded in [extra] + [normalize_with_offsets(rec["text"]).text for rec in corpus_sample[:60]]:
        for i, ch in enumerate(folded):
            whole = lex.pattern.match(folded, i)
            part = (lex.digit_start if ch.isdecimal() else lex.word_start).match(folded, i)
            assert (whole and (whole.span(), whole.lastgroup)) == (part and (part.span(), part.lastgroup)), i


def test_corpus_dates_are_near_their_article(corpus_sample: list[dict]) -> None:
    """Relative days, weeks and months of 2015 articles fall within a year and a half of them."""
    for rec in corpus_sample:
        if not rec["text"].strip():
            continue
        doc = _doc(rec["text"], date=rec["date"])
        assert doc.published is not None and doc.published.startswith("2015-")
        for d in doc.dates:
            assert doc.text[d.start:d.end] == d.text
            if d.relative and d.iso and d.granularity != "year":
                assert 2013 <= int(d.iso[:4]) <= 2016, (d.text, d.iso)


def test_amounts_and_dates_do_not_claim_the_same_numbers(corpus_sample: list[dict]) -> None:
    """A number read as a date is never also an amount (8 يوليو 2021, عام 2013)."""
    for rec in corpus_sample[:150]:
        if not rec["text"].strip():
            continue
        doc = pipeline.run(Document(id="t", text=rec["text"], date=rec["date"]),
                           stages=(*STAGES, amounts.run))
        spans = [(d.start, d.end) for d in doc.dates if d.calendar == "hijri" or d.granularity != "week"]
        for a in doc.amounts:
            for s, e in spans:
                overlap = min(a.end, e) - max(a.start, s)
                assert overlap <= 0 or not any(ch.isdigit() for ch in doc.text[max(a.start, s):min(a.end, e)]), (
                    a.text, doc.text[s:e])
