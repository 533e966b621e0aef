"""Seed event_triggers.tsv with verbs and verb-object patterns from the UniversalPetrarch Arabic CAMEO dictionary.

    python -m khabar.build.event_lexicon --shared ../shared

The dictionary lists lemmatised verbs in blocks (`--- راجع [---] ---`) with patterns
(`- * صفقة [031]`) giving the CAMEO code of the verb followed by an object noun. Only patterns whose
object is one plain word are read, joined to the block's own verb (`رفض اتفاق`), and kept where
they refine a hand-written trigger verb of the same PLOVER type (see derived_rows). The codes the
dictionary gives to bare verbs are not used: on the corpus they code common verbs (اعلن، اكد) as
events. CAMEO codes are mapped to PLOVER with cameo_plover.tsv. Derived rows are marked
`upetrarch`; the hand-written rows of the file are kept as they are and win over derived rows of
the same form, and a hand-written row with PLOVER `-` vetoes a derived form.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path

from khabar.arabic import normalize
from khabar.resources import data_dir, iter_tsv
from khabar.stages.event_lexicon import CAMEO_PLOVER, TRIGGERS, plover_of

SOURCE = Path("resources") / "universalpetrarch-arabic" / "CAMEO.ar.0.5.txt"
ORIGIN = "upetrarch"
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([0-9-]+)\]\s+---")
_PATTERN = re.compile(r"^-\s*\*\s*([\u0621-\u064A\u064B-\u0652]+)\s*\[([0-9]+)\]")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064A]{3,}$")


def parse(lines: Iterable[str]) -> list[tuple[str, str]]:
    """Return (pattern, CAMEO code) pairs: coded verbs, and verb + object-noun patterns."""
    out: list[tuple[str, str]] = []
    in_verbs = False
    verbs: list[str] = []
    for raw in lines:
        line = raw.strip()
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs or not line or line.startswith("#"):
            continue
        block = _BLOCK.match(line)
        if block:
            head = _clean(block.group(1).replace("+", " "))
            verbs = [head] if all(_ARABIC_WORD.match(w) for w in head.split()[:1]) else []
            continue
        m = _PATTERN.match(line)
        if m:
            noun = _clean(m.group(1))
            if noun and _ARABIC_WORD.match(noun) and verbs:
                out.append((f"{verbs[0]} {noun}", m.group(2)))  # the block's own verb only
            continue
    return out


def _clean(word: str) -> str:
    return " ".join(normalize(word).replace("_", " ").split())


def derived_rows(pairs: Iterable[tuple[str, str]], table: dict[str, str], hand: list[list[str]]) -> list[list[str]]:
    """Turn (pattern, CAMEO) pairs into trigger rows that refine a hand-written verb of the same PLOVER type.

    A pattern is kept only when its verb is a hand-written trigger verb and the pattern's code maps
    to that verb's PLOVER type (رفض اتفاق REJECT 120, قتل هجوم ASSAULT 193): the dictionary then
    contributes a finer CAMEO code, and the pattern keeps the verb's target and flags. Elsewhere its
    patterns code common verbs (عمل، آخر، نشر) and were wrong on the corpus far more often than right.
    """
    verbs = {r[0]: r for r in hand if (r + [""] * 8)[1] == "v" and " " not in r[0] and r[3] != "-"}
    rows: dict[str, list[str]] = {}
    for pattern, cameo in pairs:
        plover = plover_of(cameo, table)
        verb = verbs.get(pattern.split(" ")[0])
        if plover is None or verb is None or verb[3] != plover or pattern in rows or " " not in pattern:
            continue
        rows[pattern] = [pattern, "v", verb[2], plover, cameo, verb[5], verb[6], ORIGIN]
    return [rows[k] for k in sorted(rows)]


def build(shared: Path, out: Path) -> tuple[int, int]:
    """Rewrite the trigger file: hand-written rows kept, derived rows regenerated. Returns (hand, derived)."""
    text = out.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    columns, body = rows[0], rows[1:]
    hand = [r for r in body if (r + [""] * 8)[7] != ORIGIN]
    taken = {r[0] for r in hand}
    table = {r[0]: r[1] for r in list(iter_tsv(CAMEO_PLOVER))[1:]}
    pairs = parse((shared / SOURCE).read_text(encoding="utf-8").splitlines())
    derived = [r for r in derived_rows(pairs, table, hand) if r[0] not in taken]
    lines = header + ["\t".join(columns)] + ["\t".join((r + [""] * 8)[:8]) for r in hand + derived]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(hand), len(derived)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: rebuild event_triggers.tsv from the shared CAMEO dictionary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared data folder")
    parser.add_argument("--out", type=Path, default=data_dir() / TRIGGERS, help="the trigger file to rewrite")
    args = parser.parse_args(argv)
    hand, derived = build(args.shared, args.out)
    print(f"{args.out}: {hand} hand-written rows, {derived} derived from {SOURCE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
