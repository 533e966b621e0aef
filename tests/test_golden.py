"""Golden tests: each tests/golden/<stage>/<case>.in runs through khabar and must give <case>.expected.json.

Rewrite the expected files after a deliberate change with `KHABAR_UPDATE_GOLDEN=1 pytest tests/test_golden.py`
and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from khabar import extract, to_record

GOLDEN = Path(__file__).parent / "golden"
# Fields a golden case pins per stage folder: only what that stage is responsible for.
FIELDS = {
    "clean": ("title", "dateline", "bylines", "body", "captions", "word_count", "reading_minutes"),
}
CASES = sorted(GOLDEN.glob("*/*.in"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_golden(case: Path) -> None:
    meta_path = case.with_suffix(".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    record = to_record(extract(case.read_text(encoding="utf-8"), id=case.stem, **meta))
    got = {k: record[k] for k in FIELDS[case.parent.name]}
    expected_path = case.with_suffix(".expected.json")
    if os.environ.get("KHABAR_UPDATE_GOLDEN") or not expected_path.exists():
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))
