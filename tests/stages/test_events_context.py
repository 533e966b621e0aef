"""Events stage, context rules: attacks made in words, and statuses set by plans and obligations."""

from __future__ import annotations

import pytest

from khabar import extract


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
