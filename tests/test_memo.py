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


def test_a_memo_keeping_its_previous_contents_recalls_them_once_emptied() -> None:
    memo: Memo[str, int] = Memo(2, keep_previous=True)
    memo.keep("روسيا", 1)
    memo.keep("تركيا", 2)
    memo.keep("مصر", 3)  # full: emptied, the two before kept as the previous contents
    assert memo.get("روسيا") is None and memo.recall("روسيا") == 1
    assert memo.get("روسيا") == 1  # stored again
    assert memo.recall("ليبيا") is None
    memo.keep("ليبيا", 4)  # full again: the previous contents are now what was just emptied
    assert memo.recall("تركيا") is None and memo.recall("مصر") == 3
    plain: Memo[str, int] = Memo(1)
    plain.keep("روسيا", 1)
    plain.keep("تركيا", 2)
    assert plain.recall("روسيا") is None
