"""khabar's exceptions, each with a numbered code so messages can be searched for, and its exit statuses."""

from __future__ import annotations

EXIT_OK = 0
EXIT_SOME_FAILED = 1  # the run finished but some records failed (error records, or the store's failures table)
EXIT_USAGE = 2  # bad arguments, unreadable input files, a store that cannot be opened
EXIT_INTERRUPTED = 130  # the shell's code for Ctrl-C


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
