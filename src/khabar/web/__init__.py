"""The khabar web app: Arabic pages and a JSON API over a store, read-only (`khabar serve`)."""
