"""Build places.txt, the place names a dateline may open with, from NERAr and GATE Arabic lists.

    python -m khabar.build.places --shared ../shared
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path

from khabar.arabic import normalize
from khabar.resources import data_dir, iter_tsv

# NERAr's place list is noisy (single letters, numbers, sports venues): keep names of at least
# three letters, made of Arabic letters and spaces, and at most three words.
_CLEAN_NAME = re.compile(r"^[\u0621-\u064A]+(?: [\u0621-\u064A]+){0,2}$")
_GATE_LISTS = ("city.lst", "city_world.lst", "country.lst", "country_world.lst")


def read_names(paths: Iterable[Path]) -> set[str]:
    """Read one name per line (first tab-separated column), normalised and filtered."""
    out: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            name = normalize(line.split("\t")[0].strip().replace("_", " "))
            name = " ".join(name.split())
            if len(name.replace(" ", "")) >= 3 and _CLEAN_NAME.match(name):
                out.add(name)
    return out


def non_place_words() -> set[str]:
    """Return the common words never seen inside a name (أمس، دولار), unless the entity gazetteer has them as places."""
    places = {row[0] for row in iter_tsv("places.tsv")}
    return {row[0] for row in iter_tsv("common_words.tsv")
            if row[0] != "word" and row[2] == "0" and row[3] == "0" and row[0] not in places}


def build(shared: Path, out: Path) -> int:
    """Write the sorted place list; return how many names it holds."""
    res = shared / "resources"
    names = read_names([res / "nerar" / "arabic_script" / "dico-mono-LOC.ar.txt"])
    names |= read_names(res / "gate-arabic" / "gazetteer" / name for name in _GATE_LISTS)
    names -= non_place_words()
    header = "# Place names (normalised) for dateline detection. Built by khabar.build.places from\n"
    header += "# NERAr dico-mono-LOC (BSD-2) and GATE Arabic city/country lists (LGPL-3 data); see NOTICE.\n"
    out.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    return len(names)


def main() -> None:
    """Parse arguments and build the file."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, required=True, help="the folder holding resources/")
    ap.add_argument("--out", type=Path, default=data_dir() / "places.txt")
    args = ap.parse_args()
    print(f"{build(args.shared, args.out)} places written to {args.out}")


if __name__ == "__main__":
    main()
