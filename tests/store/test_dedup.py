"""Near-duplicates: copies of one story are found, different stories are not."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from khabar.store.dedup import BANDS, band_keys, copy_score, resemblance, signature


def _articles(shared: Path, n: int) -> list[tuple[str, str]]:
    """Return (id, text) of the first n corpus articles longer than 150 words."""
    out = []
    with gzip.open(shared / "corpus" / "saudinewsnet.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec.get("text") or ""
            if len(text.split()) > 150:
                out.append((rec["id"], text))
            if len(out) >= n:
                break
    return out


def _bodies(shared: Path, n: int) -> list[str]:
    return [text for _, text in _articles(shared, n)]


def test_short_text_has_no_signature() -> None:
    assert signature("خبر قصير من سطر واحد") is None


def test_signature_is_stable_across_processes() -> None:
    # crc32, not Python's salted hash(): stores written by different runs must agree
    sig = signature(" ".join(f"كلمة{i}" for i in range(40)))
    assert sig is not None
    assert sig.hex()[:16] == signature(" ".join(f"كلمة{i}" for i in range(40))).hex()[:16]
    assert len(band_keys(sig)) == BANDS


def test_edited_copy_is_a_copy(shared_dir: Path) -> None:
    body = _bodies(shared_dir, 1)[0]
    words = body.split()
    # another paper's version: its own opening, one sentence dropped, a few words changed
    copy = " ".join(["أفادت", "مصادر", "صحفية", "أن", *words[:60], *words[75:]])
    copy = copy.replace("في", "فى", 3)
    a, b = signature(body), signature(copy)
    assert a is not None and b is not None
    assert copy_score(a, b) is not None
    assert resemblance(a, a) == 1.0


def test_trimmed_copy_is_a_copy(shared_dir: Path) -> None:
    body = _bodies(shared_dir, 1)[0]
    words = body.split()
    trimmed = " ".join(words[: len(words) // 3])  # a paper that ran only the first third
    a, b = signature(body), signature(trimmed)
    assert a is not None and b is not None
    assert copy_score(a, b) is not None


# Two write-ups of one UAE decree in one paper: different openings, the same reported facts.
SAME_STORY = ("snn-2015-07-21-0034", "snn-2015-07-21-0049")


def test_different_stories_are_not_copies(shared_dir: Path) -> None:
    articles = _articles(shared_dir, 40)
    sigs = {doc_id: signature(text) for doc_id, text in articles}
    linked = {(a, b) for a in sigs for b in sigs
              if a < b and sigs[a] and sigs[b] and copy_score(sigs[a], sigs[b]) is not None}
    assert linked == {SAME_STORY}
