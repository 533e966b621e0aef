"""Conversion of NewsFANE Gold, the held-out split, training and scoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.arabic import normalize
from khabar.ner.tagger import Tagger
from khabar.ner.train import (
    coarse_label,
    convert_sentence,
    evaluate,
    fit,
    read_newsfane,
    repair_bio,
    score_spans,
    split_holdout,
    train_ner,
)

NEWSFANE = Path("resources") / "newsfane-gold" / "NewsFANE_Gold_2014_170K.txt"


@pytest.mark.parametrize(
    ("fine", "coarse"),
    [
        ("B-Politician", "B-PER"),
        ("I-Athlete", "I-PER"),
        ("B-Religious_PER", "B-PER"),
        ("B-Nation", "B-LOC"),
        ("I-Population-Center", "I-LOC"),
        ("B-Airport", "B-LOC"),
        ("B-Government", "B-ORG"),
        ("I-Media", "I-ORG"),
        ("B-Sports", "B-ORG"),
        ("B-Group", "O"),  # العرب, المسلمين: communities, not named entities
        ("B-Book", "O"),
        ("B-Shooting", "O"),
        ("O", "O"),
        ("B-Unknown-Class", "O"),
        ("", "O"),
    ],
)
def test_coarse_label(fine: str, coarse: str) -> None:
    assert coarse_label(fine) == coarse


def test_convert_glues_clitics_back() -> None:
    tokens = [
        ("\u200eو", "O"), ("\u200eقال", "O"), ("ل", "O"), ("الامم", "B-ORG"), ("المتحدة", "I-ORG"),
        ("ان", "O"), ("ه", "O"), ("حكومة", "O"), ("ها", "O"), ("و", "O"), ("ب", "O"), ("الرياض", "B-LOC"),
        ("ك", "O"), ("ما", "O"), (".", "O"),
    ]
    words = convert_sentence(tokens)
    assert words == [
        ("وقال", "O"), ("للامم", "B-ORG"), ("المتحده", "I-ORG"), ("انه", "O"), ("حكومتها", "O"),
        ("وبالرياض", "B-LOC"), ("كما", "O"), (".", "O"),
    ]


def test_convert_keeps_entity_labels_on_glued_words() -> None:
    words = convert_sentence([("ف", "B-PER"), ("ؤاد", "I-PER"), ("السنيورة", "I-PER")])
    assert words == [(normalize("فؤاد"), "B-PER"), ("السنيوره", "I-PER")]


def test_repair_bio() -> None:
    assert repair_bio([("a", "I-PER"), ("b", "I-PER"), ("c", "I-LOC"), ("d", "O"), ("e", "I-ORG")]) == [
        ("a", "B-PER"), ("b", "I-PER"), ("c", "B-LOC"), ("d", "O"), ("e", "B-ORG"),
    ]


def test_read_newsfane_format(tmp_path: Path) -> None:
    path = tmp_path / "mini.txt"
    lines = ["\ufeff\u200eو\tO", "\u200eقال\tO", "\u200eبوش\tB-Politician", ".\tO", "\t", "\u200eفي\tO",
             "\u200eلبنان\tB-Nation", "\t", ""]
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    assert read_newsfane(path) == [[("وقال", "O"), ("بوش", "B-PER"), (".", "O")], [("في", "O"), ("لبنان", "B-LOC")]]


def test_split_holdout_is_deterministic_and_disjoint() -> None:
    sentences = [[(f"w{i}", "O")] for i in range(1000)]
    train, held = split_holdout(sentences, 0.2, seed=0)
    again_train, again_held = split_holdout(sentences, 0.2, seed=0)
    assert (train, held) == (again_train, again_held)
    assert len(held) == 200 and len(train) == 800
    assert not {s[0][0] for s in train} & {s[0][0] for s in held}
    assert split_holdout(sentences, 0.2, seed=1)[1] != held


def test_score_spans() -> None:
    gold = {(0, 0, 2, "PER"), (0, 5, 6, "LOC"), (1, 0, 1, "ORG")}
    pred = {(0, 0, 2, "PER"), (0, 5, 6, "ORG"), (1, 3, 4, "LOC")}
    scores = score_spans(gold, pred)
    assert scores["PER"]["f1"] == 1.0
    assert scores["ALL"]["precision"] == pytest.approx(1 / 3)
    assert scores["ALL"]["recall"] == pytest.approx(1 / 3)
    assert scores["LOC"]["gold"] == 1 and scores["LOC"]["predicted"] == 1 and scores["LOC"]["f1"] == 0.0


# Fictional people and places (as in petrarch's Arnor and Gondor): the test does not lean on real names.
_PEOPLE = ["زيدون القمري", "نوار الشهبي", "سلمان الغيثي", "بدران العتيق", "راجح المزن", "فواز الديمي",
           "مهند السراب", "ماجد اللؤلؤي", "عامر الفيروزي", "كنان الصخري", "يزن الرملي", "قيس البنفسجي"]
_PLACES = ["جلنار", "سمرقاد", "بوران", "نخلستان", "زمردة", "قرطاسة"]
_TEMPLATES = [
    ("قال الرئيس {p} في {l} ان الوضع مستقر .", "O O PER PER O LOC O O O ."),
    ("واكد الرئيس {p} خلال زيارته الى {l} امس .", "O O PER PER O O O LOC O ."),
    ("وصل الوزير {p} الى {l} .", "O O PER PER O LOC ."),
    ("والتقى {p} نظيره في {l} .", "O PER PER O O LOC ."),
]


def _synthetic() -> list[list[tuple[str, str]]]:
    out = []
    for k, person in enumerate(_PEOPLE):
        for t, (template, tags) in enumerate(_TEMPLATES):
            place = _PLACES[(k + t) % len(_PLACES)]
            words = template.format(p=person, l=place).split()
            labels = []
            prev = "O"
            for tag in tags.split():
                lab = "O" if tag in ("O", ".") else ("I-" if prev == tag else "B-") + tag
                labels.append(lab)
                prev = tag
            out.append([(normalize(w), lab) for w, lab in zip(words, labels, strict=True)])
    return out


def test_training_on_a_small_set_learns_a_name_after_a_title(tmp_path: Path) -> None:
    model = tmp_path / "tiny.model"
    fit(_synthetic(), model, {}, {"max_iterations": 60})
    tagger = Tagger(model, {})
    words = [normalize(w) for w in "وقال الرئيس طارف الحمداني في زمردة امس .".split()]
    assert tagger.spans(words) == [(2, 4, "PER"), (5, 6, "LOC")]
    scores = evaluate(tagger, _synthetic()[:8], {})
    assert scores["ALL"]["f1"] == 1.0


def test_training_on_a_newsfane_slice(shared_dir: Path, tmp_path: Path) -> None:
    sentences = read_newsfane(shared_dir / NEWSFANE)
    assert len(sentences) > 4000
    model = tmp_path / "slice.model"
    fit(sentences[:800], model, {}, {"max_iterations": 40})
    tagger = Tagger(model, {})
    words = [normalize(w) for w in "وقال الرئيس الفرنسي جاك شيراك في باريس امس ان".split()]
    spans = tagger.spans(words)
    assert (3, 5, "PER") in spans
    assert (6, 7, "LOC") in spans


def test_train_ner_holds_out_and_reports(shared_dir: Path, tmp_path: Path) -> None:
    # a deliberately small and short run: the split and the report are under test, not the figures
    corpus = tmp_path / "part.txt"
    text = (shared_dir / NEWSFANE).read_text(encoding="utf-8-sig").split("\n\t")
    corpus.write_text("\n\t".join(text[:400]), encoding="utf-8")
    metrics = train_ner(corpus, tmp_path / "m.model", holdout=0.25, seed=3, names={}, params={"max_iterations": 20})
    assert metrics["heldout_sentences"] > 0 and metrics["train_sentences"] > 2 * metrics["heldout_sentences"]
    assert set(metrics["scores"]) == {"PER", "ORG", "LOC", "ALL"}
    assert metrics["model_bytes"] == (tmp_path / "m.model").stat().st_size
