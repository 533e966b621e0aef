"""The pipeline as a whole: stage order, and what a batch relies on (no reference cycles left behind)."""

from __future__ import annotations

import gc

from khabar import pipeline
from khabar.batch import process
from khabar.ingest import InputRecord
from khabar.output import to_record
from khabar.resources import default_resources


def test_stages_run_in_the_documented_order() -> None:
    names = [stage.__module__.rsplit(".", 1)[-1] for stage in pipeline.STAGES]
    assert names == ["clean", "text", "entities", "quotes", "amounts", "dates", "events"]


def test_processed_documents_leave_no_reference_cycles(seed_text: str, corpus_sample: list[dict]) -> None:
    # warm_up switches the cyclic collector off on the grounds that documents are freed by reference
    # counting alone; a cycle introduced in any stage would make a batch's memory grow without bound.
    res = default_resources()
    pipeline.extract(seed_text, resources=res)  # load the resources first: their objects live on
    texts = [seed_text] + [r["text"] for r in corpus_sample[:60] if (r.get("text") or "").strip()]
    # records as a batch reads them, a failing one among them (its error is caught and reported)
    records = [InputRecord(f"sample:{n}", str(n), {"id": str(n), "text": t}) for n, t in enumerate([*texts, "   "])]
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for text in texts:
            to_record(pipeline.extract(text, resources=res))
        outputs = [process(rec, res) for rec in records]
        leaked = gc.collect()
    finally:
        if was_enabled:
            gc.enable()
    assert leaked == 0
    assert "error" in outputs[-1] and all("error" not in out for out in outputs[:-1])


def test_warm_up_loads_the_resources_and_switches_the_collector_off() -> None:
    gc.enable()
    resources = default_resources()
    try:
        assert pipeline.warm_up(resources) is resources
        assert not gc.isenabled()
    finally:
        gc.enable()
