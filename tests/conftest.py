"""Shared fixtures: the read-only ../shared folder, skipped with a reason where it is absent."""

from __future__ import annotations

import gc
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


@pytest.fixture(autouse=True)
def _collector_on_after_each_test() -> Iterator[None]:
    """Switch the cyclic collector back on after a test that ran a batch in-process (warm_up turns it off)."""
    yield
    gc.enable()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """Return ../shared, or skip: it holds the seed, gold set, resources and corpus."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: shared data (seed, gold, corpus) is only on project machines")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared_dir: Path) -> str:
    """Return the seed article's raw text."""
    paths = sorted((shared_dir / "seed").glob("*.txt"))
    if not paths:
        pytest.skip(f"no seed article in {shared_dir / 'seed'}")
    return paths[0].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold_records(shared_dir: Path) -> list[dict]:
    """Return the gold dev records."""
    with (shared_dir / "gold" / "dev.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def iter_corpus(shared: Path, limit: int | None = None) -> Iterator[dict]:
    """Yield corpus records from ../shared/corpus, at most limit of them."""
    with gzip.open(shared / "corpus" / "saudinewsnet.jsonl.gz", "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                return
            yield json.loads(line)


@pytest.fixture(scope="session")
def corpus_sample(shared_dir: Path) -> list[dict]:
    """Return the first 300 corpus articles."""
    return list(iter_corpus(shared_dir, 300))
