"""Events stage: an event noun whose doer is the subject of a light verb in a relative clause on it."""

from __future__ import annotations

import pytest

from khabar import extract


def _events(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, e.source.code, e.target.code) for e in extract(text, title="خبر").events]


# (sentence, event expected from the relative clause's subject and its preposition)
LIGHT = [
    ("وأشاد المسؤول بالزيارة التي قام بها ولي العهد السعودي الأمير محمد بن سلمان إلى روسيا الشهر الماضي.",
     ("CONSULT", "SAU", "RUS")),
    ("وأدان المجلس الهجمات التي شنتها القوات السعودية على مواقع الحوثيين في صعدة.",
     ("ASSAULT", "SAU", "الحوثيين")),
    ("وتحدث الوزير عن الاتفاقيات التي وقعتها السعودية مع فرنسا في باريس.", ("AGREE", "SAU", "FRA")),
    ("وناقش الجانبان المباحثات التي أجراها وزير الخارجية السعودي عادل الجبير مع نظيره الروسي سيرغي لافروف.",
     ("CONSULT", "SAU", "RUS")),
    ("وقال الوزير الروسي إن بلاده تولي أهمية للزيارة التي قام بها ولي العهد السعودي الأمير محمد بن سلمان.",
     ("CONSULT", "SAU", "RUS")),
]


@pytest.mark.parametrize(("text", "event"), LIGHT, ids=[f"light-{i}" for i in range(len(LIGHT))])
def test_light_verb_in_relative_clause_names_the_doer(text: str, event: tuple[str, str, str]) -> None:
    assert event in _events(text)


def test_speaker_of_a_relative_clause_is_no_doer() -> None:
    # the subject of a speech verb on the event noun only talks about it
    found = _events("وانتقدت روسيا الهجمات التي تحدثت عنها الولايات المتحدة في سوريا.")
    assert [e for e in found if e[0] == "ASSAULT" and e[1] == "USA"] == [], found
    assert ("ASSAULT", "SAU", "RUS") in _events("وانتقدت مصر الهجمات التي شنتها السعودية على روسيا.")


def test_receiving_verb_makes_its_subject_the_target() -> None:
    found = _events("وأدان المجلس الهجمات التي تعرضت لها السعودية.")
    assert [e for e in found if e[0] == "ASSAULT" and e[1] == "SAU"] == [], found
    assert [e for e in found if e[0] == "ASSAULT" and e[2] == "SAU"], found


def test_signing_verb_needs_the_pronoun_of_the_noun() -> None:
    # وقع without the noun's pronoun is "happened" (or signs something else): no doer for the agreement
    assert ("AGREE", "SAU", "FRA") in _events("وأشاد الوزير بالاتفاقية التي وقعتها السعودية مع فرنسا.")
    happened = _events("وأشار الوزير إلى الهجمات التي وقعت في السعودية أمس.")
    assert [e for e in happened if e[1] == "SAU"] == [], happened


def test_visit_host_is_no_visitor_of_its_own() -> None:
    # a state that values a visit by its own official hosts nobody
    found = _events("وقال الوزير إن السعودية تولي أهمية للزيارة التي قام بها ولي العهد السعودي الأمير محمد بن سلمان.")
    assert [e for e in found if e[0] == "CONSULT"] == [], found
