"""Events stage, phrases around an actor: heads and genitives before a subject, a target reached through في."""

from __future__ import annotations

import pytest

from khabar import extract


def _events(text: str, kind: str) -> list[tuple[str | None, str | None]]:
    return [(e.source.code, e.target.code) for e in extract(text, title="خبر").events if e.type == kind]


# (sentence, kind, (source, target)): a head word (بعثة، عضو، المتحدث باسم) or a head's definite genitive
# (وزير الإسكان) between the verb and the actor no longer hides the subject
SUBJECTS = [
    ("انتقدت بعثة الأمم المتحدة في ليبيا الحكومة الليبية بشدة.", "ACCUSE", ("UN", "LBY")),
    ("انتقد المتحدث باسم الجيش المصري الحكومة التركية أمس.", "ACCUSE", ("EGY", "TUR")),
    ("انتقد عضو مجلس الشيوخ الأمريكي جون ماكين الحكومة الروسية.", "ACCUSE", ("USA", "RUS")),
    ("انتقد وزير الإسكان سامي الخالدي الشركات الأمريكية.", "ACCUSE", ("سامي الخالدي", "USA")),
]


def test_a_head_word_opening_with_b_is_no_preposition() -> None:
    # بعثة and برلمان open with ب of their own (no article to hide it): the phrase is the subject, not a ب complement
    assert ("UN", "TUN") in _events("انتقدت بعثة الأمم المتحدة في ليبيا الحكومة التونسية.", "ACCUSE")
    assert ("LBY", "TUN") in _events("انتقد برلمان ليبيا الحكومة التونسية.", "ACCUSE")


def test_a_clitic_on_a_head_word_still_marks_the_one_met() -> None:
    assert _events("التقى الرئيس المصري برئيس الوزراء البريطاني في القاهرة.", "CONSULT") == [("EGY", "GBR")]


def test_an_indefinite_noun_after_the_verb_still_blocks_the_subject() -> None:
    # a bare common noun is the verb's object, not a genitive on the way to the subject
    assert all(src != "RUS" for src, _ in _events("انتقد مسؤول الحكومة الروسية.", "ACCUSE"))


# (sentence, kind, (source, target)): a common noun after the target preposition names nobody, so the actor
# after في is the one hit; an actor right after the preposition stays the target
THROUGH_IN = [
    ("فرضت الولايات المتحدة عقوبات على مسؤولين في حزب الله.", "SANCTION", ("USA", "حزب الله")),
    ("عقدت روسيا اجتماعا مع أعضاء في منظمة أوبك أمس.", "CONSULT", ("RUS", "OPEC")),
    ("فرضت الولايات المتحدة عقوبات على إيران في مجلس الأمن.", "SANCTION", ("USA", "IRN")),
]


CASE_IDS = [f"subject-{i}" for i in range(len(SUBJECTS))] + [f"through-fi-{i}" for i in range(len(THROUGH_IN))]


@pytest.mark.parametrize(("text", "kind", "roles"), SUBJECTS + THROUGH_IN, ids=CASE_IDS)
def test_actor_found_past_head_words_and_through_fi(text: str, kind: str, roles: tuple[str, str]) -> None:
    assert roles in _events(text, kind)


def test_a_name_after_a_title_with_b_on_a_meeting_verb_is_the_one_met() -> None:
    text = "وصل الرئيس المصري إلى جدة، والتقى بأمين المنطقة الدكتور خالد العمري."
    assert _events(text, "CONSULT") == [("EGY", "خالد العمري")]


def test_a_title_without_b_still_opens_the_subject() -> None:
    text = "والتقى أمين المنطقة الدكتور خالد العمري مع السفير المصري في جدة."
    assert _events(text, "CONSULT") == [("خالد العمري", "EGY")]


# a place without an actor code right after a title or head word (مدير شرطة دبي، قائد شرطة محافظة الأنبار)
# is part of the title: the phrase runs through it to the name, which is the subject
THROUGH_PLACE = [
    ("اتهم مدير شرطة دبي اللواء خميس المزينة إيران بدعم الإرهاب.", "ACCUSE", ("خميس المزينة", "IRN")),
    ("اتهم قائد شرطة محافظة الأنبار اللواء كاظم الفهداوي تنظيم داعش بتفجير المسجد.", "ACCUSE",
     ("كاظم الفهداوي", "داعش")),
]


@pytest.mark.parametrize(("text", "kind", "roles"), THROUGH_PLACE, ids=[f"case-{i}" for i in range(len(THROUGH_PLACE))])
def test_a_place_inside_a_title_does_not_hide_the_subject(text: str, kind: str, roles: tuple[str, str]) -> None:
    assert roles in _events(text, kind)


def test_a_place_after_a_plain_noun_still_ends_the_opening() -> None:
    # سكان دبي: the residents accuse, the name after the place is who they accuse, not the subject
    text = "اتهم سكان دبي خميس المزينة بدعم الإرهاب."
    assert all(source != "خميس المزينة" for source, _target in _events(text, "ACCUSE"))
