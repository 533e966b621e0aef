"""Quotes whose speaker is named in the clause before: speeches said in (فيه), documents (جاء في) and عبر عن."""

from __future__ import annotations

import re

from khabar.arabic import normalize
from khabar.document import Document, Entity, Mention, Quote
from khabar.resources import default_resources
from khabar.stages import clean, quotes, text
from khabar.stages.quote_lexicon import load_lexicon


def _quotes(body: str, entities: list[tuple[str, str, list[str]]] | None = None) -> list[Quote]:
    res = default_resources()
    doc = text.run(clean.run(Document(id="t", text=body), res), res)
    for n, (name, kind, forms) in enumerate(entities or []):
        mentions = [Mention(m.start(), m.end(), m.group()) for f in forms for m in re.finditer(re.escape(f), body)]
        doc.entities.append(Entity(n, name, kind, sorted(mentions, key=lambda m: m.start)))
    return quotes.run(doc, res).quotes


def _find(qs: list[Quote], words: str) -> Quote:
    found = [q for q in qs if words in q.text]
    assert found, f"no quote with {words!r} in {[q.text for q in qs]}"
    return found[0]


def _cues(qs: list[Quote]) -> set[str]:
    return {q.cue for q in qs}


# ---------------------------------------------------------------- a speech said in: قال فيها

def test_the_author_of_a_speech_is_the_subject_of_the_clause_it_is_the_object_of() -> None:
    q = _find(_quotes("ألقى مدير الجامعة خالد العتيبي كلمة قال فيها إن الطلاب حققوا نتائج ممتازة هذا العام.",
                      [("خالد العتيبي", "PER", ["خالد العتيبي"])]), "حققوا نتائج")
    assert q.speaker_name == "خالد العتيبي"
    q = _find(_quotes("وأصدرت وزارة الصحة بيانا أكدت فيه أن عدد الإصابات انخفض بشكل كبير.",
                      [("وزارة الصحة", "ORG", ["وزارة الصحة"])]), "عدد الإصابات")
    assert q.speaker_name == "وزارة الصحة"


def test_the_author_named_after_the_speech_says_it() -> None:
    q = _find(_quotes("جاء ذلك في بيان أصدره رئيس النادي فهد السالم، قال فيه إن الفريق جاهز للموسم الجديد.",
                      [("فهد السالم", "PER", ["فهد السالم"])]), "الفريق جاهز")
    assert q.speaker_name == "فهد السالم"
    q = _find(_quotes("وتلقى الوزير اتصالا هاتفيا من نظيره القطري علي الكواري أعرب فيه عن تضامن بلاده الكامل.",
                      [("علي الكواري", "PER", ["علي الكواري"])]), "تضامن بلاده")
    assert q.speaker_name == "علي الكواري"


def test_a_name_after_li_is_the_author_of_a_tweet_and_the_addressee_of_a_cable() -> None:
    people = [("فيصل بن خالد", "PER", ["فيصل بن خالد"]), ("كمال داود", "PER", ["كمال داود"]),
              ("حمد الفهد", "PER", ["حمد الفهد"])]
    q = _find(_quotes("وبعث الأمير فيصل بن خالد برقية مماثلة للرئيس كمال داود عبر فيها عن أطيب التمنيات للشعب.",
                      people), "أطيب التمنيات")
    assert q.speaker_name == "فيصل بن خالد"
    q = _find(_quotes("وأعاد الأمير فيصل بن خالد نشر تغريدة للكاتب حمد الفهد، جاء فيها أن الصيف سيكون حارا جدا.",
                      people), "الصيف سيكون")
    assert q.speaker_name == "حمد الفهد"


def test_after_fih_standing_for_a_time_the_subject_follows_the_pronoun() -> None:
    body = ("وارتفعت الأسعار أمس، في الوقت الذي أعلن فيه المتحدث باسم الوزارة سامي العلي أن المخزون يكفي "
            "لستة أشهر.")
    q = _find(_quotes(body, [("سامي العلي", "PER", ["سامي العلي"])]), "المخزون يكفي")
    assert q.speaker_name == "سامي العلي"


def test_a_verb_with_fih_and_no_speech_before_keeps_the_last_speaker() -> None:
    body = ("وقال المدير ناصر الحربي إن المشروع اكتمل. وفي الوقت الذي أكد فيه أن العمل مستمر، طالب الموظفون "
            "بزيادة الرواتب.")
    q = _find(_quotes(body, [("ناصر الحربي", "PER", ["ناصر الحربي"])]), "العمل مستمر")
    assert q.speaker_name == "ناصر الحربي"


# ---------------------------------------------------------------- documents: جاء في، أظهر

def test_a_document_after_jaa_fi_speaks_for_its_issuer() -> None:
    q = _find(_quotes("وجاء في بيان لوزارة الخارجية أن الاجتماع سيعقد غدا في العاصمة.",
                      [("وزارة الخارجية", "ORG", ["وزارة الخارجية"])]), "الاجتماع سيعقد")
    assert q.speaker_name == "وزارة الخارجية" and q.cue == "وجاء"
    q = _find(_quotes("وأظهر تقرير صادر عن البنك الدولي أن النمو تباطأ في المنطقة خلال العام الماضي.",
                      [("البنك الدولي", "ORG", ["البنك الدولي"])]), "النمو تباطأ")
    assert q.speaker_name == "البنك الدولي"


def test_jaa_and_azhar_without_a_document_or_a_clause_quote_no_one() -> None:
    qs = _quotes("وجاء في المرتبة الثانية أن الفريق خسر مباراتين فقط. وأظهر اللاعب مستوى رائعا في المباراة.")
    assert not ({"وجاء", "وأظهر"} & _cues(qs))


# ---------------------------------------------------------------- عبر عن

def test_abbara_an_with_a_speaker_after_it_reports_speech() -> None:
    q = _find(_quotes("وعبر رئيس المجلس سالم الدوسري عن أمله في أن تنتهي الأزمة قريبا.",
                      [("سالم الدوسري", "PER", ["سالم الدوسري"])]), "أمله")
    assert q.speaker_name == "سالم الدوسري" and q.cue == "وعبر"


def test_abra_via_is_no_cue_and_cuts_no_quote() -> None:
    people = [("ماجد النمر", "PER", ["ماجد النمر"]), ("فارس العمر", "PER", ["فارس العمر"])]
    qs = _quotes("قال الوزير ماجد النمر عبر حسابه في تويتر إن الاجتماع كان مثمرا.", people)
    assert _find(qs, "الاجتماع كان مثمرا").speaker_name == "ماجد النمر"
    assert "عبر" not in _cues(qs)
    q = _find(_quotes("وقال المهندس فارس العمر إن الخلل عولج، عبر تغيير القطعة التالفة في المحرك.", people),
              "الخلل عولج")
    assert "تغيير القطعة" in q.text


def test_a_speech_is_read_through_its_proclitics_only() -> None:
    lex = load_lexicon(default_resources())
    assert lex.speech("كلمه") == "made"
    for word in ("وكلمه", "الكلمه", "بكلمه", "للكلمه", "والبيان", "وبالبيان", "فبرقيه"):
        assert lex.speech(normalize(word)) in {"made", "sent"}, word
    for word in ("تحديث", "تبيان", "مبحث"):  # letters that are no proclitic: another word
        assert lex.speech(normalize(word)) == "", word


# ---------------------------------------------------------------- whom it was said to: لوكالة، لـ«صحيفة»

def _told(body: str, entities: list[tuple[str, str, str | None, str]]) -> list[Quote]:
    res = default_resources()
    doc = text.run(clean.run(Document(id="t", text=body), res), res)
    for n, (name, kind, sector, form) in enumerate(entities):
        mentions = [Mention(m.start(), m.end(), m.group()) for m in re.finditer(re.escape(form), body)]
        doc.entities.append(Entity(n, name, kind, mentions, sector=sector))
    return quotes.run(doc, res).quotes


def test_the_outlet_a_source_spoke_to_is_not_the_speaker() -> None:
    q = _find(_told("وقال مصدر أمني لوكالة الأنباء الألمانية إن الهجوم أسفر عن سقوط عدد من القتلى.",
                    [("وكالة الأنباء الألمانية", "ORG", "MED", "وكالة الأنباء الألمانية")]), "الهجوم أسفر")
    assert q.speaker_name is None and q.speaker_description == "مصدر أمني"
    qs = _told("وأعلن الوزير خالد العتيبي عن خطة جديدة للإسكان. وقال لرويترز إن الخطة ستبدأ مطلع العام المقبل.",
               [("خالد العتيبي", "PER", None, "خالد العتيبي"), ("رويترز", "ORG", "MED", "رويترز")])
    assert _find(qs, "الخطة ستبدأ").speaker_name == "خالد العتيبي"


def test_a_name_or_a_role_with_lam_keeps_its_words() -> None:
    q = _find(_told("وقالت لينا الأحمد إن المعرض يستقبل الزوار طوال أيام الأسبوع.",
                    [("لينا الأحمد", "PER", None, "لينا الأحمد")]), "المعرض يستقبل")
    assert q.speaker_name == "لينا الأحمد"
    q = _find(_told("وقال الرئيس التنفيذي لمجموعة الأفق الإعلامية إن المجموعة ستطلق قناة جديدة الشهر المقبل.",
                    [("مجموعة الأفق الإعلامية", "ORG", "MED", "مجموعة الأفق الإعلامية")]), "ستطلق قناة")
    assert q.speaker_description is not None and "لمجموعة الأفق" in q.speaker_description


# ---------------------------------------------------------------- كان + subject + قد + verb

def test_the_subject_between_kana_and_qad_is_the_speaker() -> None:
    body = ("استقبل رئيس الوزراء سامي الحداد الوفد أمس. وكانت الهيئة العامة للإحصاء قد أعلنت أمس الأول أن "
            "معدل البطالة تراجع. وكان الوزير سامي الحداد قد قال لقناة العربية قبل سفره إن المفاوضات مستمرة.")
    qs = _quotes(body, [("سامي الحداد", "PER", ["سامي الحداد"]), ("العربية", "ORG", ["العربية"])])
    assert _find(qs, "معدل البطالة").speaker_description == "الهيئة العامة للإحصاء"  # not أمس الأول
    assert _find(qs, "المفاوضات مستمرة").speaker_name == "سامي الحداد"


def test_a_subject_after_a_verb_without_kana_is_still_read() -> None:
    body = "وكان من المقرر أن يصل الوفد أمس. وقد أعلن المتحدث باسم الهيئة سامي الحداد أن الرحلة تأجلت."
    q = _find(_quotes(body, [("سامي الحداد", "PER", ["سامي الحداد"])]), "الرحلة تأجلت")
    assert q.speaker_name == "سامي الحداد"


# ---------------------------------------------------------------- the maker of a speech: أصدرت X بيانا قالت فيه

def test_the_subject_of_the_verb_that_made_the_speech_is_its_author() -> None:
    body = "وكما أصدرت قيادة الدفاع المدني اليوم بيانا أوضحت فيه أن الحريق أخمد بالكامل دون إصابات."
    q = _find(_quotes(body), "الحريق أخمد")
    assert "قيادة الدفاع المدني" in (q.speaker_name or q.speaker_description or "")


def test_a_speech_received_is_not_made_by_the_subject() -> None:
    body = ("تلقى الرئيس برقية من الملك سلمان بن عبدالعزيز أكد فيها أن العلاقات بين البلدين متينة. "
            "وأصدرت مساء أمس بيانا قالت فيه إن المفاوضات مستمرة.")
    qs = _quotes(body, [("سلمان بن عبدالعزيز", "PER", ["سلمان بن عبدالعزيز"])])
    assert _find(qs, "العلاقات بين").speaker_name == "سلمان بن عبدالعزيز"
    q = _find(qs, "المفاوضات مستمرة")
    assert q.speaker_description is None or "مساء" not in q.speaker_description  # a dropped subject, no time words
