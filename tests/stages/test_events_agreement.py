"""Events stage, verb-subject agreement: a feminine state or body, or any name after a plural verb, is its object."""

from __future__ import annotations

import pytest

from khabar import extract
from khabar.resources import Resources
from khabar.stages.event_hits import Hit, masculine_singular, plural_verb
from khabar.stages.event_lexicon import Trigger, lexicon


def _events(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, e.source.code, e.target.code) for e in extract(text, title="خبر").events]


LEAD = "انتقد وزير الخارجية السعودي السياسة الإيرانية في المنطقة، "

# (sentence, the ACCUSE event expected): a masculine verb makes the feminine state its object; a feminine verb
# or a masculine state keeps the name after the verb as the subject
ACCUSE = [
    (LEAD + "واتهم إيران بدعم الإرهاب.", ("ACCUSE", "SAU", "IRN")),
    (LEAD + "واتهمت إيران السعودية بدعم الإرهاب.", ("ACCUSE", "IRN", "SAU")),
    (LEAD + "واتهم العراق إيران بدعم الإرهاب.", ("ACCUSE", "IRQ", "IRN")),
    ("وقال وزير الخارجية الفرنسي إنه يتهم روسيا بقصف المدنيين في سوريا.", ("ACCUSE", "FRA", "RUS")),
    ("وقال وزير الخارجية الفرنسي إن باريس تتهم روسيا بقصف المدنيين في سوريا.", ("ACCUSE", "FRA", "RUS")),
    ("ويتهم لبنان إسرائيل بخرق الهدنة.", ("ACCUSE", "LBN", "ISR")),
    ("وتتهم إسرائيل لبنان بخرق الهدنة.", ("ACCUSE", "ISR", "LBN")),
]


@pytest.mark.parametrize(("text", "event"), ACCUSE, ids=[f"case-{i}" for i in range(len(ACCUSE))])
def test_verb_agrees_with_its_state_subject(text: str, event: tuple[str, str, str]) -> None:
    found = [e for e in _events(text) if e[0] == "ACCUSE"]
    assert found == [event], found


def test_masculine_verb_before_a_feminine_state_has_no_named_subject() -> None:
    assert [e for e in _events("ويتهم إسرائيل بخرق الهدنة.") if e[0] == "ACCUSE" and e[1]] == []


def test_state_called_on_is_the_one_to_act() -> None:
    lead = "التقى وزير الخارجية الباكستاني نظيره الأمريكي، "
    called = _events(lead + "ودعا الهند إلى التعاون مع باكستان.")
    assert ("REQUEST", "PAK", "IND") in called and ("COOPERATE", "IND", "PAK") in called, called
    calling = _events(lead + "ودعت الهند إلى التعاون مع باكستان.")
    assert ("REQUEST", "IND", "PAK") in calling and ("COOPERATE", "IND", "PAK") in calling, calling


def _hit(norm: str, suffix: str = "", future: bool = False) -> bool:
    readings = lexicon(Resources()).heads["اتهم"][0]
    entry = next(r[0].entry for r in readings if isinstance(r[0].entry, Trigger) and r[0].entry.plover == "ACCUSE")
    assert isinstance(entry, Trigger)
    return masculine_singular(norm, Hit(0, 0, entry, "v", future, suffix))


def test_masculine_singular_forms() -> None:
    assert all(_hit(w) for w in ("اتهم", "واتهم", "يتهم", "ويتهم", "ليتهم"))
    assert _hit("سيتهم", future=True) and _hit("اتهمه", suffix="ه")
    assert not any(_hit(w) for w in ("اتهمت", "تتهم", "اتهموا", "يتهمون", "يتهمان", "اتهما", "نتهم"))


def _plural(norm: str, suffix: str = "") -> bool:
    readings = lexicon(Resources()).heads["اتهم"][0]
    entry = next(r[0].entry for r in readings if isinstance(r[0].entry, Trigger) and r[0].entry.plover == "ACCUSE")
    assert isinstance(entry, Trigger)
    return plural_verb(norm, Hit(0, 0, entry, "v", False, suffix))


def test_plural_and_dual_verb_forms() -> None:
    assert all(_plural(w) for w in ("اتهموا", "واتهموا", "يتهمون", "يتهمان", "اتهما", "اتهمتا", "تتهمان"))
    assert not any(_plural(w) for w in ("اتهم", "اتهمت", "يتهم", "تتهم", "نتهم"))


LEAD_UN = "عقد وزير الخارجية اليمني مؤتمرا صحفيا في الرياض، "


def test_masculine_verb_before_a_feminine_organisation_makes_it_the_object() -> None:
    called = _events(LEAD_UN + "وناشد الأمم المتحدة إيران وقف تدخلها في اليمن.")
    assert not any(e[0] == "REQUEST" and e[1] == "UN" for e in called), called
    calling = _events(LEAD_UN + "وناشدت الأمم المتحدة إيران وقف تدخلها في اليمن.")
    assert ("REQUEST", "UN", "IRN") in calling, calling


def test_plural_verb_before_a_state_makes_it_the_object() -> None:
    assert not any(e[0] == "REQUEST" and e[1] == "TUR" for e in _events("وحثوا تركيا على وقف الغارات في العراق."))
    assert ("REQUEST", "TUR", "IRQ") in _events("وحثت تركيا العراق على وقف دعم المسلحين.")


def test_bare_harm_verb_before_a_feminine_body_keeps_it_as_the_doer() -> None:
    found = _events("وانطلق قصف المدفعية التركية على مواقع حزب العمال الكردستاني في العراق.")
    assert not any(e[0] == "ASSAULT" and e[2] == "TUR" for e in found), found
