"""Process input records one by one: the call the CLI, the store and the web app share."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import msgspec

from khabar.errors import InputError, KhabarError
from khabar.ingest import InputRecord
from khabar.output import to_record
from khabar.pipeline import extract
from khabar.resources import Resources


def process(rec: InputRecord, resources: Resources | None = None) -> dict[str, Any]:
    """Return the output record of one input record, or an error record naming the input and problem."""
    if rec.error:
        return {"id": rec.id, "error": rec.error}
    fields = dict(rec.fields)
    text = fields.pop("text")
    rec_id = fields.pop("id")
    try:
        doc = extract(text, id=rec_id, resources=resources, **fields)
    except KhabarError as e:
        return {"id": rec.id, "error": f"{rec.origin}: {e}"}
    except Exception as e:  # a bug on one article must not stop a batch of thousands; it is reported
        return {"id": rec.id, "error": f"{rec.origin}: internal error {type(e).__name__}: {e}"}
    return to_record(doc)


def written_ids(path: Path) -> list[str]:
    """Return the ids of the complete records of a JSONL output, cutting off a last line left half-written.

    A run that was killed leaves its output whole up to its last newline; resuming continues from there.
    The file is read line by line: an output of the whole corpus runs to hundreds of megabytes.
    """
    if not path.exists():
        return []
    ids: list[str] = []
    with path.open("rb+") as f:
        kept = 0
        for n, line in enumerate(f, 1):
            if not line.endswith(b"\n"):
                f.truncate(kept)
                break
            kept += len(line)
            try:
                ids.append(str(msgspec.json.decode(line)["id"]))
            except (msgspec.DecodeError, KeyError, TypeError) as e:
                raise InputError(f"{path}:{n}: not a khabar output record, cannot resume after it ({e})") from e
    return ids


def skip_written(records: Iterable[InputRecord], ids: list[str], output: Path) -> Iterator[InputRecord]:
    """Yield the records after the first len(ids), checking that those are the ones already written."""
    it = iter(records)
    for n, written in enumerate(ids, 1):
        rec = next(it, None)
        if rec is None or rec.id != written:
            found = "no record" if rec is None else f"record {rec.id!r} ({rec.origin})"
            raise InputError(f"{output}:{n}: holds record {written!r} but the inputs give {found} there; "
                             "resume with the same inputs in the same order, or write to a new file")
    yield from it


class Progress:
    """Report a long batch's progress on standard error every few seconds, and a summary at the end."""

    def __init__(self, stream: TextIO, every: float = 2.0, skipped: int = 0) -> None:
        self.stream, self.every = stream, every
        self.start = self.last = time.monotonic()
        self.skipped, self.done, self.failed = skipped, 0, 0

    def step(self, failed: bool) -> None:
        """Count one processed record; print a line when the interval has passed."""
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.stream.write(f"khabar: {self.line(now)}\n")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        """Describe the progress so far: records, rate and failures."""
        elapsed = max((now or time.monotonic()) - self.start, 1e-9)
        resumed = f" (after {self.skipped:,} already written)" if self.skipped else ""
        return (f"{self.done:,} records{resumed}, {self.done / elapsed:,.0f}/s, "
                f"{self.failed:,} failed, {elapsed:,.0f} s")
