"""khabar's exceptions. Each carries a numbered code so messages can be searched for."""

from __future__ import annotations


class KhabarError(Exception):
    """Base of every error khabar raises on purpose."""

    code = "K000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class InputError(KhabarError):
    """An input record or file that cannot be processed (bad JSON, no text, no Arabic, bad encoding)."""

    code = "K100"


class ResourceError(KhabarError):
    """A packaged data file that is missing, corrupt or does not match its manifest."""

    code = "K200"


class StoreError(KhabarError):
    """A database that cannot be opened, migrated or written."""

    code = "K300"
