"""Every packaged data file has a MANIFEST row whose checksum matches (refresh: python -m khabar.resources.manifest)."""

from __future__ import annotations

from khabar.resources import read_manifest
from khabar.resources.manifest import check


def test_manifest_matches_data_files() -> None:
    assert check() == []


def test_manifest_rows_name_source_and_licence() -> None:
    for name, row in read_manifest().items():
        assert row["version"], name
        assert row["source"] and row["licence"], name
