"""Time the entity stage (CPU time) on every 31st corpus article; with --tagger, with the CRF tagger.

    python benchmarks/entity_stage.py [--step 31] [--limit 1000] [--tagger] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import pstats
import sys
import time
from pathlib import Path

from khabar.document import Document
from khabar.pipeline import STAGES
from khabar.resources import default_resources
from khabar.stages import clean, entities, text

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


def main() -> None:
    """Parse arguments, time the stage, print ms per article."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--step", type=int, default=31)
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--tagger", action="store_true", help="also run the CRF person tagger")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found")
    res = default_resources()
    docs = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n % args.step or len(docs) >= args.limit:
                continue
            obj = json.loads(line)
            if not (obj.get("text") or "").strip():
                continue
            doc = Document(id=obj["id"], text=obj["text"], title=obj.get("title"), source=obj.get("source"),
                           author=obj.get("author"), date=obj.get("date"))
            docs.append(text.run(clean.run(doc, res), res))
    use_tagger = args.tagger
    entities.run(docs[0], res, use_tagger=use_tagger)  # load resources before the clock starts
    prof = cProfile.Profile() if args.profile else None
    if prof:
        prof.enable()
    start = time.process_time()
    for doc in docs:
        entities.run(doc, res, use_tagger=use_tagger)
    ent = time.process_time() - start
    if prof:
        prof.disable()
    start = time.process_time()
    for doc in docs:
        for stage in STAGES[3:]:
            stage(doc, res)
    rest = time.process_time() - start
    n = len(docs)
    print(f"articles: {n}  entities ms/article: {1000 * ent / n:.3f}  later stages ms/article: {1000 * rest / n:.3f}")
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
