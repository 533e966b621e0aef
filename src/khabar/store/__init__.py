"""The khabar store: an SQLite database of extracted articles, searchable and queryable.

Writers go through `open_store` (one connection, in the ingesting process); readers, such as the
web app, through `open_readonly`. The query functions return plain dicts.
"""

from khabar.store.db import DEFAULT_DB, SCHEMA_VERSION, open_readonly, open_store

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "open_readonly", "open_store"]
