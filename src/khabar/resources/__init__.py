"""Packaged linguistic data: read lazily, once, and checked against the MANIFEST."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterator
from importlib import resources as importlib_resources
from pathlib import Path
from threading import RLock
from typing import Any, TypeVar

from khabar.errors import ResourceError

T = TypeVar("T")

MANIFEST = "MANIFEST.tsv"


def data_dir() -> Path:
    """Return the folder that holds the packaged data files."""
    return Path(str(importlib_resources.files("khabar.resources"))) / "data"


def read_manifest() -> dict[str, dict[str, str]]:
    """Return the manifest rows (name, version, sha256, source, licence) keyed by file name."""
    path = data_dir() / MANIFEST
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t")]
    return {r["name"]: r for r in rows}


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def iter_tsv(name: str) -> Iterator[list[str]]:
    """Yield the rows of a packaged TSV file, skipping blank lines and # comments."""
    path = data_dir() / name
    if not path.exists():
        raise ResourceError(f"packaged data file {name} is missing from {path.parent}")
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield line.split("\t")


def read_json(name: str) -> Any:
    """Read a packaged JSON file."""
    path = data_dir() / name
    if not path.exists():
        raise ResourceError(f"packaged data file {name} is missing from {path.parent}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ResourceError(f"packaged data file {name} is not valid JSON: {e}") from e


def read_lines(name: str) -> list[str]:
    """Read a packaged one-item-per-line file, skipping blank lines and # comments."""
    return [row[0] for row in iter_tsv(name)]


class Resources:
    """A cache of parsed resources; each stage names what it needs and how to build it."""

    def __init__(self) -> None:
        self._cache: dict[str, Any] = {}
        self._lock = RLock()  # builds may ask for other resources

    def get(self, key: str, build: Callable[[], T]) -> T:
        """Return the resource called key, building it on first use."""
        try:
            return self._cache[key]
        except KeyError:
            pass
        with self._lock:
            if key not in self._cache:
                self._cache[key] = build()
            return self._cache[key]


_default: Resources | None = None


def default_resources() -> Resources:
    """Return the process-wide resource cache, created on first call."""
    global _default
    if _default is None:
        _default = Resources()
    return _default
