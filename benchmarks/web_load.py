"""Load the web app with concurrent requests on loopback and print page times (p50, p95, p99) per page kind.

    python benchmarks/web_load.py --db PATH [--requests 2000] [--concurrency 8] [--seed 0]

Starts `khabar serve` in a subprocess on a free 127.0.0.1 port, builds a mix of real URLs from the
store (articles, searches with and without filters, entities, events, arms, the API), sends a
bounded number of requests from `concurrency` clients at once, and prints the figures. Only
loopback is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

MAX_REQUESTS = 20_000  # a benchmark, not a stress test: keep the run bounded
HOST = "127.0.0.1"
# share of each page kind in the mix: readers mostly open articles and search
MIX = {"article": 30, "search": 20, "search-filtered": 8, "entity": 12, "events": 8, "events-filtered": 5,
       "home": 4, "entities": 4, "arms": 3, "api-article": 3, "api-search": 3}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _samples(db: Path, rng: random.Random) -> dict[str, list[str]]:
    """Pick real article ids, entity ids, search words, sources and event filters from the store."""
    conn = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
    try:
        n = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
        ids = [rng.randint(1, n) for _ in range(400)]
        marks = ",".join("?" * len(ids))
        rows = conn.execute(f"SELECT doc_id, title FROM articles WHERE id IN ({marks})", ids).fetchall()
        words = [w for _, t in rows for w in (t or "").split() if len(w) >= 5 and w.isalpha()]
        entities = conn.execute(
            "SELECT type, coalesce(code, norm), count(*) AS n FROM entities GROUP BY 1, 2 ORDER BY n DESC LIMIT 300"
        ).fetchall()
        sources = [r[0] for r in conn.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL")]
        types = [r[0] for r in conn.execute("SELECT DISTINCT type FROM events")]
        actors = [r[0] for r in conn.execute(
            "SELECT source FROM events WHERE source IS NOT NULL GROUP BY source ORDER BY count(*) DESC LIMIT 20")]
        dates = [r[0] for r in conn.execute("SELECT DISTINCT date FROM articles WHERE date IS NOT NULL")]
    finally:
        conn.close()
    return {"articles": [r[0] for r in rows], "words": words or ["السعودية"],
            "entities": [f"{t}:{k}" for t, k, _ in entities] or ["LOC:SAU"], "sources": sources or [""],
            "types": types or ["CONSULT"], "actors": actors or ["SAU"], "dates": sorted(dates) or ["2015-07-21"]}


def _url(kind: str, s: dict[str, list[str]], rng: random.Random) -> str:
    pick = rng.choice
    if kind in ("article", "api-article"):
        return ("/api" if kind == "api-article" else "") + "/articles/" + quote(pick(s["articles"]), safe="")
    if kind in ("search", "api-search"):
        q = " ".join(rng.sample(s["words"], k=min(len(s["words"]), rng.choice((1, 1, 2)))))
        prefix = "/api" if kind == "api-search" else ""
        return prefix + "/search?" + urlencode({"q": q, "page": rng.choice((1, 1, 2))})
    if kind == "search-filtered":
        params = {"source": pick(s["sources"]), "since": pick(s["dates"])[:7], "type": pick(s["types"] + [""])}
        if rng.random() < 0.5:
            params["q"] = pick(s["words"])
        else:
            params["entity"] = pick(s["entities"][:50])
        return "/search?" + urlencode(params)
    if kind == "entity":
        return "/entities/" + quote(pick(s["entities"]), safe="")
    if kind == "events":
        return "/events" + ("?page=2" if rng.random() < 0.3 else "")
    if kind == "events-filtered":
        params = {"type": pick(s["types"]), "source": pick(s["actors"] + [""]), "since": pick(s["dates"])[:7]}
        return "/events?" + urlencode(params)
    if kind == "entities":
        return "/entities?" + urlencode({"type": pick(["", "PER", "ORG", "LOC"]), "page": rng.choice((1, 2, 3))})
    if kind == "arms":
        return "/arms"
    return "/"


async def _run(base: str, urls: list[tuple[str, str]], concurrency: int) -> list[tuple[str, float, int]]:
    results: list[tuple[str, float, int]] = []
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in urls:
        queue.put_nowait(item)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        async def worker() -> None:
            while not queue.empty():
                kind, url = queue.get_nowait()
                t0 = time.perf_counter()
                r = await client.get(url)
                await r.aread()
                results.append((kind, (time.perf_counter() - t0) * 1000, r.status_code))
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return results


def _pct(values: list[float], p: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main() -> None:
    """Parse arguments, serve the store, load it, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True, help="a store made by `khabar ingest`")
    ap.add_argument("--requests", type=int, default=2000, help=f"measured requests (at most {MAX_REQUESTS})")
    ap.add_argument("--concurrency", type=int, default=8, help="clients sending at once")
    ap.add_argument("--warmup", type=int, default=100, help="requests sent first and not measured")
    ap.add_argument("--workers", type=int, default=1, help="server processes (`khabar serve --workers`)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if not 1 <= args.requests <= MAX_REQUESTS:
        ap.error(f"--requests must be between 1 and {MAX_REQUESTS}")
    if not 1 <= args.concurrency <= 64:
        ap.error("--concurrency must be between 1 and 64")
    rng = random.Random(args.seed)
    samples = _samples(args.db, rng)
    kinds = rng.choices(list(MIX), weights=list(MIX.values()), k=args.warmup + args.requests)
    urls = [(k, _url(k, samples, rng)) for k in kinds]

    port = _free_port()
    base = f"http://{HOST}:{port}"
    server = subprocess.Popen([sys.executable, "-m", "khabar.web_cli", "serve", "--db", str(args.db), "--host", HOST,
                               "--port", str(port), "--workers", str(args.workers), "--log-level", "warning",
                               "--no-access-log"])
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/stats", timeout=60).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit("the server did not start")
            time.sleep(0.2)
        asyncio.run(_run(base, urls[:args.warmup], args.concurrency))
        t0 = time.perf_counter()
        results = asyncio.run(_run(base, urls[args.warmup:], args.concurrency))
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(10)

    conn = sqlite3.connect(f"file:{args.db.resolve()}?mode=ro", uri=True)
    n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    print(f"store: {args.db} ({n_articles:,} articles, {args.db.stat().st_size / 1e6:,.0f} MB)")
    print(f"{len(results):,} requests, {args.concurrency} concurrent clients, {args.workers} server worker(s),"
          f" {args.warmup} warm-up requests not counted; {len(results) / wall:,.1f} requests/s")
    errors = [(k, s) for k, _, s in results if s != 200]
    print(f"non-200 answers: {len(errors)}" + (f" {sorted(set(errors))[:10]}" if errors else ""))
    print(f"{'page':<18}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for kind in [*MIX, "all"]:
        times = sorted(t for k, t, _ in results if k == kind or kind == "all")
        if not times:
            continue
        print(f"{kind:<18}{len(times):>6}{_pct(times, 50):>9.1f}{_pct(times, 95):>9.1f}{_pct(times, 99):>9.1f}"
              f"{times[-1]:>9.1f}")


if __name__ == "__main__":
    main()
