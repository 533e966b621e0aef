"""Quotes stage: direct quotes and reported speech with their speakers, on real and hand-written sentences."""

from __future__ import annotations

import re

import pytest

from khabar.document import Document, Entity, Mention, Quote
from khabar.resources import default_resources
from khabar.stages import clean, quotes, text, word_notes


def _doc(body: str, entities: list[tuple[str, str, list[str]]] | None = None) -> Document:
    res = default_resources()
    doc = text.run(clean.run(Document(id="t", text=body), res), res)
    for n, (name, kind, forms) in enumerate(entities or []):
        mentions = [Mention(m.start(), m.end(), m.group()) for f in forms for m in re.finditer(re.escape(f), body)]
        doc.entities.append(Entity(n, name, kind, sorted(mentions, key=lambda m: m.start)))
    return quotes.run(doc, res)


def _quotes(body: str, entities: list[tuple[str, str, list[str]]] | None = None) -> list[Quote]:
    return _doc(body, entities).quotes


def _find(qs: list[Quote], words: str) -> Quote:
    found = [q for q in qs if words in q.text]
    assert found, f"no quote with {words!r} in {[q.text for q in qs]}"
    return found[0]


# ---------------------------------------------------------------- the seed article

@pytest.fixture(scope="module")
def seed_quotes(seed_text: str) -> tuple[Document, list[Quote]]:
    doc = _doc(seed_text)
    return doc, doc.quotes


def test_seed_quotes_have_offsets_into_the_original_text(seed_quotes: tuple[Document, list[Quote]]) -> None:
    doc, qs = seed_quotes
    assert 12 <= len(qs) <= 15
    for q in qs:
        assert doc.text[q.start:q.end] == q.text


def test_seed_relayed_statement_resolves_the_company_head_named_later(
        seed_quotes: tuple[Document, list[Quote]]) -> None:
    _, qs = seed_quotes
    q = _find(qs, "روسيا وتركيا تقتربان من توقيع عقد جديد")
    assert not q.direct
    assert q.via == "إنترفاكس"
    assert q.speaker_name == "ألكسندر ميخيف"  # رئيس شركة ... = المدير العام للشركة ألكسندر ميخيف


def test_seed_direct_quotes_and_pronoun_dropped_continuations(seed_quotes: tuple[Document, list[Quote]]) -> None:
    _, qs = seed_quotes
    direct = _find(qs, "بالنسبة لمنظومة (إس 400) فإن المشاورات مستمرة")
    assert direct.direct and direct.speaker_name == "ألكسندر ميخيف"
    assert direct.text.endswith("وتوقيعه")
    reported = _find(qs, "روسيا مستعدة لإجراء تعاون عسكري تقني")  # وأشار إلى أن
    assert not reported.direct and reported.speaker_name == "ألكسندر ميخيف"
    after = _find(qs, "كل ما يثير اهتمام الشركاء الأتراك")  # ، مؤكداً، "..."
    assert after.direct and after.speaker_name == "ألكسندر ميخيف"
    assert after.text.startswith("كل ما")


def test_seed_second_speaker_and_nested_straight_quotes(seed_quotes: tuple[Document, list[Quote]]) -> None:
    _, qs = seed_quotes
    relayed = _find(qs, "تقدّر موقف أنقرة")
    assert relayed.speaker_name == "يوري بيليبسون" and relayed.via == "سوبتنيك"
    nested = _find(qs, "التعاون العسكري التقني ليس استثناءً")  # contains "إس 400" in its own marks
    assert nested.text.endswith("ونرى إمكانات جادة لذلك")
    assert nested.speaker_name == "يوري بيليبسون"
    colon = _find(qs, "نقدر موقف الشركاء الأتراك")  # وأضاف: "..."
    assert colon.direct and colon.speaker_name == "يوري بيليبسون"
    svo = _find(qs, "بلاده مستعدة للتفاوض مع تركيا")  # وكان مدير ...، ديمتري شوغاييف، قال ... إن
    assert svo.speaker_name == "ديمتري شوغاييف"


def test_seed_writer_voice_is_not_quoted(seed_quotes: tuple[Document, list[Quote]]) -> None:
    _, qs = seed_quotes
    assert not any("استكملت موسكو وأنقرة" in q.text for q in qs)  # يذكر أنه ...
    assert not any("وهددت بفرض عقوبات" in q.text for q in qs)


# ---------------------------------------------------------------- constructions

def test_guillemets_after_named_speaker_and_participle() -> None:
    qs = _quotes("قال الرئيس المصري عبدالفتاح السيسي «نحن نعلم ما يحدث في المنطقة العربية من تحديات»، "
                 "مضيفا «يستلزم ذلك اليقظة التامة وإعداد الكوادر من ضباط المستقبل».")
    assert [q.direct for q in qs] == [True, True]
    assert [q.speaker_name for q in qs] == ["عبدالفتاح السيسي"] * 2
    assert qs[0].text == "نحن نعلم ما يحدث في المنطقة العربية من تحديات"
    assert qs[1].cue == "مضيفا"


def test_reported_clause_then_direct_quote_in_one_sentence_gives_two_entries() -> None:
    qs = _quotes('وأضاف ميخيف، أن روسيا وقعت في عام 2021 عقوداً لتصدير أسلحة بقيمة 8.6 مليار دولار، قائلاً، '
                 '"هذا العام التصدير سيكون إلى 61 دولة".')
    assert len(qs) == 2
    assert not qs[0].direct and qs[0].text.startswith("روسيا وقعت")
    assert qs[1].direct and qs[1].text == "هذا العام التصدير سيكون إلى 61 دولة"
    assert {q.speaker_name for q in qs} == {"ميخيف"}


def test_mismatched_guillemets_close_the_quote() -> None:
    qs = _quotes("وقال المتحدث باسم الشركة أحمد علي « الصفقة ستوقع خلال الأسابيع المقبلة « في تصريح للصحفيين.")
    assert len(qs) == 1
    assert qs[0].text == "الصفقة ستوقع خلال الأسابيع المقبلة" and qs[0].direct
    assert qs[0].speaker_name == "أحمد علي"


def test_speaker_named_after_the_quote() -> None:
    qs = _quotes('"الوضع تحت السيطرة تماما في المدينة الآن"، قال المحافظ خالد سعيد للصحفيين.')
    assert len(qs) == 1 and qs[0].direct
    assert qs[0].speaker_name == "خالد سعيد"


def test_unnamed_speaker_keeps_a_description() -> None:
    qs = _quotes("وقال مسؤول أميركي إن المحادثات ستستأنف الأسبوع المقبل في جنيف.")
    assert len(qs) == 1
    assert qs[0].speaker is None and qs[0].speaker_name is None
    assert qs[0].speaker_description == "مسؤول أميركي"
    assert qs[0].text == "المحادثات ستستأنف الأسبوع المقبل في جنيف"


def test_relayed_unnamed_source_with_outlet() -> None:
    qs = _quotes('نقلت وكالة "رويترز" عن مصدر حكومي قوله إن الاتفاق بات وشيكا بين الطرفين.')
    assert len(qs) == 1
    assert qs[0].via == "رويترز" and qs[0].speaker_name is None
    assert qs[0].speaker_description == "مصدر حكومي"


def test_according_to_opening_a_sentence() -> None:
    qs = _quotes("وبحسب مصادر مطلعة، فإن الوفد سيصل إلى الرياض غدا لبحث الملف.")
    assert len(qs) == 1 and qs[0].cue == "وبحسب"
    assert qs[0].text == "الوفد سيصل إلى الرياض غدا لبحث الملف"
    assert qs[0].speaker_description == "مصادر مطلعة"


def test_according_to_a_plan_or_law_is_not_attribution() -> None:
    assert _quotes("وتم إعداد الطلاب وفقا لأحدث المناهج التعليمية في الكلية.") == []
    assert _quotes("ويختلف سعر الشبكة حسب نوعها وطولها في السوق.") == []


def test_writer_voice_and_terms_in_marks_are_not_quotes() -> None:
    assert _quotes("يذكر أن الوزارة أطلقت البرنامج في العام الماضي.") == []
    assert _quotes("وصلت أول ثلاث طائرات من طراز « رافال « الفرنسية إلى القوات الجوية.") == []
    assert _quotes("وأقرت المالديف الخميس تشريعا يسمح للأجانب بالتملك شريطة ان تكون المساحة مستصلحة.") == []


def test_feminine_continuation_follows_the_feminine_speaker() -> None:
    qs = _quotes("وقالت الوزيرة سارة الأحمد إن الخطة ستنفذ على مراحل. وقال المدير إن التمويل متوفر بالكامل. "
                 "وأضافت أن المرحلة الأولى تبدأ الشهر المقبل.")
    assert _find(qs, "المرحلة الأولى تبدأ").speaker_name == "سارة الأحمد"


def test_colon_introduces_undelimited_speech_to_the_paragraph_end() -> None:
    qs = _quotes("وتابع كارتر: نحن نعمل مع إسرائيل على تحسين قدراتها. هناك حزمة كاملة من الأمور التي نقوم بها.")
    assert len(qs) == 1 and not qs[0].direct
    assert qs[0].text.endswith("التي نقوم بها")


# ---------------------------------------------------------------- with entities

def test_surname_and_role_resolve_to_the_entity_canonical_name() -> None:
    body = ("وقال وزير الدفاع الأميركي آشتون كارتر إن الاتفاق لا يمنع الخيار العسكري. "
            "وشدد الوزير الأميركي على أن بلاده ستواصل تعاونها مع حلفائها. "
            "وقال كارتر إن الخيار يبقى مطروحا على الطاولة.")
    qs = _quotes(body, [("آشتون كارتر", "PER", ["آشتون كارتر", "كارتر"])])
    assert len(qs) == 3
    assert all(q.speaker == 0 and q.speaker_name == "آشتون كارتر" for q in qs)


def test_bare_description_prefers_the_unqualified_holder_of_the_role() -> None:
    body = ("استقبل معالي وزير الخارجية الأستاذ عادل الجبير أمس نظيره. وأجرى مباحثات مع معالي وزير الخارجية "
            "الإيطالي باولو جينتيلوني. وقال معالي وزير الخارجية في تصريح إن المباحثات كانت مثمرة وبناءة.")
    ents = [("عادل الجبير", "PER", ["عادل الجبير"]), ("باولو جينتيلوني", "PER", ["باولو جينتيلوني"])]
    qs = _quotes(body, ents)
    assert len(qs) == 1 and qs[0].speaker_name == "عادل الجبير"


def test_organisation_statement_and_later_reference_to_it() -> None:
    body = ("وأوضح بيان للتحالف أن الهدف من الهدنة إدخال المساعدات الإنسانية إلى المحافظات. "
            "وبحسب البيان ستتوقف الأعمال العسكرية فوق المدن اليمنية.")
    qs = _quotes(body, [("التحالف العربي", "ORG", ["التحالف"])])
    assert [q.speaker_name for q in qs] == ["التحالف العربي", "التحالف العربي"]


# ---------------------------------------------------------------- corpus

def test_corpus_quotes_are_consistent(corpus_sample: list[dict]) -> None:
    res = default_resources()
    total = 0
    for rec in corpus_sample[:150]:
        doc = Document(id=rec["id"], text=rec["text"], title=rec.get("title"))
        doc = quotes.run(text.run(clean.run(doc, res), res), res)
        spans = [(p.start, p.end) for p in doc.paragraphs if p.kind == "paragraph"]
        for q in doc.quotes:
            total += 1
            assert doc.text[q.start:q.end] == q.text
            assert any(a <= q.start and q.end <= b for a, b in spans), q.text
            assert len(q.text.split()) >= 2
            assert q.cue and q.cue_start is not None and doc.text[q.cue_start:q.cue_end] == q.cue
    assert total > 100  # news is full of attributed speech


# ---------------------------------------------------------------- view helpers

def test_marks_of_several_kinds_are_found_in_text_order() -> None:
    from khabar.stages.quote_lexicon import find_all, pair_marks

    body = 'قال: «الوضع "مستقر" الآن». وأضاف: “نحن مستعدون”'
    offsets = find_all(body, '«»“”„"', 0, len(body))
    assert [body[i] for i in offsets] == ["«", '"', '"', "»", "“", "”"]
    assert find_all(body, "؟", 0, len(body)) == []
    assert pair_marks(body, 0, len(body)) == [(offsets[0], offsets[3]), (offsets[4], offsets[5])]


def test_paragraph_and_sentence_bounds_of_tokens() -> None:
    from khabar.stages.quote_view import View

    doc = _doc("قال الوزير إن الوضع مستقر. وأضاف أن الحوار مستمر.\n\nوأكد المتحدث، أن الاجتماع ناجح.")
    view = View(doc, word_notes.columns(doc, default_resources())[1][word_notes.COMMA])
    last = view.n - 1
    assert [view.para(0), view.para(last)] == [0, 1]
    assert view.para_end(0) == view.para_first[1] and view.para_end(last) == view.n
    second = view.norm.index("واضاف")
    assert view.sentence_start(second) == second and view.norm[view.sentence_end(0)] == "."
    assert view.comma[view.norm.index("،")] and sum(view.comma) == 1


def test_a_participle_takes_the_described_subject_of_its_sentence() -> None:
    qs = _quotes("وأشاد رئيس الوزراء المصري بدور الإمارات في دعم الاقتصاد، قائلا إن المشروعات الجديدة "
                 "ستوفر آلاف الوظائف للشباب.")
    assert [(q.speaker_name, q.speaker_description) for q in qs] == [(None, "رئيس الوزراء المصري")]


def test_a_plural_participle_takes_a_group_subject() -> None:
    qs = _quotes("وطالب الخبراء بتشديد الرقابة على الأسواق، مشيرين إلى أن الأسعار ارتفعت خلال الشهر الماضي بشكل كبير.")
    assert [q.speaker_description for q in qs] == ["الخبراء"]


def test_a_dropped_subject_continues_the_subject_of_the_sentence_before() -> None:
    body = ("أعلنت وزارة الداخلية أمس إحباط محاولة لتهريب أسلحة عبر الحدود.\n"
            "وأضافت في بيان أن قواتها ضبطت ثلاثة مهربين داخل مزرعة قريبة.")
    qs = _quotes(body, [("وزارة الداخلية", "ORG", ["وزارة الداخلية"])])
    assert [q.speaker_name for q in qs] == ["وزارة الداخلية"]


def test_a_dropped_subject_does_not_take_a_subject_of_the_other_gender() -> None:
    # قدمت says the minister is a woman: وأضاف is someone else, left unresolved
    qs = _quotes("وقدمت الوزيرة استقالتها أمس بعد أسابيع من الانتقادات.\n"
                 "وأضاف أن التحقيق في القضية سيستمر حتى نهاية الشهر.")
    assert [(q.speaker_name, q.speaker_description) for q in qs] == [(None, None)]


def test_a_dropped_subject_after_a_report_continues_the_last_speaker() -> None:
    body = ("قال وزير المالية خالد العلي إن الميزانية متوازنة هذا العام.\n"
            "وذكر أن الحكومة تدرس خفض الدعم تدريجيا.\n"
            "وأضاف أن العجز سيتراجع في العام المقبل.")
    qs = _quotes(body, [("خالد العلي", "PER", ["خالد العلي"])])
    assert [q.speaker_name for q in qs if q.cue == "وأضاف"] == ["خالد العلي"]



def test_an_honorific_pronoun_speaks_for_the_holder_of_the_role_it_addresses() -> None:
    body = ("زار الأمير فهد بن سلطان أمير منطقة تبوك أمس المستشفى العام واطمأن على المرضى.\n"
            "وأشار سموه إلى أن المنطقة ستشهد افتتاح مستشفيات جديدة خلال العام المقبل.")
    qs = _quotes(body, [("فهد بن سلطان", "PER", ["فهد بن سلطان"])])
    assert [q.speaker_name for q in qs] == ["فهد بن سلطان"]


# ---------------------------------------------------------------- roles read before a name

def test_a_role_before_a_preposition_is_not_the_role_of_the_name_after_it() -> None:
    body = ("التقى المبعوث الأممي سامر دياب بالمسؤولين في العاصمة أمس.\n\n"
            "كما اطلع المبعوث على آراء الوزير كمال يوسف بشأن الأزمة. وشدد على أن الحل السياسي هو الطريق الوحيد.")
    qs = _quotes(body, [("سامر دياب", "PER", ["سامر دياب"]), ("كمال يوسف", "PER", ["كمال يوسف"])])
    assert _find(qs, "الحل السياسي").speaker_name == "سامر دياب"


def test_a_role_with_its_own_preposition_still_names_the_person_after_it() -> None:
    body = ("وكشف مسؤول الرقابة عن المنشطات في الوفد الوطني عادل حمدان أن العينات ستفحص في المختبر.\n\n"
            "وأوضح المشرف على البرنامج الأستاذ ناصر عمر أن الدورة تبدأ غدا.\n\n"
            "وقال المسؤول إن النتائج ستعلن الأسبوع المقبل. وأضاف المشرف أن التسجيل مفتوح للجميع.\n\n"
            "وقال المندوب الدائم لدى الجامعة السفير فادي سليم إن الاجتماع سيعقد غدا. وأكد المندوب أن الموعد نهائي.")
    qs = _quotes(body, [("عادل حمدان", "PER", ["عادل حمدان"]), ("ناصر عمر", "PER", ["ناصر عمر"]),
                        ("فادي سليم", "PER", ["فادي سليم"])])
    assert _find(qs, "النتائج ستعلن").speaker_name == "عادل حمدان"
    assert _find(qs, "التسجيل مفتوح").speaker_name == "ناصر عمر"
    assert _find(qs, "الموعد نهائي").speaker_name == "فادي سليم"


def test_an_according_source_ends_where_the_sentence_resumes() -> None:
    body = "ووفقا لوكالة الأنباء المحلية فإن الفريق يسعى إلى توثيق المواقع الجديدة في المنطقة."
    # a mention that overruns into فإن must not carry the statement's first words into the source
    q = _find(_quotes(body, [("وكالة الأنباء المحلية", "ORG", ["وكالة الأنباء المحلية فإن"])]), "يسعى")
    assert q.text.startswith("الفريق يسعى")
    plain = _find(_quotes(body, [("وكالة الأنباء المحلية", "ORG", ["وكالة الأنباء المحلية"])]), "يسعى")
    assert plain.text.startswith("الفريق يسعى")


# ---------------------------------------------------------------- participles that are adjectives

def test_a_participle_qualifying_a_noun_or_after_a_copula_is_no_saying() -> None:
    body = ("وقال الوزير إن المحادثات مستمرة. وهو ليس أمرا مؤكدا أنه سيحدث قريبا.\n\n"
            "وفرضت السلطات قيودا مشددة على حركة الشاحنات في المدينة.\n\n"
            "وبات مؤكدا أن الموسم سيبدأ في موعده المحدد.\n\n"
            "وصار مؤكدا أن المباراة ستقام في الرياض.\n\nفليس مؤكدا أن الفريق سيشارك.")
    qs = _quotes(body)
    assert [q.cue for q in qs] == ["وقال"]
    assert "أمرا مؤكدا" not in qs[0].text


def test_a_participle_after_an_adverb_or_a_pronoun_still_reports_speech() -> None:
    body = ("وقال الوزير إن الاتفاق سيوقع قريبا مؤكدا أن الجانبين متفقان على البنود.\n\n"
            "وأشار المدير إلى الخطط وأبدى ملاحظات حولها مؤكدا أن التنفيذ يبدأ الشهر المقبل.\n\n"
            "ورفضت المصادر ذلك بشدة مؤكدة أن الاجتماع لم يعقد.")
    qs = _quotes(body)
    assert sum(q.cue in ("مؤكدا", "مؤكدة") for q in qs) == 3


# ---------------------------------------------------------------- relative clauses

def test_a_verb_after_a_relative_pronoun_is_said_by_its_antecedent() -> None:
    body = ("وشارك في الندوة عدد من الخبراء، ومنهم الباحث سامي نور الذي أكد أن المشروع يسير وفق الخطة.\n\n"
            "وبلغت الأرباح مليون ريال وفق البيان الذي أوضح أن الشركة توسعت.\n\n"
            "ومن بين الحضور كمال يوسف، نائب رئيس الاتحاد السابق الذي كشف أنه سيترشح.")
    qs = _quotes(body, [("سامي نور", "PER", ["سامي نور"]), ("كمال يوسف", "PER", ["كمال يوسف"])])
    assert _find(qs, "المشروع يسير").speaker_name == "سامي نور"
    assert _find(qs, "الشركة توسعت").speaker_description == "البيان"
    assert _find(qs, "سيترشح").speaker_name == "كمال يوسف"


def test_a_relative_pronoun_that_is_the_object_or_of_another_number_names_no_speaker() -> None:
    body = ("وتخطط الحكومة لمشاريع قرب القناة التي يتوقع أن تمثل ثلث الاقتصاد.\n\n"
            "وانتقد سياسيون اللاعب كمال يوسف، الذين يقولون إنه لم يزر بلاده.")
    qs = _quotes(body, [("كمال يوسف", "PER", ["كمال يوسف"])])
    assert all(q.speaker_name != "كمال يوسف" for q in qs)
    assert all(q.speaker_description is None or "القناة" not in q.speaker_description for q in qs)


def test_a_relative_antecedent_stops_at_a_governed_word_and_keeps_names_opening_with_ba() -> None:
    body = ("والتقى الوزير بالصحفيين البنك الإسلامي الذي أوضح أن الأرباح ارتفعت.\n\n"
            "ورحب بنك التنمية الإسلامي الذي أوضح أن الودائع زادت.")
    qs = _quotes(body, [("البنك الإسلامي", "ORG", ["البنك الإسلامي"]),
                        ("بنك التنمية الإسلامي", "ORG", ["بنك التنمية الإسلامي"])])
    assert _find(qs, "الأرباح").speaker_name == "البنك الإسلامي"
    assert _find(qs, "الودائع").speaker_name == "بنك التنمية الإسلامي"


# ---------------------------------------------------------------- أن after a connective opens no saying

def test_a_clause_after_a_connective_or_before_is_no_saying() -> None:
    for body in ("ويعتبر اللاعب من أبرز النجوم في الدوري هذا الموسم، كما أن مستواه تحسن كثيرا مع المدرب الجديد.",
                 "وتعد المدينة وجهة مفضلة للسياح في الصيف، خصوصا أن درجات الحرارة فيها معتدلة طوال العام.",
                 "وأشار المعلم بيده إلى السبورة وقبل أن يبدأ الدرس طلب الهدوء من جميع الطلاب.",
                 "ولا شك في أن الاقتصاد المحلي تحسن كثيرا خلال الأشهر الماضية بفضل الإصلاحات."):
        assert not [q for q in _quotes(body) if "تحسن كثيرا مع" in q.text or "درجات الحرارة" in q.text
                    or "يبدأ الدرس" in q.text or "الاقتصاد المحلي" in q.text], body


def test_a_complementiser_after_an_ordinary_word_still_opens_the_saying() -> None:
    q = _find(_quotes("وقال الوزير في مؤتمر صحفي عقده في رام الله إن المفاوضات مستمرة رغم كل الصعوبات."),
              "المفاوضات مستمرة")
    assert q.speaker_description and "الوزير" in q.speaker_description
    q = _find(_quotes("وأكد المدير أن الشركة حققت أرباحا كبيرة، خاصة في قطاع التصدير إلى الخارج."), "أرباحا كبيرة")
    assert "قطاع التصدير" in q.text
