"""House style that a test can check: ruff clean, no unfinished markers, no file reads of ../shared in the package."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "khabar"


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    out = subprocess.run([ruff, "check", "src", "tests", "benchmarks"], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_no_unfinished_markers_in_the_package() -> None:
    marker = re.compile(r"\b(TODO|FIXME|XXX)\b|NotImplementedError")
    offenders = [f"{p.relative_to(REPO)}:{n}" for p in PACKAGE.rglob("*.py")
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if marker.search(line)]
    assert offenders == []


def test_the_package_never_reads_shared_at_run_time() -> None:
    # Only khabar's build scripts take ../shared as an argument; stages ship their data in the package.
    offenders = [str(p.relative_to(REPO)) for p in PACKAGE.rglob("*.py")
                 if "build" not in p.parts and "shared/" in p.read_text(encoding="utf-8")]
    assert offenders == []
