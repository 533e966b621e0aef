"""Read input records: text files, JSONL (plain or gzip) and standard input, in any common encoding."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.arabic import has_arabic
from khabar.errors import InputError

RECORD_FIELDS = ("id", "text", "title", "url", "source", "date", "author")


@dataclass(slots=True)
class InputRecord:
    """One article to process, or the reason it cannot be, with where it came from."""

    origin: str  # "path:line" for messages
    id: str
    fields: dict[str, Any]
    error: str | None = None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1256 Arabic text."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: neither UTF-8 nor Windows-1256 text ({e})") from e
    if not has_arabic(text):
        raise InputError(f"{name}: not UTF-8, and no Arabic when read as Windows-1256")
    return text


def check_path(path: str) -> Path:
    """Return an input file's path, or raise InputError if it is missing, a folder or unreadable."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a folder; give files (a .txt article or a .jsonl/.jsonl.gz file)")
    if not os.access(p, os.R_OK):
        raise InputError(f"{path}: not readable")
    return p


def read_inputs(paths: list[str]) -> Iterator[InputRecord]:
    """Yield the records of every input in order; '-' reads JSONL from standard input."""
    for path in paths:
        if path == "-":
            yield from _read_jsonl_stream(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig",
                                                           errors="replace"), "<stdin>")
            continue
        p = check_path(path)
        if p.name.endswith((".jsonl.gz", ".json.gz")):
            with gzip.open(p, "rb") as f:
                yield from _read_jsonl_bytes(f, path)
        elif p.suffix in (".jsonl", ".ndjson"):
            with p.open("rb") as f:
                yield from _read_jsonl_bytes(f, path)
        else:
            yield _read_text_file(p)


def _read_text_file(p: Path) -> InputRecord:
    origin = str(p)
    try:
        text = decode_bytes(p.read_bytes(), origin)
    except InputError as e:
        return InputRecord(origin, p.stem, {}, str(e))
    return _check(InputRecord(origin, p.stem, {"id": p.stem, "text": text}))


def _read_jsonl_bytes(f: Any, name: str) -> Iterator[InputRecord]:
    for n, raw in enumerate(f, 1):
        origin = f"{name}:{n}"
        if not raw.strip():
            continue
        try:
            line = decode_bytes(raw, origin)
        except InputError as e:
            yield InputRecord(origin, f"line-{n}", {}, str(e))
            continue
        yield _parse_line(line, origin, n)


def _read_jsonl_stream(f: Any, name: str) -> Iterator[InputRecord]:
    for n, line in enumerate(f, 1):
        if line.strip():
            yield _parse_line(line, f"{name}:{n}", n)


def _parse_line(line: str, origin: str, n: int) -> InputRecord:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return InputRecord(origin, f"line-{n}", {}, f"{origin}: broken JSON ({e.msg} at column {e.colno})")
    if not isinstance(obj, dict):
        return InputRecord(origin, f"line-{n}", {}, f"{origin}: a record must be a JSON object")
    rec_id = obj.get("id")
    rec_id = str(rec_id) if rec_id not in (None, "") else f"line-{n}"
    fields = {k: obj[k] for k in RECORD_FIELDS if k in obj}
    fields["id"] = rec_id
    return _check(InputRecord(origin, rec_id, fields))


def _check(rec: InputRecord) -> InputRecord:
    text = rec.fields.get("text")
    if not isinstance(text, str) or not text.strip():
        rec.error = f"{rec.origin}: record {rec.id!r} has no text"
    elif not has_arabic(text):
        rec.error = f"{rec.origin}: record {rec.id!r} has no Arabic text"
    return rec
