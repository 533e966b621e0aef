"""The clean stage on the seed, corpus-style records and hand-written furniture."""

from __future__ import annotations

import pytest

from khabar import extract
from khabar.arabic import normalize
from khabar.stages.clean import _anchored, _rule


def body_of(doc) -> str:
    return "\n".join(doc.body)


def test_seed_structure(seed_text: str) -> None:
    doc = extract(seed_text, id="seed")
    assert doc.text[doc.headline.start:doc.headline.end].startswith("رغم اعتراضات واشنطن")
    assert (doc.dateline.place, doc.dateline.agency) == ("موسكو", "رويترز")
    assert len(doc.captions) == 1 and doc.captions[0].repeats == 2
    assert doc.captions[0].credit == "TASS"
    body = body_of(doc)
    for gone in ("time reading icon", "دقائق القراءة", "اقرأ أيضاً", "TASS", "موسكو -رويترز"):
        assert gone not in body
    assert doc.body[0].startswith("نقلت وكالة")
    assert doc.body[-1].startswith("وفرضت واشنطن عقوبات على أنقرة")
    kinds = {p.text: p.kind for p in doc.paragraphs}
    assert kinds["تعزيز التعاون"] == "subheading"
    assert kinds["مفاوضات ثنائية"] == "subheading"
    assert 300 < doc.word_count < 600
    assert doc.reading_minutes >= 2


def test_every_paragraph_offset_points_at_its_text(seed_text: str) -> None:
    doc = extract(seed_text, id="seed")
    for p in doc.paragraphs:
        assert doc.text[p.start:p.end] == p.text
    for f in doc.furniture:
        assert 0 <= f.start < f.end <= len(doc.text)


def test_wire_trailer_and_time_stamp_are_removed() -> None:
    text = ("بغداد 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس\n"
            " صوت مجلس محافظة بغداد، اليوم بالاجماع، على حزمة الاصلاحات.\n"
            " // انتهى //\n 16:28 ت م \n")
    doc = extract(text, id="was", title="مجلس بغداد يصوت")
    assert doc.dateline.place == "بغداد" and doc.dateline.agency == "واس"
    assert "1436" in doc.dateline.date_text
    assert doc.body == ["صوت مجلس محافظة بغداد، اليوم بالاجماع، على حزمة الاصلاحات."]


def test_more_link_and_tag_line_and_story_link() -> None:
    text = ("عين اليوم – برلين\nأقرت المفوضية الأوروبية مساعدات جديدة للدول الأعضاء...المزيد\n"
            "وتعتزم المفوضية إقرار برامج إضافية هذا العام. سمات الاتحاد الاوروبي المهاجرين\n")
    doc = extract(text, id="x", title="مساعدات أوروبية")
    assert (doc.dateline.place, doc.dateline.agency) == ("برلين", "عين اليوم")
    assert doc.body == ["أقرت المفوضية الأوروبية مساعدات جديدة للدول الأعضاء",
                        "وتعتزم المفوضية إقرار برامج إضافية هذا العام."]
    linked = extract("الرياض - الوئام:\nأعلنت الوزارة بدء التسجيل.\nرابط الخبر بصحيفة الوئام: الوزارة تعلن",
                     id="y", title="t")
    assert linked.body == ["أعلنت الوزارة بدء التسجيل."]
    assert linked.dateline.agency == "الوئام"


def test_inline_dateline_prefix_and_byline() -> None:
    doc = extract("عمر عريبي - سبق- جازان: أوضح المتحدث الرسمي للدفاع المدني أن الحريق أخمد.", id="s",
                  title="حريق")
    assert (doc.dateline.place, doc.dateline.agency) == ("جازان", "سبق")
    assert doc.bylines == ["عمر عريبي"]
    assert doc.body == ["أوضح المتحدث الرسمي للدفاع المدني أن الحريق أخمد."]


@pytest.mark.parametrize(("line", "place", "agency", "bylines"), [
    ("سامي الدوسري - سبق", None, "سبق", ["سامي الدوسري"]),  # a reporter's name beside an outlet is no city
    ("هند العتيبي - عين اليوم", None, "عين اليوم", ["هند العتيبي"]),
    ("بلجرشي - واس", "بلجرشي", "واس", []),  # counterparts: a city the gazetteer lacks stays the place,
    ("خميس مشيط - واس", "خميس مشيط", "واس", []),  # and a known city opening with a first name too
])
def test_a_dateline_line_tells_a_reporter_from_a_city(line: str, place: str | None, agency: str,
                                                      bylines: list[str]) -> None:
    doc = extract(f"عنوان الخبر\n{line}\nأعلنت وزارة الصحة تسجيل حالات جديدة.", id="r")
    assert doc.dateline is not None
    assert (doc.dateline.place, doc.dateline.agency) == (place, agency)
    assert doc.bylines == bylines
    assert doc.body == ["أعلنت وزارة الصحة تسجيل حالات جديدة."]
    assert all(e.type != "LOC" for e in doc.entities if e.name in bylines)


def test_author_field_carries_the_dateline() -> None:
    cases = {
        "واشنطن: محمد علي صالح": ("واشنطن", None),
        "تل أبيب: أ ف ب": ("تل أبيب", "أ ف ب"),
        " محمد الساعد (تبوك)": ("تبوك", None),
        "خالد سجاف - الدمام": ("الدمام", None),
        "«الاقتصادية» من جدة": ("جدة", "الاقتصادية"),
        "الرياض - الوئام :": ("الرياض", "الوئام"),
    }
    for author, (place, agency) in cases.items():
        doc = extract("أعلنت الوزارة اليوم بدء التسجيل في البرنامج.", id="a", title="t", author=author)
        assert doc.dateline is not None, author
        assert (doc.dateline.place, doc.dateline.agency) == (place, agency), author
        assert doc.dateline.origin == "author"


def test_prose_first_line_is_not_a_dateline() -> None:
    doc = extract("قال الرئيس إن الحكومة ستعلن خطتها الجديدة للإصلاح الاقتصادي خلال أيام.", id="p", title="t")
    assert doc.dateline is None


def test_photo_caption_with_arabic_credit_is_kept_apart() -> None:
    text = "جانب من الاجتماع الوزاري في الرياض (واس)\nعقد مجلس الوزراء اجتماعه الأسبوعي أمس."
    doc = extract(text, id="c", title="t")
    assert [c.text for c in doc.captions] == ["جانب من الاجتماع الوزاري في الرياض"]
    assert doc.captions[0].credit == "واس"
    assert doc.body == ["عقد مجلس الوزراء اجتماعه الأسبوعي أمس."]


def test_headline_taken_only_when_no_title_given() -> None:
    text = "عنوان الخبر هنا\nنص الخبر الأول يبدأ هنا."
    assert extract(text, id="h").body == ["نص الخبر الأول يبدأ هنا."]
    assert extract(text, id="h", title="عنوان آخر").body == ["عنوان الخبر هنا", "نص الخبر الأول يبدأ هنا."]
    repeated = extract(text, id="h", title="عنوان الخبر هنا")
    assert repeated.body == ["نص الخبر الأول يبدأ هنا."]


def test_dev_body_checks(gold_records: list[dict]) -> None:
    for gold in gold_records:
        inp = dict(gold["input"])
        doc = extract(inp.pop("text"), **inp)
        body = normalize(" ".join(" ".join(doc.body).split()))
        for s in gold["body_contains"]:
            assert normalize(" ".join(s.split()))[:40] in body, (gold["id"], s)
        for s in gold["body_excludes"]:
            assert normalize(s) not in body, (gold["id"], s)


def test_share_prefix_slider_nav_sms_and_syndication_lines() -> None:
    text = ("شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك أكد الأمير أن الأمن خط أحمر.\n"
            "وأضاف أن الأجهزة الأمنية تعمل ليلا ونهارا.\n"
            "لإبداء الرأي حول هذا المقال أرسل رسالة قصيرة SMS تبدأ بالرمز (136) ثم مسافة ثم نص الرسالة إلى\n"
            "635031 - Mobily\n* خدمة «نيويورك تايمز»\n// يتبع //\n")
    doc = extract(text, id="f", title="t")
    assert doc.body == ["أكد الأمير أن الأمن خط أحمر.", "وأضاف أن الأجهزة الأمنية تعمل ليلا ونهارا."]
    nav = extract("Next Previous\nأعلنت الهيئة نتائج القبول.", id="n", title="t")
    assert nav.body == ["أعلنت الهيئة نتائج القبول."]


def test_lines_split_the_same_on_newlines_and_on_other_breaks() -> None:
    text = "عنوان الخبر هنا\n\n  أعلنت الوزارة بدء التسجيل.  \nوقال المتحدث إن البرنامج مفتوح للجميع.\n"
    for sep in ("\n", "\r\n", "\u2028"):
        doc = extract(text.replace("\n", sep), id="l", title="t")
        assert doc.body == ["عنوان الخبر هنا", "أعلنت الوزارة بدء التسجيل.", "وقال المتحدث إن البرنامج مفتوح للجميع."]
        assert all(doc.text[p.start:p.end] == p.text for p in doc.paragraphs)


def test_title_repeated_with_other_punctuation_is_the_headline() -> None:
    text = "«الصحة»: تسجيل 5 حالات جديدة!\nأعلنت وزارة الصحة تسجيل خمس حالات جديدة."
    doc = extract(text, id="t", title="الصحة.. تسجيل 5 حالات جديدة")
    assert doc.body == ["أعلنت وزارة الصحة تسجيل خمس حالات جديدة."]
    other = extract(text, id="t", title="الصحة تسجل حالات")
    assert len(other.body) == 2 and other.headline is None


def test_short_middle_line_is_a_subheading_and_long_one_a_paragraph() -> None:
    seven = "محاور " * 6 + "اللقاء"
    eight = "محاور " * 7 + "اللقاء"
    text = f"بدأ الاجتماع صباح اليوم.\n{seven}\n{eight}\nوانتهى الاجتماع مساء."
    kinds = [p.kind for p in extract(text, id="s", title="t").paragraphs]
    assert kinds == ["paragraph", "subheading", "paragraph", "paragraph"]


def test_latin_furniture_is_cut_in_any_of_its_casings() -> None:
    body = "عاد آلاف المسافرين إلى الرياض بعد العطلة."
    for slider in ("NEXT PREVIOUS", "Next Previous", "next previous"):
        assert extract(f"{slider}\n{body}", id="x", title="t").body == [body], slider
    for tags in ("Tags: السياحة، الرياض", "TAGS: السياحة، الرياض", "tags: السياحة"):
        assert extract(f"{body}\n{tags}", id="x", title="t").body == [body], tags
    prose = "وقال المحرر إن كلمة TAGS تعني الوسوم في المواقع."
    assert extract(f"{body}\n{prose}", id="x", title="t").body == [body, prose]


def test_needles_read_an_escaped_bar_as_a_literal_bar() -> None:
    assert _rule("x", "a", r"-|–|\|").needles == {"-", "–", "|"}
    credited = extract("جانب من الاجتماع الوزاري في الرياض | Reuters\nعقد المجلس اجتماعه أمس.", id="c", title="t")
    assert [c.credit for c in credited.captions] == ["Reuters"]


def test_only_patterns_failing_at_the_line_start_are_tried_without_their_needles() -> None:
    assert _anchored(r"^(?:شارك|انشر)\s*(?:علي|عبر)?$") and _anchored(r"^اقرا\s*ايضا|^(?:اقرا|طالع)\s*المزيد")
    assert not _anchored(r"^.{5,250}?\s[-–|]\s*Reuters$")  # a leading wildcard walks the whole line
    assert not _anchored(r"/+\s*انتهي\s*/+|^\s*انتهي\s*$")
    assert not _anchored(r"^[|(]x|y")
    assert not _anchored(r"^[^:]{5,}:\s*$") and not _anchored(r"^\S+\s+تابع$")  # classes walk the line too
    assert _rule("x", r"^شارك\s*عبر", "شارك").needles is None
    assert _rule("x", r"(?:^|\s)يتبع$", "يتبع").needles == {"يتبع"}
    text = "شارك عبر تويتر فيسبوك واصلت الأسعار ارتفاعها في الأسواق المحلية.\nوقال التجار إن الطلب قوي."
    shared = extract(text, id="p", title="t")
    assert "شارك" not in "\n".join(shared.body) and "واصلت الأسعار" in "\n".join(shared.body)


def test_a_wire_time_stamp_is_cut_where_it_starts_a_word_and_nowhere_else() -> None:
    prose = "وتراجع خام برنت إلى 49.12 دولار للبرميل بحلول الساعة 12:49 بتوقيت جرينتش."
    text = ("عنوان\nوقال الوزير إن المحادثات مستمرة. 10:30 ت غ\nوأكد أن الجلسة انتهت. 9:05 GMT\nالرمز A10:30 ت غ\n"
            + prose)
    doc = extract(text, id="t")
    assert [p.text for p in doc.paragraphs] == ["وقال الوزير إن المحادثات مستمرة.", "وأكد أن الجلسة انتهت.",
                                                "الرمز A10:30 ت غ", prose]  # a clock time in prose stays
    stamps = [text[f.start:f.end] for f in doc.furniture if f.rule == "wire_time"]
    assert stamps == ["10:30 ت غ", "9:05 GMT"]  # from the digit on: the space before stays out
