"""Train and evaluate the CRF entity tagger on the NewsFANE Gold corpus.

Usage: python -m khabar.ner.train --corpus NewsFANE_Gold_2014_170K.txt --out ner_crf.model

The corpus (CC BY-SA 3.0, Alotaibi & Lee 2014) has one `token<TAB>tag` line per token, BIO
tags over 50 fine classes, a blank line between sentences and its clitics split off (`و قال`,
`ان ه`). Here the fine classes are mapped to PER/ORG/LOC and the split clitics are glued back,
so the tagger learns from words shaped like khabar's runtime tokens (`وقال`, `انه`).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import pycrfsuite

from khabar.arabic import normalize, tokenize
from khabar.ner.features import Featurizer, Names
from khabar.ner.names import load_names
from khabar.ner.tagger import MODEL_FORMAT, TYPES, Tagger, bio_spans

# NewsFANE fine classes (ACE-like, two-level) → khabar's scored types. Groups of people
# (العرب, المسلمين) are nationality/community nouns, which the gold guidelines do not count as
# entities; named facilities (airports, buildings, roads) count as LOC; vehicles, weapons,
# products and works (books, films, software) are outside PER/ORG/LOC and become O.
_PER = ("Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist", "Police",
        "Businessperson", "Lawyer", "Engineer")
_ORG = ("Non-Governmental", "Sports", "Media", "Government", "Commercial", "Educational",
        "Medical-Science", "Entertainment", "Religious_ORG")
_LOC = ("Nation", "Population-Center", "State-or-Province", "GPE-Cluster", "Continent",
        "County-or-District", "Water-Body", "Land-Region-Natural", "Celestial", "Building-Grounds",
        "Airport", "Path", "Plant")
FINE_TO_COARSE: dict[str, str] = {c: "PER" for c in _PER} | {c: "ORG" for c in _ORG} | {c: "LOC" for c in _LOC}

# Clitics as the corpus splits them off. A proclitic is glued to the word after it, a suffix
# to the word before it; the lone alef and ta are fragments of the corpus's segmenter.
_PROCLITICS = frozenset(("و", "ف", "ب", "ل", "س", "ا"))
_SUFFIXES = frozenset(("ه", "ها", "هم", "هما", "هن", "كم", "كن", "نا", "ي", "ني", "ن", "ت"))
_LONE_HAMZA_AS_QUOTE = "ء"  # the corpus writes some quotation marks as a lone hamza

BLOCK = 25  # consecutive sentences held out together: names recur within a story
TRAIN_PARAMS = {
    "c1": 0.05,  # L1 drops most rare features: keeps the model file small
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}
MIN_FEATURE_FREQ = 1
WEIGHTS_NOTE = (
    "CRF weights derived from NewsFANE Gold (Alotaibi & Lee 2014), CC BY-SA 3.0; "
    "rows: L labels, T from to weight, S attribute label weight"
)

Sentence = list[tuple[str, str]]  # (normalised word, coarse BIO label)


def read_newsfane(path: Path) -> list[Sentence]:
    """Read NewsFANE Gold into sentences of runtime-shaped words with PER/ORG/LOC BIO labels."""
    raw: list[list[tuple[str, str]]] = [[]]
    with path.open(encoding="utf-8-sig") as f:
        for line in f:
            token, _, tag = line.rstrip("\r\n").partition("\t")
            token = token.strip().lstrip("\u200e")
            if not token:
                if raw[-1]:
                    raw.append([])
                continue
            raw[-1].append((token, coarse_label(tag.strip())))
    vocabulary = {normalize(t) for sent in raw for t, _ in sent}
    sentences = (convert_sentence([(repair_lam(t, vocabulary), lab) for t, lab in sent]) for sent in raw)
    return [s for s in sentences if s]


def repair_lam(token: str, vocabulary: set[str]) -> str:
    """Undo the corpus's doubled-lam corruption (الالبنانية for اللبنانية) where it is evident.

    Genuine الال words exist (الالعاب, الالماني), so a word is repaired only when the part after
    its corrupted article-plus-lam is attested on its own with that lam (لبنانية, لاعبين).
    """
    if token.startswith("الال") and len(token) >= 7 and normalize("ل" + token[4:]) in vocabulary:
        return "الل" + token[4:]
    return token


def coarse_label(tag: str) -> str:
    """Map a fine NewsFANE BIO tag (B-Politician) to a coarse one (B-PER), or O."""
    if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    coarse = FINE_TO_COARSE.get(tag[2:])
    return f"{tag[0]}-{coarse}" if coarse else "O"


def convert_sentence(tokens: Sequence[tuple[str, str]]) -> Sentence:
    """Glue split clitics back onto their words, normalise and re-tokenise as khabar does."""
    stripped = ((t.strip().lstrip("\u200e"), lab) for t, lab in tokens)
    parts = [('"' if t == _LONE_HAMZA_AS_QUOTE else t, [lab]) for t, lab in stripped if t]
    glued = _glue_prefixes(_glue_suffixes(parts))
    out: Sentence = []
    for word, label in glued:
        pieces = tokenize(normalize(word))
        for k, piece in enumerate(pieces):
            lab = label if k == 0 or label == "O" else "I-" + label[2:]
            out.append((piece.norm, lab))
    return repair_bio(out)


def _is_word(token: str) -> bool:
    return bool(token) and "\u0621" <= token[0] <= "\u064a"


def _glue_suffixes(parts: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    n = len(parts)
    for i, (tok, labels) in enumerate(parts):
        is_suffix = tok in _SUFFIXES or (
            # ك is a suffix (نفسك) unless it starts a word (كما, كرئيس) after a break
            tok == "ك" and not (i + 1 < n and parts[i + 1][0] == "ما")
        )
        if is_suffix and out and _is_word(out[-1][0]):
            host, host_labels = out[-1]
            if host.endswith("ة"):
                host = host[:-1] + "ت"  # ta marbuta opens before a suffix: حكومة + ه → حكومته
            out[-1] = (host + tok, host_labels + labels)
        else:
            out.append((tok, labels))
    return out


def _glue_prefixes(parts: list[tuple[str, list[str]]]) -> list[tuple[str, str]]:
    # Right to left, so stacked proclitics (و ب الولايات) end on the word they belong to.
    rev: list[tuple[str, list[str]]] = []
    for tok, labels in reversed(parts):
        is_prefix = tok in _PROCLITICS or tok == "ك"
        if is_prefix and rev and _is_word(rev[-1][0]) and len(rev[-1][0]) > 1:
            word, word_labels = rev[-1]
            if tok[-1] == "ل" and word.startswith("ال"):
                word = word[1:]  # ل + الامم → للامم
            rev[-1] = (tok + word, labels + word_labels)
        else:
            rev.append((tok, labels))
    return [(tok, _merge_labels(labels)) for tok, labels in reversed(rev)]


def _merge_labels(labels: list[str]) -> str:
    for lab in labels:
        if lab.startswith("B-"):
            return lab
    for lab in labels:
        if lab != "O":
            return lab
    return "O"


def repair_bio(sentence: Sentence) -> Sentence:
    """Turn an I- label that follows O or another type into B-, so every span is well formed."""
    out: Sentence = []
    prev = "O"
    for word, lab in sentence:
        if lab.startswith("I-") and prev[2:] != lab[2:]:
            lab = "B-" + lab[2:]
        out.append((word, lab))
        prev = lab
    return out


def split_holdout(sentences: list[Sentence], holdout: float, seed: int) -> tuple[list[Sentence], list[Sentence]]:
    """Split into (train, held out) by blocks of consecutive sentences, deterministically for a seed."""
    blocks = [sentences[i : i + BLOCK] for i in range(0, len(sentences), BLOCK)]
    order = list(range(len(blocks)))
    random.Random(seed).shuffle(order)
    n_held = round(len(blocks) * holdout)
    held_ids = set(order[:n_held])
    train = [s for i, b in enumerate(blocks) if i not in held_ids for s in b]
    held = [s for i, b in enumerate(blocks) if i in held_ids for s in b]
    return train, held


def fit(sentences: Iterable[Sentence], out: Path, names: Names, params: dict | None = None) -> None:
    """Train a CRF on labelled sentences with crfsuite and write its weights as khabar's model file."""
    featurizer = Featurizer(names)
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for sent in sentences:
        trainer.append(featurizer.sentence([w for w, _ in sent]), [lab for _, lab in sent])
    trainer.set_params({**TRAIN_PARAMS, "feature.minfreq": MIN_FEATURE_FREQ, **(params or {})})
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        crf_path = Path(tmp) / "crfsuite.model"
        trainer.train(str(crf_path))
        export_weights(crf_path, out)


def export_weights(crf_model: Path, out: Path) -> None:
    """Write a crfsuite model's labels and non-zero weights as the TSV that khabar's tagger reads."""
    crf = pycrfsuite.Tagger()
    crf.open(str(crf_model))
    try:
        info = crf.info()
        labels = crf.labels()
    finally:
        crf.close()
    rows = [f"#{MODEL_FORMAT}", f"# {WEIGHTS_NOTE}", "L\t" + "\t".join(labels)]
    for (x, y), w in sorted(info.transitions.items()):
        rows.append(f"T\t{x}\t{y}\t{w:.4f}")
    for (attr, lab), w in sorted(info.state_features.items()):
        if round(w, 4):
            rows.append(f"S\t{attr}\t{lab}\t{w:.4f}")
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")


def evaluate(model: Path | Tagger, sentences: Sequence[Sentence], names: Names | None = None) -> dict:
    """Score a model on labelled sentences: mention-level exact span+type P/R/F1 per type and overall.

    Args:
        model: a loaded Tagger, or the path of a model file.
        sentences: (normalised word, BIO label) sentences, as `read_newsfane` returns them.
        names: the name lists the model was trained with (the packaged ones by default).

    Returns:
        For PER, ORG, LOC and ALL: precision, recall, f1, gold and predicted mention counts.
    """
    tagger = model if isinstance(model, Tagger) else Tagger(model, load_names() if names is None else names)
    gold: set[tuple[int, int, int, str]] = set()
    pred: set[tuple[int, int, int, str]] = set()
    for k, sent in enumerate(sentences):
        gold.update((k, *s) for s in bio_spans([lab for _, lab in sent]))
        pred.update((k, *s) for s in tagger.spans([w for w, _ in sent]))
    return score_spans(gold, pred)


def score_spans(gold: set[tuple], pred: set[tuple]) -> dict:
    """Return precision, recall, F1 and counts per type and overall (micro) for span sets."""
    result: dict[str, dict[str, float]] = {}
    for typ in (*TYPES, "ALL"):
        g = {s for s in gold if typ in ("ALL", s[-1])}
        p = {s for s in pred if typ in ("ALL", s[-1])}
        tp = len(g & p)
        precision = tp / len(p) if p else 0.0
        recall = tp / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[typ] = {"precision": precision, "recall": recall, "f1": f1, "gold": len(g), "predicted": len(p)}
    return result


def train_ner(
    corpus: Path, out: Path, holdout: float = 0.2, seed: int = 0, names: Names | None = None, params: dict | None = None
) -> dict:
    """Train the shipped tagger on NewsFANE Gold, holding out a share of it, and score it there.

    Args:
        corpus: path of NewsFANE_Gold_2014_170K.txt.
        out: where to write the CRF model file.
        holdout: share of sentence blocks kept out of training and used for the scores.
        seed: seed of the block shuffle; the same seed gives the same split.
        names: name lists for the name features (the packaged ones by default).
        params: crfsuite training parameters overriding TRAIN_PARAMS.

    Returns:
        Scores per type and overall on the held-out part, with sizes and timings.
    """
    names = load_names() if names is None else names
    sentences = read_newsfane(corpus)
    train, held = split_holdout(sentences, holdout, seed)
    started = time.perf_counter()
    fit(train, out, names, params)
    train_seconds = time.perf_counter() - started
    scores = evaluate(out, held, names) if held else {}
    return {
        "scores": scores,
        "train_sentences": len(train),
        "heldout_sentences": len(held),
        "train_tokens": sum(map(len, train)),
        "heldout_tokens": sum(map(len, held)),
        "train_seconds": round(train_seconds, 1),
        "model_bytes": out.stat().st_size,
    }


def format_scores(scores: dict) -> str:
    """Render per-type scores as a small table."""
    lines = [f"{'type':<5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for typ, s in scores.items():
        lines.append(
            f"{typ:<5} {100 * s['precision']:6.1f} {100 * s['recall']:6.1f} {100 * s['f1']:6.1f}"
            f" {s['gold']:6d} {s['predicted']:6d}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Train from the command line and print held-out scores."""
    parser = argparse.ArgumentParser(prog="python -m khabar.ner.train", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="NewsFANE_Gold_2014_170K.txt")
    parser.add_argument("--out", type=Path, required=True, help="model file to write")
    parser.add_argument("--holdout", type=float, default=0.2, help="share held out for scoring (0 trains on all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    metrics = train_ner(args.corpus, args.out, args.holdout, args.seed)
    if args.json:
        print(json.dumps(metrics, indent=2))
    else:
        print(f"trained on {metrics['train_sentences']} sentences in {metrics['train_seconds']} s; "
              f"model {metrics['model_bytes'] / 1e6:.2f} MB; held out {metrics['heldout_sentences']} sentences")
        if metrics["scores"]:
            print(format_scores(metrics["scores"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
