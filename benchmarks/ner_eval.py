"""Score the shipped CRF entity tagger on the held-out NewsFANE part and time it on corpus articles.

    python benchmarks/ner_eval.py [--articles 1000] [--model PATH] [--newsfane PATH] [--corpus PATH]

Scores are mention-level (exact span and type) on the 20 % of NewsFANE Gold that training never
sees (same split as `python -m khabar.ner.train`). Speed is the tagging alone (sentences already
tokenised), in CPU time of this process, for a cold tagger (every word type new) and a warm one
(best of three passes); the load average is printed because other processes skew the figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from pathlib import Path

from khabar.arabic import split_sentences, tokenize
from khabar.ner.names import load_names
from khabar.ner.tagger import MODEL_FILE, Tagger
from khabar.ner.train import evaluate, format_scores, read_newsfane, split_holdout
from khabar.resources import data_dir

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
NEWSFANE = SHARED / "resources" / "newsfane-gold" / "NewsFANE_Gold_2014_170K.txt"
CORPUS = SHARED / "corpus" / "saudinewsnet.jsonl.gz"
REFERENCE_TOKENS = 350  # the brief's average article, for a per-article figure independent of the sample


def load_articles(path: Path, limit: int) -> list[list[list[str]]]:
    """Return the first articles of the corpus as sentences of normalised words."""
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if len(out) >= limit:
                break
            text = json.loads(line).get("text") or ""
            out.append([[t.norm for t in tokenize(text, s, e)] for s, e in split_sentences(text)])
    return out


def time_pass(tagger: Tagger, articles: list[list[list[str]]]) -> float:
    """Return the CPU seconds one tagging pass over the articles takes."""
    started = time.process_time()
    for article in articles:
        for sentence in article:
            tagger.tag(sentence)
    return time.process_time() - started


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
    articles = load_articles(args.corpus, args.articles)
    n_art = len(articles)
    n_tok = sum(len(s) for a in articles for s in a)
    print(f"\nspeed on {n_art} corpus articles ({n_tok / n_art:.0f} tokens each), load average "
          f"{os.getloadavg()[0]:.1f}:")
    cold_tagger = Tagger(args.model, names)
    for label, seconds in (
        ("cold", time_pass(cold_tagger, articles)),
        ("warm", min(time_pass(cold_tagger, articles) for _ in range(3))),
    ):
        us_tok = 1e6 * seconds / n_tok
        print(f"  {label}: {1000 * seconds / n_art:.2f} ms/article, {us_tok:.2f} µs/token, "
              f"{us_tok * REFERENCE_TOKENS / 1000:.2f} ms per {REFERENCE_TOKENS}-token article")


if __name__ == "__main__":
    main()
