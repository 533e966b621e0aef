"""A bounded memo for per-word results that a long batch keeps computing for new words."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """A dict of results per word (or name) that is emptied when it reaches its limit.

    Corpus vocabularies keep growing, so a memo needs a bound; emptying it is the cheapest bound, and
    the frequent words come back within a few articles. Look-ups stay plain dict look-ups.
    """

    __slots__ = ("limit",)

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: K, value: V) -> V:
        """Store a result (emptying the memo first when it is full) and return it."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


class AgedMemo(Memo[K, V]):
    """A memo that, when full, keeps its entries as an older generation instead of dropping them.

    A result asked for again after the emptying comes back from the older generation (and is kept
    anew) instead of being recomputed, so the frequent entries survive every emptying; at most twice
    the limit is held. Worth it where recomputing costs much more than a second look-up.
    """

    __slots__ = ("older",)

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.older: dict[K, V] = {}

    def keep(self, key: K, value: V) -> V:
        """Store a result (making the memo the older generation first when it is full) and return it."""
        if len(self) >= self.limit:
            self.older = dict(self)
            self.clear()
        self[key] = value
        return value

    def recall(self, key: K) -> V | None:
        """Return the older generation's result for a key missing from the memo (kept anew), or None."""
        value = self.older.get(key)
        return None if value is None else self.keep(key, value)
