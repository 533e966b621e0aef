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
