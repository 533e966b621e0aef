"""khabar's own conversion of third-party gazetteers (run at build time only)."""

from __future__ import annotations

from pathlib import Path

from khabar.build.gazetteers import adjective_forms, buckwalter_to_arabic, is_clean_name, nerar_entries, newsfane_counts
from khabar.resources import iter_tsv


def test_buckwalter_conversion_drops_marks_and_rejects_persian_letters() -> None:
    assert buckwalter_to_arabic("Aal$a~Amiya~h") == "الشاميه"  # h is ha: the source folded ta marbuta
    assert buckwalter_to_arabic(">Hmd  bn") == "أحمد بن"
    assert buckwalter_to_arabic("Pakistan") is None  # P (پ) marks a Persian spelling


def test_adjective_forms_cover_gender_number_and_article() -> None:
    forms = adjective_forms("روسي")
    assert {"روسي", "روسيه", "الروسيه", "الروسيون", "الروسيين", "روسيتين"} <= set(forms)
    assert "روسيا" not in forms  # the accusative would collide with the state name


def test_clean_names_are_arabic_words_of_some_length() -> None:
    assert is_clean_name("ابو ظبي")
    assert not is_clean_name("ذ")
    assert not is_clean_name("3000 متر")


def test_nerar_entries_are_normalised_arabic(shared_dir: Path) -> None:
    entries = list(nerar_entries(shared_dir, "LOC"))
    assert len(entries) > 3000
    assert "الدوحه" in entries
    assert all(is_clean_name(e) for e in entries)


def test_newsfane_counts_separate_people_from_common_words(shared_dir: Path) -> None:
    counts = newsfane_counts(shared_dir)
    outside, person, _other = counts["في"]
    assert outside > 1000 and person == 0
    assert counts["محمد"][1] > counts["محمد"][0]


def test_nerar_nouns_with_a_pronoun_suffix_are_no_places() -> None:
    keys = {row[0] for row in iter_tsv("places.tsv")}
    assert not {"داخله", "خارجه", "ترابه", "قربه"} & keys  # من داخله "from inside it"
    assert {"كاليه", "حديثه"} <= keys  # the counterparts: a town (كاليه), a town with ta marbuta (حديثة)
    # real places in ة that NERAr spells like a noun + ه stay keys (hand-listed), نا ends a foreign place name
    assert {"ميله", "تاهله", "ديره", "كيلونا"} <= keys
    # a NERAr word read as و or ب + a listed place is not a second place (بروسيا "in Russia", وجده "and Jeddah")
    assert not {"بروسيا", "وجده"} & keys
