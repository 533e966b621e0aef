"""Process input records one by one: the call the CLI, the store and the web app share."""

from __future__ import annotations

from typing import Any

from khabar.errors import KhabarError
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
