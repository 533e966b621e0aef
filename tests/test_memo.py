"""The bounded memo the stages keep per-word results in."""

from __future__ import annotations

from khabar.memo import AgedMemo, Memo


def test_memo_keeps_results_and_empties_itself_at_its_limit() -> None:
    memo: Memo[str, int] = Memo(3)
    assert memo.keep("روسيا", 1) == 1
    memo.keep("تركيا", 2)
    memo.keep("ايران", 3)
    assert memo.get("تركيا") == 2 and len(memo) == 3
    assert memo.keep("مصر", 4) == 4  # full: emptied first, then stored
    assert dict(memo) == {"مصر": 4}


def test_aged_memo_brings_back_results_kept_before_its_emptying() -> None:
    memo: AgedMemo[str, int] = AgedMemo(2)
    memo.keep("روسيا", 1)
    memo.keep("تركيا", 2)
    memo.keep("ايران", 3)  # full: the two become the older generation
    assert dict(memo) == {"ايران": 3}
    assert memo.get("روسيا") is None and memo.recall("روسيا") == 1
    assert memo.get("روسيا") == 1  # kept anew
    assert memo.recall("مصر") is None
    memo.keep("مصر", 4)  # full again: the older generation is now the second one
    assert memo.recall("تركيا") is None and memo.recall("ايران") == 3
