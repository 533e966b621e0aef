"""Features of runtime words: proclitics cut by rule, keys, attribute names."""

from __future__ import annotations

import pytest

from khabar.arabic import normalize
from khabar.ner.features import (
    BOUNDARY_KEYS,
    GROUP_PREFIXES,
    Featurizer,
    attribute,
    parse_attribute,
    split_proclitics,
    word_keys,
)


@pytest.mark.parametrize(
    ("word", "prefix", "stem"),
    [
        ("والرئيس", "وال", "رئيس"),
        ("بالعراق", "بال", "عراق"),
        ("للامم", "لل", "امم"),
        ("ومحمد", "و", "محمد"),
        ("محمد", "", "محمد"),
        ("في", "", "في"),
        ("وقال", "و", "قال"),
        ("الرياض", "ال", "رياض"),
    ],
)
def test_split_proclitics(word: str, prefix: str, stem: str) -> None:
    assert split_proclitics(word) == (prefix, stem)


def test_word_with_clitics_shares_stem_with_bare_word() -> None:
    names = {"محمد": ("P1",)}
    with_clitic = dict(word_keys("ومحمد", names))
    bare = dict(word_keys("محمد", names))
    assert with_clitic["s"] == bare["s"] == "محمد"
    assert with_clitic["w"] != bare["w"]
    assert ("g", "P1") in word_keys("ومحمد", names)


def test_numbers_and_punctuation_keys() -> None:
    assert ("s", "d") in word_keys("2015", {})
    assert all(k != "w" for k, _ in word_keys("2015", {}))
    assert ("w", "،") in word_keys("،", {})
    assert ("w", "reuters") in word_keys("Reuters", {})
    assert word_keys("", {})  # a token of dropped marks only still gets a bias


@pytest.mark.parametrize("group", range(len(GROUP_PREFIXES)))
def test_attribute_round_trip(group: int) -> None:
    for kind, value in [("w", "الرئيس"), ("s", "="), ("b", ""), ("g", "P2")]:
        assert parse_attribute(attribute(group, kind, value)) == (group, kind, value)


def test_sentence_features_use_neighbours_and_boundaries() -> None:
    featurizer = Featurizer({})
    words = [normalize(w) for w in "قال الرئيس محمد".split()]
    feats = featurizer.sentence(words)
    assert len(feats) == 3
    assert "-1w=" + normalize("الرئيس") in feats[2]
    assert "+1w=محمد" in feats[1]
    assert attribute(*BOUNDARY_KEYS[0]) in feats[0]
    assert attribute(*BOUNDARY_KEYS[1]) in feats[2]
