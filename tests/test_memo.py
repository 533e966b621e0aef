"""The bounded memo the stages keep per-word results in."""

from __future__ import annotations

from khabar.memo import Memo


def test_memo_keeps_results_and_empties_itself_at_its_limit() -> None:
    memo: Memo[str, int] = Memo(3)
    assert memo.keep("روسيا", 1) == 1
    memo.keep("تركيا", 2)
    memo.keep("ايران", 3)
    assert memo.get("تركيا") == 2 and len(memo) == 3
    assert memo.keep("مصر", 4) == 4  # full: emptied first, then stored
    assert dict(memo) == {"مصر": 4}
