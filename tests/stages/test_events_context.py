"""Events stage, context rules: attacks made in words, statuses set by plans, subjects shared across a clause."""

from __future__ import annotations

import pytest

from khabar import extract
from khabar.resources import Resources
from khabar.stages.event_lexicon import lexicon


def _events(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, e.source.code, e.target.code) for e in extract(text, title="خبر").events]


# (an attack made in words: criticism, an attack made with arms: kept) — each pair shares its trigger
VERBAL = [
    ("هاجم وزير الخارجية السعودي تصريحات المسؤولين الإيرانيين.",
     "هاجمت القوات القطرية الحكومة المصرية بقذائف الهاون."),
    ("هاجم الرئيس الإيراني الحكومة الأمريكية بشدة، قائلا إنها لا تحترم الاتفاق.",
     "هاجمت طائرات أمريكية مواقع للجيش السوري، وقال مسؤول إن الغارات مستمرة."),
    ("هاجمت الحكومة القطرية الحكومة المصرية وقالت إنها تدعم الإرهاب.",
     "هاجمت القوات القطرية مواقع مصرية على الحدود."),
]


@pytest.mark.parametrize(("words", "arms"), VERBAL, ids=[f"pair-{i}" for i in range(len(VERBAL))])
def test_attack_in_words_is_criticism_and_armed_attack_stays(words: str, arms: str) -> None:
    said = _events(words)
    assert [e for e in said if e[0] == "ASSAULT"] == [], said
    assert [e for e in said if e[0] == "ACCUSE" and e[1] and e[2]], said
    armed = _events(arms)
    assert [e for e in armed if e[0] == "ASSAULT"], armed
    assert [e for e in armed if e[0] == "ACCUSE"] == [], armed


def test_attack_in_a_statement_is_no_assault() -> None:
    assert [e for e in _events("أصدرت الحكومة القطرية بيانا هاجمت فيه الحكومة المصرية.") if e[0] == "ASSAULT"] == []
    kept = extract("شنت القوات الإسرائيلية هجوما قتل فيه ثلاثة فلسطينيين في غزة.", title="خبر").events
    assert "ASSAULT" in [e.type for e in kept]


def _status(text: str, kind: str) -> list[str]:
    return [e.status for e in extract(text, title="خبر").events if e.type == kind]


# (a planned or required event: not done, the same event stated as done)
PLANNED = [
    ("ومن المقرر أن يلتقي وزير الخارجية الروسي نظيره السعودي في موسكو.", "imminent",
     "والتقى وزير الخارجية الروسي نظيره السعودي في موسكو أمس."),
    ("وقال الوزير إنه يجب أن تتعاون الولايات المتحدة مع روسيا في محاربة الإرهاب.", "hypothetical",
     "وقال الوزير إن الولايات المتحدة تعاونت مع روسيا في محاربة الإرهاب."),
    ("وأكد أنه يتعين أن تتعاون الحكومة المصرية مع السعودية.", "hypothetical",
     "وأكد أن الحكومة المصرية تعاونت مع السعودية."),
    ("وقال إن الحكومة المصرية عازمة على توقيع اتفاق مع روسيا.", "imminent",
     "وقال إن الحكومة المصرية وقعت اتفاقا مع روسيا."),
]


@pytest.mark.parametrize(("planned", "status", "done"), PLANNED, ids=[f"plan-{i}" for i in range(len(PLANNED))])
def test_planned_or_required_event_is_not_done(planned: str, status: str, done: str) -> None:
    kinds = {e.type for e in extract(done, title="خبر").events}
    assert len(kinds) == 1, kinds
    kind = kinds.pop()
    assert _status(done, kind) == ["done"]
    assert _status(planned, kind) == [status]


# (ل after a verbal noun's genitive marks the object: the genitive is the doer; a ل-word of time keeps the old reading)
DOER = [
    ("وندد الوزير السعودي بقصف الطائرات الروسية لمواقع المعارضة السورية.", "ASSAULT", "RUS", "SYR"),
    ("وأعربت الدول العربية عن قلقها من دعم إيران للنظام السوري.", "SUPPORT", "IRN", "SYR"),
]


@pytest.mark.parametrize(("text", "kind", "source", "target"), DOER, ids=[f"doer-{i}" for i in range(len(DOER))])
def test_genitive_before_a_lam_object_is_the_doer(text: str, kind: str, source: str, target: str) -> None:
    assert (kind, source, target) in _events(text), _events(text)


def test_genitive_without_a_lam_object_stays_the_target() -> None:
    events = _events("وندد الوزير السعودي بقصف الطائرات الروسية أمس.")
    assert ("ASSAULT", None, "RUS") in events, events
    events = _events("وأدانت مصر اعتقال الشرطة الإيرانية لمدة يومين.")
    assert ("COERCE", None, "IRN") in events, events


def test_monarch_and_envoy_with_a_nationality_are_their_state() -> None:
    assert ("CONSULT", "EGY", "SAU") in _events("وبحث الرئيس المصري مع العاهل السعودي سبل تعزيز التعاون.")
    assert ("CONSULT", "USA", "YEM") in _events("والتقى المبعوث الأمريكي بالرئيس اليمني.")
    # a nationality after a common noun is no state actor
    assert [e for e in _events("وبحث الرئيس المصري مع الفنان السعودي سبل تعزيز التعاون.") if e[2] == "SAU"] == []


def test_conjoined_verb_after_a_comma_takes_the_first_verbs_subject() -> None:
    events = _events("واستقبل وزير الخارجية السعودي السفير الأمريكي، وأشاد بجهود الولايات المتحدة في المنطقة.")
    assert ("SUPPORT", "SAU", "USA") in events, events
    # a verb whose own stem opens with و takes the conjunction too (ووقع)
    events = _events("واستقبل وزير الخارجية السعودي السفير الأمريكي، ووقع اتفاقا مع روسيا.")
    assert ("AGREE", "SAU", "RUS") in events, events
    # without a comma the name right before the verb stays its subject (… نفذتها حركة طالبان واستهدفت …)
    events = _events("وقتل خمسة جنود في عملية نفذتها حركة طالبان واستهدفت الشرطة الأفغانية.")
    assert ("ASSAULT", "طالبان", "AFG") in events, events


def test_crown_prince_and_prince_with_a_nationality_are_their_state() -> None:
    assert ("CONSULT", "SAU", "USA") in _events("والتقى ولي العهد السعودي وزير الخارجية الأمريكي.")
    assert ("CONSULT", "SAU", "USA") in _events("واستقبل الأمير السعودي وزير الخارجية الأمريكي.")
    # before a name the word is still a title between the verb and its subject
    assert ("SUPPORT", "خالد الفيصل", "EGY") in _events("وأشاد الأمير خالد الفيصل بجهود الحكومة المصرية.")


def test_light_verb_between_subject_and_weak_noun() -> None:
    meets = _events("وقالت موسكو إن وزير الخارجية الروسي سيرغي لافروف سيعقد اجتماعا مع نظيره الصيني وانغ يي.")
    assert ("CONSULT", "RUS", "CHN") in meets, meets
    # a weak noun after another verb keeps no subject: Russia refuses, it does not meet
    refuses = _events("وقالت الخارجية الروسية إن روسيا ترفض الاجتماع مع الحكومة الأوكرانية في موسكو.")
    assert not any(e[0] == "CONSULT" for e in refuses), refuses


def test_verb_conjoined_after_a_comma_shares_the_clause_subject() -> None:
    calls = _events("أعرب وزير الخارجية السعودي عن قلقه من التطورات في اليمن، ودعا إيران إلى الكف عن التدخل.")
    assert ("REQUEST", "SAU", "IRN") in calls, calls
    fights = _events("ودخلت القوات العراقية مدينة الرمادي، واشتبكت مع مسلحي داعش.")
    assert ("ASSAULT", "IRQ", "داعش") in fights, fights
    # the feminine verb has Iran as its own subject; an object opening the clause is no subject (دخلت … الرمادي)
    own = _events("أعرب وزير الخارجية السعودي عن قلقه من التطورات في اليمن، ودعت إيران إلى الكف عن التدخل.")
    assert not any(e[0] == "REQUEST" and e[1] == "SAU" for e in own), own
    objects = _events("وقال المتحدث إن الشرطة دخلت جامعة الأنبار، واشتبكت مع المحتجين.")
    assert not any(e[1] and "الأنبار" in e[1] for e in objects), objects


def test_pronoun_on_an_event_noun_names_its_doer() -> None:
    solidarity = _events("وأكدت الحكومة المغربية في بيان تضامنها الكامل مع المملكة العربية السعودية في مواجهة الإرهاب.")
    assert ("SUPPORT", "MAR", "SAU") in solidarity, solidarity
    talks = _events("وقال الرئيس الفرنسي فرنسوا هولاند بعد لقائه مع الرئيس المصري عبدالفتاح السيسي إن اللقاء مثمر.")
    assert ("CONSULT", "FRA", "EGY") in talks, talks
    # on an attack noun the pronoun is not read as its doer; a meeting between uncoded sides stays no event
    attack = _events("وقالت الحكومة السورية إن الطائرات الأمريكية واصلت استهدافها لمواقع في ريف حلب.")
    assert attack == [("ASSAULT", "USA", None)], attack
    assert _events("وقال رئيس النادي بعد اجتماعه مع اللاعبين إن الفريق جاهز.") == []


# a leading و or ف is a conjunction only when a known word or lexicon form remains, and that reading is the
# more frequent one (وافق، وصل are words of their own; وقال، وفي، فقد are و/ف + قال، في، قد)
JOINED = [("وكيل", "وكيل"), ("وفد", "وفد"), ("فرع", "فرع"), ("وزير", "وزير"), ("فرضت", "فرضت"), ("وافق", "وافق"),
          ("وقال", "قال"), ("وفي", "في"), ("فقد", "قد"), ("وقتلته", "قتلته"), ("ورفضه", "رفضه")]


@pytest.mark.parametrize(("word", "read"), JOINED, ids=[w for w, _ in JOINED])
def test_leading_conjunction_is_cut_only_before_a_known_word(word: str, read: str) -> None:
    assert lexicon(Resources()).unjoined(word) == read
