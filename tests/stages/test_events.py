"""Events stage: PLOVER events with their actors and status, through the whole pipeline on real sentences."""

from __future__ import annotations

import pytest

from khabar import extract
from khabar.document import Document, Event
from khabar.output import to_record


def _doc(text: str, **meta: str) -> Document:
    meta.setdefault("title", "خبر")  # the body is the text itself, not a headline
    return extract(text, **meta)


def _found(events: list[Event], kind: str, source: str | None, target: str | None) -> list[Event]:
    """Return the events of a type between two actors (either direction for symmetric events)."""
    out = []
    for e in events:
        if e.type != kind:
            continue
        pair = (e.source.code, e.target.code)
        if pair == (source, target) or (e.symmetric and pair == (target, source)):
            out.append(e)
    return out


def _one(text: str, kind: str, source: str | None, target: str | None) -> Event:
    events = _doc(text).events
    found = _found(events, kind, source, target)
    assert found, [(e.type, e.source.code, e.target.code, e.status) for e in events]
    return found[0]


# ---------------------------------------------------------------- one sentence per PLOVER type

TYPES = [
    ("AGREE", "وقعت مصر وفرنسا اتفاقا لتوريد مقاتلات رافال.", "EGY", "FRA"),
    ("CONSULT", "التقى وزير الخارجية السعودي نظيره الروسي في موسكو.", "SAU", "RUS"),
    ("SUPPORT", "أشاد الرئيس الأمريكي بموقف مصر من الأزمة.", "USA", "EGY"),
    ("CONCEDE", "رفعت الولايات المتحدة العقوبات عن إيران.", "USA", "IRN"),
    ("COOPERATE", "أكد الوزير أن روسيا مستعدة للتعاون مع تركيا في مجال الطاقة.", "RUS", "TUR"),
    ("AID", "قدمت السعودية مساعدات إنسانية لليمن.", "SAU", "YEM"),
    ("RETREAT", "انسحبت القوات الروسية من سوريا.", "RUS", "SYR"),
    ("REQUEST", "طالبت فرنسا إيران بالإفراج عن الصحفيين.", "FRA", "IRN"),
    ("ACCUSE", "اتهمت إيران الولايات المتحدة بدعم الإرهاب.", "IRN", "USA"),
    ("REJECT", "رفضت تركيا طلب الاتحاد الأوروبي.", "TUR", "EU"),
    ("THREATEN", "هددت الولايات المتحدة بفرض عقوبات على إيران.", "USA", "IRN"),
    ("PROTEST", "استدعت الخارجية المصرية السفير التركي في القاهرة.", "EGY", "TUR"),
    ("SANCTION", "فرضت واشنطن عقوبات على أنقرة.", "USA", "TUR"),
    ("MOBILIZE", "نشرت روسيا قوات إضافية في سوريا.", "RUS", None),
    ("COERCE", "اعتقلت السلطات المصرية 20 شخصا في القاهرة.", "EGY", None),
    ("ASSAULT", "شن التحالف العربي غارات على مواقع جماعة الحوثي في صنعاء.", "التحالف العربي", "جماعة الحوثي"),
]


@pytest.mark.parametrize(("kind", "text", "source", "target"), TYPES, ids=[t[0] for t in TYPES])
def test_each_plover_type_on_a_sentence(kind: str, text: str, source: str, target: str | None) -> None:
    event = _one(text, kind, source, target)
    assert event.status == "done"
    assert event.cameo and len(event.cameo) == 2 and event.cameo.isdigit()  # the CAMEO root code


def test_event_carries_trigger_sentence_and_place() -> None:
    doc = _doc("التقى وزير الخارجية السعودي نظيره الروسي في موسكو.", date="2015-08-11")
    event = _found(doc.events, "CONSULT", "SAU", "RUS")[0]
    assert doc.text[event.trigger.start:event.trigger.end] == event.trigger_text == "التقى"
    assert event.sentence.start <= event.trigger.start < event.trigger.end <= event.sentence.end
    assert event.location == "موسكو"
    assert event.date == "2015-08-11"  # no date in the sentence: the article's
    assert event.symmetric and not event.in_quote
    assert event.source.entity is not None and event.source.mention is not None


# ---------------------------------------------------------------- status

def test_negated_event_is_denied_and_left_out_of_the_scored_list() -> None:
    doc = _doc("لم توقع مصر أي اتفاق مع فرنسا.")
    event = _found(doc.events, "AGREE", "EGY", "FRA")[0]
    assert event.status == "denied"
    record = to_record(doc)
    assert not [e for e in record["events"] if e["type"] == "AGREE"]
    assert [e for e in record["events_all"] if e["type"] == "AGREE"]


def test_denial_verb_reaches_the_reported_clause() -> None:
    event = _one("نفت روسيا أنها قصفت مواقع المعارضة في سوريا.", "ASSAULT", "RUS", None)
    assert event.status == "denied"


def test_hypothetical_and_conditional_events() -> None:
    assert _one("لو هاجمت إيران إسرائيل فإن الرد سيكون قاسيا.", "ASSAULT", "IRN", "ISR").status == "hypothetical"
    assert _one("إذا وقعت مصر اتفاقا مع فرنسا فإن العلاقات ستتحسن.", "AGREE", "EGY", "FRA").status == "conditional"


def test_threatened_sanction_beside_the_threat() -> None:
    events = _doc("هددت الولايات المتحدة بفرض عقوبات على إيران.").events
    assert _found(events, "THREATEN", "USA", "IRN")[0].status == "done"
    assert _found(events, "SANCTION", "USA", "IRN")[0].status == "threatened"


def test_imminent_agreement_with_coordinated_subjects() -> None:
    event = _one("قال مسؤول إن روسيا وتركيا تقتربان من توقيع اتفاق جديد.", "AGREE", "RUS", "TUR")
    assert event.status == "imminent" and event.symmetric


def test_ongoing_talks_between_two_sides() -> None:
    event = _one("وقال الوزير إن المفاوضات بين مصر وإثيوبيا مستمرة.", "CONSULT", "EGY", "ETH")
    assert event.status == "ongoing"


def test_request_makes_the_requested_event_hypothetical() -> None:
    events = _doc("طالبت فرنسا إيران بالإفراج عن الصحفيين.").events
    concede = [e for e in events if e.type == "CONCEDE"]
    assert all(e.status == "hypothetical" for e in concede)


# ---------------------------------------------------------------- actors

def test_capital_stands_for_its_government() -> None:
    _one("فرضت واشنطن عقوبات على أنقرة، وهددت بفرض عقوبات جديدة.", "THREATEN", "USA", "TUR")


def test_first_person_in_a_quote_is_the_speaker_side() -> None:
    doc = _doc('وقال وزير الخارجية الروسي: "نحن نعمل مع تركيا في مجالات كثيرة".')
    event = _found(doc.events, "COOPERATE", "RUS", "TUR")[0]
    assert event.in_quote


def test_armed_group_is_its_own_actor() -> None:
    event = _one("قصفت جماعة الحوثي أحياء سكنية في مدينة تعز.", "ASSAULT", "جماعة الحوثي", None)
    assert event.target.code is None


def test_talks_between_two_sides() -> None:
    _one("جرت مباحثات بين السعودية وإيطاليا في روما.", "CONSULT", "SAU", "ITA")


# ---------------------------------------------------------------- the seed article

@pytest.fixture(scope="module")
def seed_doc(seed_text: str) -> Document:
    return extract(seed_text, id="seed", date="2021-11-15")


SEED_EVENTS = [
    ("AGREE", "RUS", "TUR"), ("COOPERATE", "RUS", "TUR"), ("SUPPORT", "RUS", "TUR"), ("REQUEST", "USA", "TUR"),
    ("REQUEST", "NATO", "TUR"), ("SANCTION", "USA", "TUR"), ("THREATEN", "USA", "TUR"), ("CONSULT", "RUS", "TUR"),
]


@pytest.mark.parametrize(("kind", "source", "target"), SEED_EVENTS, ids=[f"{k}-{s}-{t}" for k, s, t in SEED_EVENTS])
def test_seed_events(seed_doc: Document, kind: str, source: str, target: str) -> None:
    scored = to_record(seed_doc)["events"]
    assert any(e["type"] == kind and {e["source"], e["target"]} == {source, target} for e in scored), scored


def test_seed_has_no_event_between_unrelated_sides(seed_doc: Document) -> None:
    scored = to_record(seed_doc)["events"]
    sides = {frozenset((e["source"], e["target"])) for e in scored if e["source"] and e["target"]}
    assert sides <= {frozenset(p) for p in (("RUS", "TUR"), ("USA", "TUR"), ("NATO", "TUR"))}, sides


def test_seed_deal_is_imminent(seed_doc: Document) -> None:
    deal = [e for e in seed_doc.events if e.type == "AGREE" and e.trigger_text == "توقيع"]
    assert deal and deal[0].status == "imminent" and deal[0].in_quote


# ---------------------------------------------------------------- what is not an event

@pytest.mark.parametrize("text", [
    "ويلتقي المنتخب السعودي نظيره القطري في مباراة ودية الأسبوع المقبل.",  # a game, not a meeting
    "ودعا الأمير الله أن يحفظ البلاد.",  # a prayer, not a request
    "وأقدم مواطن سعودي الجنسية على قتل شخص آخر إثر مشاجرة.",  # a crime, not a state's act
    "لا تزال مصداقية الهند تتلقى ضربات من إعادة الحساب.",  # blows to credibility
])
def test_no_event_in(text: str) -> None:
    scored = to_record(_doc(text))["events"]
    assert not [e for e in scored if e["source"] or e["target"]], scored


def test_weak_agreement_noun_needs_its_sides() -> None:
    events = _doc("وصعدت الحكومة الإسرائيلية الاستيطان في القدس الشرقية ردا على الاتفاق الدولي مع إيران.").events
    assert not [e for e in events if e.type == "AGREE" and e.source.code]


# ---------------------------------------------------------------- rejecting claims, standing by, cancelling

def test_claims_called_baseless_are_the_speakers_rejection_of_their_author() -> None:
    event = _one("وقال المتحدث باسم الخارجية المصرية إن تصريحات المسؤول القطري عارية من الصحة.", "REJECT", "EGY", "QAT")
    assert event.status == "done"
    # لا in لا أساس لها is part of the verdict, not a negation of it
    event = _one("وأكد وزير الخارجية البحريني أن مزاعم طهران لا أساس لها من الصحة.", "REJECT", "BHR", "IRN")
    assert event.status == "done"


def test_claims_not_called_baseless_are_no_rejection() -> None:
    event = _one("وقال المتحدث باسم الخارجية المصرية إن تصريحات المسؤول القطري لم تكن عارية من الصحة.",
                 "REJECT", "EGY", "QAT")
    assert event.status == "denied"


def test_denying_accusations_rejects_their_author() -> None:
    assert _one("نفت وزارة الخارجية الإيرانية اتهامات السعودية لها بدعم الحوثيين.", "REJECT", "IRN", "SAU")


def test_standing_by_a_state_is_support() -> None:
    assert _one("وتقف المملكة إلى جانب مصر في حربها على الإرهاب.", "SUPPORT", "SAU", "EGY")
    assert _one("أكد السفير الإماراتي وقوف دولة الإمارات إلى جانب اليمن.", "SUPPORT", "ARE", "YEM")
    event = _one("وأكد الوزير أن الكويت لن تقف إلى جانب إيران.", "SUPPORT", "KWT", "IRN")
    assert event.status == "denied"


def test_a_deal_cancelled_before_the_main_event_is_the_subjects_rejection() -> None:
    text = "وقعت مصر اتفاقا مع شركة روسية بعد إلغاء صفقة مع فرنسا."
    assert _one(text, "REJECT", "EGY", "FRA")
    # a cancellation with its own agent keeps it
    events = _doc("وقعت مصر اتفاقا مع شركة روسية بعد إلغاء فرنسا صفقة مع الجزائر.").events
    assert not _found(events, "REJECT", "EGY", "DZA")
    # no sequence word: the main verb's subject is not the cancelling side
    assert not _found(_doc("وقعت مصر اتفاقا مع شركة روسية وإلغاء صفقة مع فرنسا.").events, "REJECT", "EGY", "FRA")


def test_an_agent_adjective_does_not_swallow_the_goal_after_it() -> None:
    assert _one("وأعلنت الحكومة أن المساعدات السعودية لليمن بلغت مليار دولار.", "AID", "SAU", "YEM")


# ---------------------------------------------------------------- agents of attacks and unnamed actors

def test_fire_named_by_a_nationality_is_the_agent_of_a_killing() -> None:
    ev = _one("قتل ثلاثة جنود باكستانيين بنيران هندية قرب الحدود.", "ASSAULT", "IND", "PAK")
    assert ev.status == "done"
    # without the fire phrase the soldiers were killed by nobody the sentence names
    assert not [e for e in _doc("قتل ثلاثة جنود باكستانيين قرب الحدود.").events if e.source.code == "IND"]


def test_a_killing_in_raids_takes_the_raids_agent() -> None:
    _one("قتل أربعة مزارعين في غارات تركية على القرية.", "ASSAULT", "TUR", None)
    # a clash has two sides: neither is the killer
    events = _doc("قتل أربعة مزارعين في اشتباكات بين الجيش التركي والمسلحين.").events
    assert not [e for e in events if e.trigger_text == "قتل" and e.source.code]


def test_an_indefinite_nationality_after_a_bombing_is_its_agent() -> None:
    _one("أدى قصف روسي على المدينة إلى تدمير جسر.", "ASSAULT", "RUS", None)


def test_a_passive_arrest_takes_its_agent_from_min_qibal() -> None:
    _one("اعتقل الناشط من قبل الشرطة الأردنية فجر اليوم.", "COERCE", "JOR", None)
    events = _doc("اعتقل الناشط فجر اليوم.").events
    assert not [e for e in events if e.source.code]


def test_a_states_land_is_the_target_not_the_agent() -> None:
    _one("قصفت المدفعية الإيرانية المناطق العراقية الحدودية.", "ASSAULT", "IRN", "IRQ")
    events = _doc("استهدف القصف الأراضي العراقية أمس.").events
    assert not [e for e in events if e.source.code == "IRQ"]


def test_unnamed_gunmen_and_police_keep_their_sector() -> None:
    ev = _doc("هاجم مسلحون حاجزا أمنيا في البلدة أمس.").events[0]
    assert ev.source.code is None and ev.source.sector == "REB" and ev.status == "done"
    ev = _doc("اعتقلت الشرطة ثلاثة أشخاص في البلدة.").events[0]
    assert ev.source.code is None and ev.source.sector == "COP"
    # the gunmen killed are victims, not agents
    assert all(e.source.sector is None for e in _doc("قتل مسلحون في البلدة أمس.").events)


@pytest.mark.parametrize(("text", "status"), [
    ("يخشى السكان من أن تؤدي الأزمة إلى هجمات على القرى.", "hypothetical"),
    ("شن المسلحون هجمات على القرى أمس.", "done"),
    ("قالت الشرطة إن الخلية كانت تخطط لاستهداف المدارس.", "hypothetical"),
    ("قالت الشرطة إن الخلية هاجمت المدارس.", "done"),
    ("الطائرات الجديدة قادرة على قصف مواقع الإرهابيين.", "hypothetical"),
])
def test_feared_planned_and_possible_attacks_are_not_done(text: str, status: str) -> None:
    events = [e for e in _doc(text).events if e.type == "ASSAULT"]
    assert events and {e.status for e in events} == {status}, [(e.trigger_text, e.status) for e in events]


def test_a_verbal_attack_is_criticism_and_a_war_of_words_no_clash() -> None:
    media = extract("شن زعيم المعارضة هجوما إعلاميا على الحكومة الإيرانية بسبب الاتفاق.", source="alriyadh")
    assert [(e.type, e.target.code) for e in media.events] == [("ACCUSE", "IRN")]
    words = extract("وقع اشتباك لفظي بين النواب داخل البرلمان أمس.").events
    assert [e.type for e in words] == []
    armed = extract("وقع اشتباك مسلح بين الجيش والمسلحين في المدينة أمس.").events
    assert [e.type for e in armed] == ["ASSAULT"]


# A trigger word in another sense, and a counterpart where the same word is the event.
OTHER_SENSES = [
    ("COERCE", "وتمت إزالة 87 لوحة إعلانية مخالفة من واجهات المحلات في الحي.",
     "وأزالت الجرافات الإسرائيلية خياما للبدو في القرية صباح أمس."),
    ("COERCE", "وقال إن فرق الهندسة تعمل على إزالة الألغام من الطرق المؤدية إلى المدينة.",
     "وأزالت قوات الاحتلال منازل الفلسطينيين في القرية بعد حصارها."),
    ("COERCE", "ولازالت التحقيقات جارية لمعرفة أسباب الحريق الذي اندلع في المصنع.",
     "وأزالت السلطات مخيما للاجئين على الحدود بالقوة."),
    ("COERCE", "وقال الكاتب: ما زلت أذكر ذلك اليوم، ولا أزال أتساءل عن سببه.",
     "وأزال الجنود الحواجز التي أقامها المحتجون ثم اعتقلوا عددا منهم."),
    ("COERCE", "وأعلنت مقاومة آزال في بيان تبنيها عمليات ضد الميليشيات.",
     "وأزالت الشرطة خيام المعتصمين من الساحة بالقوة."),
    ("COERCE", "وقرر الاتحاد ترحيل العقوبة إلى الموسم المقبل بعد اعتراض الناديين.",
     "وبدأت السلطات ترحيل العمالة المخالفة إلى بلدانهم أمس."),
    ("COERCE", "ويطالب المعلمون بترحيل المقررات الدراسية إلى المدارس قبل بدء العام.",
     "وأكدت الوزارة ترحيل المتسللين إلى بلدانهم بعد انتهاء التحقيق."),
    ("PROTEST", "ويعد الملتقى أول تظاهرة علمية في المملكة لتشجيع العمل من المنزل.",
     "ونظم الطلاب تظاهرة أمام الجامعة احتجاجا على رفع الرسوم."),
    ("PROTEST", "وحاول الجميع التظاهر بأنه لا يعرف شيئا عن الصفقة.",
     "وتظاهر المئات في العاصمة ضد الحكومة أمس."),
    ("ASSAULT", "واعتبر الكاتب أن التمرد يشكل اعتداء مباشرا على حقوق المواطنين.",
     "وتعرض الطبيب لاعتداء من أحد المراجعين في المستشفى أمس."),
    ("ASSAULT", "ويشمل العفو الأفعال المتعلقة بالاعتداء على المال العام.",
     "واعتدى مجهولون على حارس المدرسة بالضرب."),
    ("ASSAULT", "وقال إن البلدين على وفاق كبير في الاشتباك مع مختلف قضايا الإقليم.",
     "ووقع اشتباك بين الجيش ومسلحين قرب الحدود."),
    ("ASSAULT", "وشكر لجنة الحكام برئاسة الحكم الدولي السابق عبدالله العدوان حرصها وتعاونها.",
     "وأدان الوزير محمد العدوان الإسرائيلي على غزة."),
]


@pytest.mark.parametrize(("kind", "other", "event"), OTHER_SENSES,
                         ids=[f"{t[0]}-{i}" for i, t in enumerate(OTHER_SENSES)])
def test_trigger_in_another_sense_is_no_event(kind: str, other: str, event: str) -> None:
    assert [e.trigger_text for e in extract(other).events if e.type == kind] == []
    assert kind in [e.type for e in extract(event).events]
