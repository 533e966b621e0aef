"""The `khabar serve` command: the web app and JSON API over a store, on a local port."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from khabar.errors import InputError
from khabar.store.db import DEFAULT_DB

DEFAULT_HOST = "127.0.0.1"  # loopback: the app has no login, so exposing it is an explicit choice
DEFAULT_PORT = 8000
MAX_WORKERS = 64


def cmd_serve(args: argparse.Namespace) -> int:
    """Open the store read-only and serve the app until interrupted."""
    if not 0 < args.port < 65536:
        raise InputError(f"--port {args.port}: give a port between 1 and 65535")
    import uvicorn

    from khabar.web.app import DB_ENV, create_app

    if not 1 <= args.workers <= MAX_WORKERS:
        raise InputError(f"--workers {args.workers}: give 1 to {MAX_WORKERS}")
    app = create_app(args.db)  # a missing or foreign database fails here, with the store's message
    print(f"khabar: serving {args.db} on http://{args.host}:{args.port}/ with {args.workers} worker(s)"
          " (Ctrl-C stops)", flush=True)
    options = {"host": args.host, "port": args.port, "log_level": args.log_level, "access_log": args.access_log}
    if args.workers == 1:
        uvicorn.run(app, **options)
    else:
        # worker processes build their own app (and read-only connections) from the store's path
        app.state.pool.close()
        os.environ[DB_ENV] = str(Path(args.db).resolve())
        uvicorn.run("khabar.web.app:create_app_from_env", factory=True, workers=args.workers, **options)
    return 0


def add_web_commands(sub: Any) -> None:
    """Add `khabar serve` to the subcommands of the khabar parser."""
    p = sub.add_parser("serve", help="serve the web app and JSON API over a store (read-only)")
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH",
                   help=f"the store made by `khabar ingest` (default {DEFAULT_DB})")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    p.add_argument("--workers", type=int, default=1,
                   help="server processes (default 1); each one uses a core and keeps its own caches")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"),
                   help="server log level")
    p.add_argument("--access-log", action=argparse.BooleanOptionalAction, default=True,
                   help="log every request (default on)")
    p.set_defaults(func=cmd_serve)
