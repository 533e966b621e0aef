"""The shipped CRF tagger: loading, BIO spans, real sentences, and the pruned search against the full one."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from khabar.arabic import normalize, split_sentences, tokenize
from khabar.errors import ResourceError
from khabar.ner.features import word_keys
from khabar.ner.names import NAMES_FILE, load_names
from khabar.ner.tagger import MODEL_FILE, MODEL_FORMAT, Tagger, _merge, bio_spans, load_tagger
from khabar.resources import Resources, data_dir, iter_tsv


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return load_tagger(Resources())


def _words(text: str) -> list[str]:
    return [t.norm for t in tokenize(text)]


def _names_of(text: str, tagger: Tagger) -> set[tuple[str, str]]:
    words = _words(text)
    return {(" ".join(words[s:e]), typ) for s, e, typ in tagger.spans(words)}


@pytest.mark.parametrize(
    ("labels", "spans"),
    [
        (["O", "B-PER", "I-PER", "O", "B-LOC"], [(1, 3, "PER"), (4, 5, "LOC")]),
        (["B-ORG", "I-ORG", "B-ORG", "O"], [(0, 2, "ORG"), (2, 3, "ORG")]),
        (["I-LOC", "I-LOC", "I-PER"], [(0, 2, "LOC"), (2, 3, "PER")]),
        (["O", "O"], []),
        ([], []),
    ],
)
def test_bio_spans(labels: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert bio_spans(labels) == spans


def test_shipped_model_loads_once_per_resources(tagger: Tagger) -> None:
    resources = Resources()
    assert load_tagger(resources) is load_tagger(resources)
    assert set(tagger.labels) == {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}


def test_model_file_format_and_size() -> None:
    path = data_dir() / MODEL_FILE
    assert path.read_text(encoding="utf-8").startswith("#" + MODEL_FORMAT + "\n")
    assert path.stat().st_size < 3_000_000  # small enough to ship in the wheel


def test_missing_or_foreign_model_is_a_resource_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceError):
        Tagger(tmp_path / "absent.model", {})
    foreign = tmp_path / "foreign.model"
    foreign.write_bytes(b"lCRF\x00\x00")
    with pytest.raises(ResourceError):
        Tagger(foreign, {})


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("وقال الرئيس الأمريكي باراك أوباما في واشنطن إن الولايات المتحدة لن تتراجع.",
         {("باراك اوباما", "PER"), ("واشنطن", "LOC")}),
        ("واستقبل وزير الخارجية سعود الفيصل في الرياض امس الأمين العام للأمم المتحدة.",
         {("سعود الفيصل", "PER"), ("الرياض", "LOC"), ("للامم المتحده", "ORG")}),
        ("وصل الرئيس الفرنسي إيمانويل ماكرون إلى بيروت أمس في زيارة تستغرق يومين.",
         {("ايمانويل ماكرون", "PER"), ("بيروت", "LOC")}),
        ("وأكد الأمين العام لجامعة الدول العربية أحمد أبو الغيط أن القاهرة ترفض التدخل.",
         {("احمد ابو الغيط", "PER"), ("القاهره", "LOC")}),
        ("أعلنت وكالة رويترز أن البنك الدولي رفع توقعاته للنمو في مصر والأردن.",
         {("البنك الدولي", "ORG"), ("مصر", "LOC"), ("والاردن", "LOC")}),
    ],
)
def test_tags_names_in_hand_written_sentences(tagger: Tagger, sentence: str, expected: set[tuple[str, str]]) -> None:
    # spans are whole runtime words, so a name keeps the clitics written onto it (والاردن)
    assert expected <= _names_of(sentence, tagger)


def test_tag_returns_one_label_per_word(tagger: Tagger) -> None:
    words = _words("أعلنت وكالة رويترز أن البنك الدولي رفع توقعاته للنمو في مصر والأردن.")
    labels = tagger.tag(words)
    assert len(labels) == len(words)
    assert set(labels) <= set(tagger.labels)
    assert tagger.tag([]) == []
    assert tagger.spans([]) == []


def test_spans_accept_tokens(tagger: Tagger) -> None:
    toks = tokenize("وصل الرئيس الفرنسي إيمانويل ماكرون إلى بيروت.")
    assert tagger.spans(toks) == tagger.spans([t.norm for t in toks])


def test_pruned_search_matches_full_search_on_corpus(tagger: Tagger, corpus_sample: list[dict]) -> None:
    full = Tagger(data_dir() / MODEL_FILE, load_names(), margin=math.inf)
    total = same = 0
    for record in corpus_sample[:60]:
        text = record["text"]
        for start, end in split_sentences(text):
            words = [t.norm for t in tokenize(text, start, end)]
            pruned, exact = tagger.tag(words), full.tag(words)
            total += len(words)
            same += sum(a == b for a, b in zip(pruned, exact, strict=True))
    assert total > 10_000
    assert same == total  # settling tokens by bounds must not change the output


def test_finds_entities_in_corpus_articles(tagger: Tagger, corpus_sample: list[dict]) -> None:
    counts = {"PER": 0, "ORG": 0, "LOC": 0}
    for record in corpus_sample[:30]:
        text = record["text"]
        for start, end in split_sentences(text):
            for _, _, typ in tagger.spans([t.norm for t in tokenize(text, start, end)]):
                counts[typ] += 1
    assert all(n > 10 for n in counts.values()), counts


def test_names_file_is_normalised_with_known_tags() -> None:
    seen = set()
    for word, tags in iter_tsv(NAMES_FILE):
        assert word == normalize(word) and word not in seen
        assert set(tags.split()) <= {"P1", "P2", "L", "L2", "O", "O2"}
        seen.add(word)
    assert len(seen) > 10_000
    assert load_names()["محمد"]


def test_scores_per_stem_equal_scores_per_word() -> None:
    # the tagger scores a word's stem once for all its clitic forms: the sum must not change
    names = load_names()
    cached = Tagger(data_dir() / MODEL_FILE, names)
    words = ["ومحمد", "محمد", "لمحمد", "والرياض", "بالرياض", "الرياض", "2015", "،", "Reuters", "وزير"]
    for word in words:
        direct = cached._accumulate(list(cached._base), word_keys(word, names))
        via_stem = cached._new_entry(word)
        n = len(cached.labels)
        for group in range(3):  # own word, as previous word, as next word
            assert list(via_stem[group]) == pytest.approx(direct[group * n : (group + 1) * n])


def test_windows_tag_only_their_words(tagger: Tagger) -> None:
    words = _words("وقال الرئيس الأمريكي باراك أوباما في واشنطن إن الولايات المتحدة لن تتراجع.")
    full = tagger.tag(words)
    assert tagger.tag(words, [(0, len(words))]) == full
    name = words.index("باراك")
    windowed = tagger.tag(words, [(name - 1, name + 3)])
    assert windowed[name : name + 2] == full[name : name + 2] == ["B-PER", "I-PER"]
    assert all(lab == "O" for k, lab in enumerate(windowed) if not name - 1 <= k < name + 3)
    assert tagger.spans(words, [(name, name + 2), (50, 60), (-3, 0)]) == [(name, name + 2, "PER")]
    assert tagger.tag(words, []) == ["O"] * len(words)


def test_merge_windows() -> None:
    assert _merge([(5, 8), (0, 2), (2, 3), (7, 12), (20, 30)], 15) == [(0, 3), (5, 12)]
    assert _merge([], 4) == []
