"""The ordered stages every document goes through, and the one call that runs them."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from khabar.document import Document
from khabar.errors import InputError
from khabar.resources import Resources, default_resources
from khabar.stages import amounts, clean, dates, entities, events, quotes, text

Stage = Callable[[Document, Resources], Document]

# The order matters: each stage reads what the ones before it added.
STAGES: tuple[Stage, ...] = (
    clean.run,
    text.run,
    entities.run,
    quotes.run,
    amounts.run,
    dates.run,
    events.run,
)

METADATA_FIELDS = ("title", "url", "source", "date", "author")


def run(doc: Document, resources: Resources | None = None, stages: tuple[Stage, ...] = STAGES) -> Document:
    """Run the stages over a document, in order."""
    res = resources if resources is not None else default_resources()
    for stage in stages:
        doc = stage(doc, res)
    return doc


def extract(text: str, *, id: str = "doc", resources: Resources | None = None, **metadata: Any) -> Document:
    """Extract everything khabar knows how to find from one article's raw text.

    Args:
        text: the article as scraped (headline, furniture and all).
        id: the record id.
        resources: a resource cache; the process-wide one by default.
        **metadata: optional title, url, source, date (YYYY-MM-DD) and author; others go to extra.

    Returns:
        The Document with every stage's annotations.
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"record {id!r} has no text")
    known = {k: _clean_meta(metadata.pop(k, None)) for k in METADATA_FIELDS}
    doc = Document(id=str(id), text=text, extra=metadata, **known)
    return run(doc, resources)


# A short article touching every stage, so that warm_up loads every resource before a batch.
_WARM_UP_TEXT = "عنوان\nموسكو - رويترز\nقال الوزير إن روسيا وقعت أمس اتفاقا مع تركيا بقيمة 5 ملايين دولار."


def warm_up(resources: Resources | None = None) -> Resources:
    """Load every resource once and set the process up for a long batch; return the resources.

    The loaded tables are frozen out of garbage collection (gc.freeze), and the cyclic collector is
    switched off: a processed document leaves no reference cycle (test_pipeline checks it), so reference
    counting frees everything, and the collector's passes only walked the entries the memos keep (over
    12,000 corpus articles: 12 passes, nothing collected, 1.3 % of the time). The collector stays off in
    the calling process: call warm_up from batch jobs (extract, ingest workers, benchmarks), not from a
    long-lived server.
    """
    res = resources if resources is not None else default_resources()
    extract(_WARM_UP_TEXT, id="warm-up", resources=res)
    gc.collect()
    gc.freeze()
    gc.disable()
    return res


def _clean_meta(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
