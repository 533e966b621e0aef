"""Refresh the sha256 column of MANIFEST.tsv after a data file was deliberately changed.

    python -m khabar.resources.manifest          # rewrite checksums of listed files
    python -m khabar.resources.manifest --check  # exit 1 when a file and its row disagree
"""

from __future__ import annotations

import argparse
import sys

from khabar.resources import MANIFEST, data_dir, sha256_of

COLUMNS = ("name", "version", "sha256", "source", "licence")


def check() -> list[str]:
    """Return the problems: files without a row, rows without a file, checksums that differ."""
    folder = data_dir()
    rows = _rows()
    problems = []
    listed = {r["name"] for r in rows}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name != MANIFEST and path.name not in listed:
            problems.append(f"{path.name}: no MANIFEST row")
    for r in rows:
        path = folder / r["name"]
        if not path.exists():
            problems.append(f"{r['name']}: listed but missing")
        elif sha256_of(path) != r["sha256"]:
            problems.append(f"{r['name']}: sha256 differs from MANIFEST")
    return problems


def refresh() -> int:
    """Rewrite the checksum of every listed file that exists; return how many changed."""
    folder = data_dir()
    rows = _rows()
    changed = 0
    for r in rows:
        path = folder / r["name"]
        if path.exists():
            digest = sha256_of(path)
            changed += digest != r["sha256"]
            r["sha256"] = digest
    lines = ["\t".join(COLUMNS)] + ["\t".join(r[c] for c in COLUMNS) for r in rows]
    (folder / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def _rows() -> list[dict[str, str]]:
    text = (data_dir() / MANIFEST).read_text(encoding="utf-8").splitlines()
    header = text[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in text[1:] if line.strip()]


def main() -> None:
    """Check or refresh the manifest."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if args.check:
        problems = check()
        print("\n".join(problems) or "MANIFEST matches the data files")
        sys.exit(1 if problems else 0)
    print(f"{refresh()} checksum(s) updated")


if __name__ == "__main__":
    main()
