"""Score the shipped CRF entity tagger on the held-out NewsFANE part and time it on corpus articles.

    python benchmarks/ner_eval.py [--articles 1000] [--model PATH] [--newsfane PATH] [--corpus PATH]

Scores are mention-level (exact span and type) on the 20 % of NewsFANE Gold that training never
sees (same split as `python -m khabar.ner.train`). Speed is the tagging alone (sentences already
tokenised): a first pass (every word type new to the cache), a second pass, and the best of five
runs per sentence, close to what an idle core does when other processes load the machine (the
load average is printed); "best + new types" adds back the cost of scoring each type once. As the
machine's speed drifts with its neighbours, the time to split and tokenise the same articles
(khabar.arabic) is printed as a yardstick.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from pathlib import Path

from khabar.arabic import split_sentences, tokenize
from khabar.ner.features import Names
from khabar.ner.names import load_names
from khabar.ner.tagger import MODEL_FILE, Tagger
from khabar.ner.train import evaluate, format_scores, read_newsfane, split_holdout
from khabar.resources import data_dir

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
NEWSFANE = SHARED / "resources" / "newsfane-gold" / "NewsFANE_Gold_2014_170K.txt"
CORPUS = SHARED / "corpus" / "saudinewsnet.jsonl.gz"
REFERENCE_TOKENS = 350  # the brief's average article, for a per-article figure independent of the sample


def load_texts(path: Path, limit: int) -> list[str]:
    """Return the texts of the first articles of the corpus."""
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if len(out) >= limit:
                break
            out.append(json.loads(line).get("text") or "")
    return out


def sentences_of(text: str) -> list[list[str]]:
    """Split a text into sentences of normalised words, as the text stage does."""
    return [[t.norm for t in tokenize(text, s, e)] for s, e in split_sentences(text)]


def load_articles(path: Path, limit: int) -> list[list[list[str]]]:
    """Return the first articles of the corpus as sentences of normalised words."""
    return [sentences_of(text) for text in load_texts(path, limit)]


def best_tokenize_time(texts: list[str], repeats: int = 5) -> float:
    """Return the sum over articles of the best time to split and tokenise each (a yardstick)."""
    total = 0.0
    clock = time.perf_counter
    for text in texts:
        best = float("inf")
        for _ in range(repeats):
            started = clock()
            sentences_of(text)
            best = min(best, clock() - started)
        total += best
    return total


def time_pass(tagger: Tagger, articles: list[list[list[str]]]) -> float:
    """Return the CPU seconds one tagging pass over the articles takes."""
    started = time.process_time()
    for article in articles:
        for sentence in article:
            tagger.tag(sentence)
    return time.process_time() - started


def best_times(tagger: Tagger, articles: list[list[list[str]]], repeats: int = 5) -> float:
    """Return the sum over sentences of each sentence's best tagging time of several (warm tagger).

    Other processes on the machine slow some runs down; the best of a few runs of a fraction of
    a millisecond comes much closer to what an idle core does than whole passes.
    """
    total = 0.0
    clock = time.perf_counter
    tag = tagger.tag
    for article in articles:
        for sentence in article:
            best = float("inf")
            for _ in range(repeats):
                started = clock()
                tag(sentence)
                elapsed = clock() - started
                if elapsed < best:
                    best = elapsed
            total += best
    return total


def new_type_cost(model: Path, names: Names, words: list[str], repeats: int = 5) -> float:
    """Return the best time, in seconds, to compute the cached scores of a word type never seen."""
    best = float("inf")
    for _ in range(repeats):
        tagger = Tagger(model, names)
        chunk = words[:2000]
        started = time.process_time()
        for w in chunk:
            tagger._new_entry(w)
        best = min(best, (time.process_time() - started) / len(chunk))
    return best


def main() -> None:
    """Parse arguments, score and time the tagger, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=data_dir() / MODEL_FILE)
    ap.add_argument("--newsfane", type=Path, default=NEWSFANE)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--holdout", type=float, default=0.2)
    args = ap.parse_args()
    names = load_names()

    started = time.perf_counter()
    tagger = Tagger(args.model, names)
    load_ms = 1000 * (time.perf_counter() - started)
    print(f"model {args.model.name}: {args.model.stat().st_size / 1e6:.2f} MB, loaded in {load_ms:.0f} ms")

    if args.newsfane.is_file():
        _, held = split_holdout(read_newsfane(args.newsfane), args.holdout, args.seed)
        print(f"\nheld-out NewsFANE ({len(held)} sentences, {sum(map(len, held))} words), exact span+type:")
        print(format_scores(evaluate(tagger, held)))
    else:
        print(f"no NewsFANE corpus at {args.newsfane}: scores skipped")

    if not args.corpus.is_file():
        print(f"no article corpus at {args.corpus}: speed skipped")
        return
    texts = load_texts(args.corpus, args.articles)
    articles = [sentences_of(text) for text in texts]
    n_art = len(articles)
    n_tok = sum(len(s) for a in articles for s in a)
    print(f"\nspeed on {n_art} corpus articles ({n_tok / n_art:.0f} tokens each), load average "
          f"{os.getloadavg()[0]:.1f}:")
    tagger = Tagger(args.model, names)
    cold = time_pass(tagger, articles)
    n_types = len(tagger._types) + len(tagger._older)
    warm = time_pass(tagger, articles)
    best = best_times(tagger, articles)
    per_type = new_type_cost(args.model, names, list(tagger._types))
    for label, seconds in (
        ("first pass (every type new)", cold),
        ("second pass (cache warm)", warm),
        ("warm, best of 5 per sentence", best),
        ("best + new types", best + n_types * per_type),
    ):
        us_tok = 1e6 * seconds / n_tok
        print(f"  {label:30} {1000 * seconds / n_art:6.2f} ms/article {us_tok:6.2f} µs/token "
              f"{us_tok * REFERENCE_TOKENS / 1000:5.2f} ms per {REFERENCE_TOKENS}-token article")
    print(f"  {n_types} word types, {1e6 * per_type:.1f} µs to score a new one (best of 5)")
    # The machine's speed varies with its neighbours; tokenising the same text is a yardstick.
    yardstick = best_tokenize_time(texts)
    print(f"  yardstick: splitting and tokenising takes {1000 * yardstick / n_art:.2f} ms/article here; "
          f"tagging (warm, best of 5) costs {best / yardstick:.2f} times that")

if __name__ == "__main__":
    main()
