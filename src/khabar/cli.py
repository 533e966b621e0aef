"""The khabar command line: parses arguments, calls the library, sets exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

import msgspec

from khabar.batch import Progress, process, skip_written, written_ids
from khabar.errors import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, InputError, KhabarError
from khabar.ingest import InputRecord, read_inputs
from khabar.pipeline import warm_up
from khabar.resources import default_resources
from khabar.store_cli import add_store_commands
from khabar.web_cli import add_web_commands


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract records from the inputs and write JSONL (or one pretty JSON document)."""
    resources = warm_up(default_resources())
    records: Iterable[InputRecord] = read_inputs(args.inputs)
    to_file = args.output not in (None, "-")
    skipped = 0
    if args.resume:
        if not to_file or args.pretty:
            raise InputError("--resume continues a JSONL output file: give it with -o FILE (and no --pretty)")
        ids = written_ids(Path(args.output))
        skipped = len(ids)
        records = skip_written(records, ids, Path(args.output))
    show = sys.stderr.isatty() if args.progress is None else args.progress
    progress = Progress(sys.stderr, skipped=skipped) if show else None
    out: IO[bytes] = open(args.output, "ab" if args.resume else "wb") if to_file else sys.stdout.buffer
    failed = 0
    pretty: list[dict] = []
    try:
        for rec in records:
            result = process(rec, resources)
            error = "error" in result
            if error:
                failed += 1
                print(f"khabar: {result['error']}", file=sys.stderr)
            if args.pretty:
                pretty.append(result)
            else:
                out.write(msgspec.json.encode(result) + b"\n")
            if progress is not None:
                progress.step(error)
        if args.pretty:
            doc = pretty[0] if len(pretty) == 1 else pretty
            out.write(msgspec.json.format(msgspec.json.encode(doc), indent=2) + b"\n")
    finally:
        if out is not sys.stdout.buffer:
            out.close()
        else:
            out.flush()
    if progress is not None:
        print(f"khabar: done: {progress.line()}", file=sys.stderr)
    if failed:
        print(f"khabar: {failed} record(s) failed; see the error fields", file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


def cmd_train_ner(args: argparse.Namespace) -> int:
    """Train the entity tagger on NewsFANE Gold and write the model file."""
    try:
        from khabar.ner.train import train_ner
    except ModuleNotFoundError as e:
        raise KhabarError(f"train-ner needs {e.name}: pip install 'khabar[train]'") from e

    metrics = train_ner(Path(args.corpus), Path(args.out), holdout=args.holdout, seed=args.seed)
    print(msgspec.json.format(msgspec.json.encode(metrics), indent=2).decode())
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="khabar", description="Arabic news to structured event data.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract article records from text or JSONL inputs")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="a UTF-8 .txt article (id = file stem), a .jsonl or .jsonl.gz file, or - for JSONL on stdin")
    p.add_argument("-o", "--output", help="output JSONL file (default: standard output)")
    p.add_argument("--pretty", action="store_true", help="print one indented JSON document instead of JSONL")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run: keep the records already in -o FILE, process the rest")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="report progress on standard error every 2 s (default: when it is a terminal)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("train-ner", help="train the statistical entity tagger on NewsFANE Gold")
    p.add_argument("--corpus", required=True, help="NewsFANE_Gold_2014_170K.txt")
    p.add_argument("--out", required=True, help="where to write the model file")
    p.add_argument("--holdout", type=float, default=0.2, help="share of sentences held out for evaluation")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=cmd_train_ner)

    add_store_commands(sub)
    add_web_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KhabarError as e:
        print(f"khabar: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
