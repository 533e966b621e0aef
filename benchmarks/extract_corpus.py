"""Run extraction over the SaudiNewsNet corpus on one core; print articles/s, peak memory and errors.

    python benchmarks/extract_corpus.py [--limit N] [--corpus PATH] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import platform
import pstats
import re
import resource
import sys
import time
from pathlib import Path

from khabar.batch import process
from khabar.ingest import InputRecord, _check
from khabar.pipeline import warm_up
from khabar.resources import default_resources

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


def main() -> None:
    """Parse arguments, run the benchmark, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--profile", action="store_true", help="print the 25 costliest functions")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found")
    records = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if args.limit and n > args.limit:
                break
            obj = json.loads(line)
            fields = {k: obj.get(k) for k in ("id", "text", "title", "url", "source", "date", "author")}
            records.append(_check(InputRecord(f"{args.corpus.name}:{n}", str(obj["id"]), fields)))
    resources = warm_up(default_resources())  # load resources before the clock starts, as the CLI does
    profiler = cProfile.Profile() if args.profile else None
    errors: dict[str, int] = {}
    chars = 0
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    for rec in records:
        out = process(rec, resources)
        chars += len(rec.fields.get("text") or "")
        if "error" in out:
            reason = re.sub(r"record '[^']*'", "record", out["error"].split(": ", 1)[-1])[:60]
            errors[reason] = errors.get(reason, 0) + 1
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(records)
    print(f"articles: {n}  seconds: {elapsed:.1f}  articles/s: {n / elapsed:.0f}  "
          f"ms/article: {1000 * elapsed / n:.2f}  chars/article: {chars / n:.0f}")
    print(f"peak memory: {peak_mb:.0f} MiB  error records: {sum(errors.values())}")
    # The interpreter's build matters: a CPython linked to a shared libpython without PGO/LTO (as
    # pyenv builds by default) runs this benchmark ~35 % slower than a distribution's build.
    print(f"python: {platform.python_version()} {sys.executable} ({_libpython()})")
    for reason, count in sorted(errors.items(), key=lambda kv: -kv[1])[:10]:
        print(f"  {count:6d}  {reason}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def _libpython() -> str:
    """Tell whether this interpreter runs from a shared libpython (as mapped into the process, on Linux)."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return "libpython linkage unknown"
    return "shared libpython" if "libpython" in maps else "libpython linked in"


if __name__ == "__main__":
    main()
