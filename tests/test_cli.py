"""The command line, run as a real subprocess on real files."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "khabar" / "examples" / "gulf_port_deal.txt"


def khabar(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "khabar", *args], input=stdin, capture_output=True, timeout=120)


def test_extract_text_file_uses_stem_as_id() -> None:
    out = khabar("extract", str(EXAMPLE))
    assert out.returncode == 0, out.stderr.decode()
    rec = json.loads(out.stdout)
    assert rec["id"] == "gulf_port_deal"
    assert rec["dateline"]["place"] == "مسقط"
    for field in ("title", "body", "entities", "quotes", "amounts", "events"):
        assert field in rec


def test_broken_line_gives_error_record_and_batch_continues(tmp_path: Path) -> None:
    good = {"id": "a", "text": "أعلنت الوزارة اليوم بدء التسجيل.", "title": "t"}
    lines = [json.dumps(good, ensure_ascii=False), '{"id": "b", "text": "مكسور', json.dumps({"id": "c"}),
             json.dumps({"id": "d", "text": "English only text"}), json.dumps({**good, "id": "e"}, ensure_ascii=False)]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = khabar("extract", str(path), "-o", str(tmp_path / "out.jsonl"))
    assert out.returncode == 1
    recs = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["a", "line-2", "c", "d", "e"]
    assert "error" not in recs[0] and "error" not in recs[4]
    assert "broken JSON" in recs[1]["error"] and "batch.jsonl:2" in recs[1]["error"]
    assert "no text" in recs[2]["error"]
    assert "no Arabic" in recs[3]["error"]
    stderr = out.stderr.decode()
    assert "batch.jsonl:2" in stderr and "3 record(s) failed" in stderr


def test_stdin_gzip_and_windows_1256(tmp_path: Path) -> None:
    rec = {"id": "s", "text": "قال الوزير إن الاتفاق سيوقع قريبا.", "title": "t"}
    out = khabar("extract", "-", stdin=(json.dumps(rec, ensure_ascii=False) + "\n").encode())
    assert out.returncode == 0 and json.loads(out.stdout)["id"] == "s"
    gz = tmp_path / "in.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as f:
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    assert json.loads(khabar("extract", str(gz)).stdout)["id"] == "s"
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("عنوان\nقال الوزير إن الاتفاق سيوقع قريبا.".encode("cp1256"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + "عنوان\nقال الوزير إن الاتفاق سيوقع قريبا.".encode())
    for p in (legacy, bom):
        got = json.loads(khabar("extract", str(p)).stdout)
        assert got["title"] == "عنوان" and got["body"] == ["قال الوزير إن الاتفاق سيوقع قريبا."]


def test_pretty_prints_one_document() -> None:
    out = khabar("extract", "--pretty", str(EXAMPLE))
    assert out.stdout.startswith(b"{\n")
    assert json.loads(out.stdout)["id"] == "gulf_port_deal"


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    out = khabar("extract", str(tmp_path / "nope.jsonl"))
    assert out.returncode == 2
    assert "nope.jsonl: no such file" in out.stderr.decode()


@pytest.mark.parametrize("n", [200])
def test_corpus_sample_goes_through(shared_dir: Path, tmp_path: Path, n: int) -> None:
    src = shared_dir / "corpus" / "saudinewsnet.jsonl.gz"
    sample = tmp_path / "sample.jsonl"
    with gzip.open(src, "rt", encoding="utf-8") as f, sample.open("w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i >= n:
                break
            out.write(line)
    res = khabar("extract", str(sample), "-o", str(tmp_path / "o.jsonl"))
    recs = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(recs) == n
    errors = [r for r in recs if "error" in r]
    assert all("internal error" not in r["error"] for r in errors), errors
    assert res.returncode in (0, 1)


def _corpus_slice(shared_dir: Path, tmp_path: Path, n: int) -> Path:
    src = shared_dir / "corpus" / "saudinewsnet.jsonl.gz"
    with gzip.open(src, "rt", encoding="utf-8") as f:
        lines = [next(f) for _ in range(n)]
    path = tmp_path / "slice.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_resume_after_a_kill_gives_the_same_output(shared_dir: Path, tmp_path: Path) -> None:
    src = _corpus_slice(shared_dir, tmp_path, 40)
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    assert khabar("extract", str(src), "-o", str(full)).returncode == 0
    lines = full.read_bytes().splitlines(keepends=True)
    part.write_bytes(b"".join(lines[:15]) + lines[15][:100])  # what a kill mid-write leaves
    out = khabar("extract", str(src), "-o", str(part), "--resume", "--progress")
    assert out.returncode == 0, out.stderr.decode()
    assert part.read_bytes() == full.read_bytes()
    assert "after 15 already written" in out.stderr.decode()


def test_resume_refuses_other_inputs_and_keeps_the_output(shared_dir: Path, tmp_path: Path) -> None:
    src = _corpus_slice(shared_dir, tmp_path, 12)
    out_path = tmp_path / "out.jsonl"
    assert khabar("extract", str(src), "-o", str(out_path)).returncode == 0
    before = out_path.read_bytes()
    other = tmp_path / "other.jsonl"
    other.write_text("".join(src.read_text(encoding="utf-8").splitlines(keepends=True)[5:]), encoding="utf-8")
    out = khabar("extract", str(other), "-o", str(out_path), "--resume")
    assert out.returncode == 2
    assert "resume with the same inputs" in out.stderr.decode() and "out.jsonl:1" in out.stderr.decode()
    assert out_path.read_bytes() == before


def test_resume_needs_an_output_file() -> None:
    out = khabar("extract", str(EXAMPLE), "--resume")
    assert out.returncode == 2
    assert "-o FILE" in out.stderr.decode()


def test_progress_reports_records_and_rate(tmp_path: Path) -> None:
    out = khabar("extract", str(EXAMPLE), "-o", str(tmp_path / "o.jsonl"), "--progress")
    assert out.returncode == 0
    assert "done: 1 records" in out.stderr.decode() and "/s" in out.stderr.decode()
