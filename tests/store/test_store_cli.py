"""The store subcommands, run through their argument parser as a user runs them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from khabar.cli import main
from khabar.errors import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_then_stats(corpus_writer: Callable[[Path, int, int], int], tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "c.jsonl"
    with_text = corpus_writer(src, 40, 670)
    db = str(tmp_path / "k.db")
    code, out, err = _run(capsys, "ingest", str(src), "--db", db, "--workers", "1", "--json")
    assert code == EXIT_SOME_FAILED  # this stretch has records without text
    report = json.loads(out)
    assert report["new"] == with_text
    assert "has no text" in err
    assert "khabar stats" in err
    code, out, _ = _run(capsys, "stats", "--db", db, "--json", "--failures", "5")
    assert code == EXIT_OK
    s = json.loads(out)
    assert s["articles"] == with_text
    assert s["failures"] == 40 - with_text
    assert len(s["failure_list"]) == min(5, 40 - with_text)
    code, out, _ = _run(capsys, "ingest", str(src), "--db", db, "--workers", "1", "--quiet")
    assert code == EXIT_OK  # nothing failed in this run: the known failures were not tried again
    assert f"{with_text} unchanged" in out


def test_stats_table(hand_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "stats", "--db", str(hand_store), "--duplicates")
    assert code == EXIT_OK
    assert "articles" in out and "duplicate_groups" in out
    assert "group of 2:" in out
    assert "hand-sanction-copy" in out


def test_search_command(hand_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "search", "الأمريكي", "--db", str(hand_store))
    assert code == EXIT_OK
    assert "2 article(s) match" in out
    assert "[الأميركي]" in out
    code, out, _ = _run(capsys, "search", "عقوبات", "--db", str(hand_store), "--json", "--source", "paper")
    data = json.loads(out)
    assert data["total"] == 1
    assert data["results"][0]["id"] == "hand-sanction-copy"


def test_events_command(hand_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "events", "--db", str(hand_store), "--source", "USA", "--target", "TUR")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["date", "type", "source", "target"]
    assert len(lines) == 2 and "SANCTION" in lines[1]
    code, out, _ = _run(capsys, "events", "--db", str(hand_store), "--by", "type", "--json")
    counts = {r["type"]: r["events"] for r in json.loads(out)}
    assert counts["SANCTION"] == 1
    code, out, _ = _run(capsys, "events", "--db", str(hand_store), "--by", "pair")
    assert "USA" in out and "reports" in out
    code, out, _ = _run(capsys, "events", "--db", str(hand_store), "--type", "ASSAULT")
    assert out.strip() == "(nothing)"


def test_entities_command(hand_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "entities", "--db", str(hand_store), "--top", "2", "--json")
    assert code == EXIT_OK
    top = json.loads(out)
    assert [e["code"] for e in top] == ["TUR", "USA"]


def test_export_command(hand_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "out"
    code, out, _ = _run(capsys, "export", "--db", str(hand_store), "--format", "csv", "--out", str(out_dir),
                        "--tables", "events,gdelt_events")
    assert code == EXIT_OK
    assert sorted(p.name for p in out_dir.iterdir()) == ["events.csv", "gdelt_events.csv"]
    assert "9 rows" in out


def test_errors_are_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "stats", "--db", str(tmp_path / "missing.db"))
    assert code == EXIT_USAGE
    assert "no khabar store here" in err
    (tmp_path / "notes.txt").write_text("ليست قاعدة بيانات", encoding="utf-8")
    code, _, err = _run(capsys, "search", "x", "--db", str(tmp_path / "notes.txt"))
    assert code == EXIT_USAGE
    assert "not a khabar database" in err
    code, _, err = _run(capsys, "ingest", str(tmp_path / "absent.jsonl"), "--db", str(tmp_path / "k.db"))
    assert code == EXIT_USAGE
    assert "absent.jsonl: no such file" in err
    assert not (tmp_path / "k.db").exists()
    with pytest.raises(SystemExit):
        main(["ingest", "x.jsonl", "--workers", "0"])
