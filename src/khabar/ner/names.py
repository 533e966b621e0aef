"""Name-list tags of words (person, place, organisation parts), a feature of the entity tagger.

The list ships as `ner_names.tsv` (word, space-separated tags), built by `build_names` from the
NERAr dictionaries (BSD-2, Gahbiche-Braham et al. 2014). Tags: P1 first word of a person's
name, P2 a later word of one, L a one-word place, L2 a word of a longer place name, O a one-word
organisation, O2 a word of a longer one. The CRF learns how far to trust each tag, so the
lists' noise (transliterations with letters dropped, a few common words) costs little.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from khabar.arabic import normalize, tokenize
from khabar.ner.features import Names
from khabar.resources import iter_tsv

NAMES_FILE = "ner_names.tsv"

# NERAr dictionary files (in Arabic script) and the entity type each one lists.
_SOURCES = (
    ("dico-mono-PERS.ar.txt", "P"),
    ("dico-bi-ar-fr.PERS.ar.txt", "P"),
    ("dico-mono-LOC.ar.txt", "L"),
    ("dico-bi-ar-fr.LOC.ar.txt", "L"),
    ("dico-mono-ORG.ar.txt", "O"),
    ("dico-bi-ar-fr.ORG.ar.txt", "O"),
)
_MAX_NAME_WORDS = 6  # longer entries are descriptions or titles, not names
_MIN_WORD = 2


def _is_arabic_word(word: str) -> bool:
    # a leading hamza is an artefact of the lists' transliteration (ءد), never a name's start
    return word[0] != "ء" and all("\u0621" <= ch <= "\u064a" for ch in word)


def name_tags(name: str, kind: str) -> list[tuple[str, str]]:
    """Return the (word, tag) pairs one list entry contributes."""
    name = name.split("(", 1)[0]  # "خنيفره (البلديه)": the bracket qualifies, it is not the name
    words = [t.norm for t in tokenize(normalize(name)) if t.kind == "word"]
    if not words or len(words) > _MAX_NAME_WORDS:
        return []
    out = []
    for k, word in enumerate(words):
        if len(word) < _MIN_WORD or not _is_arabic_word(word):
            continue
        if kind == "P":
            tag = "P1" if k == 0 else "P2"
        else:
            tag = kind if len(words) == 1 else kind + "2"
        out.append((word, tag))
    return out


def build_names(nerar_dir: Path, out: Path) -> int:
    """Write the name-list file from the NERAr dictionaries; return the number of words."""
    tags: dict[str, set[str]] = {}
    script_dir = nerar_dir / "arabic_script"
    for file_name, kind in _SOURCES:
        text = (script_dir / file_name).read_text(encoding="utf-8", errors="replace")
        for line in text.splitlines():
            for word, tag in name_tags(line.split("\t", 1)[0], kind):
                tags.setdefault(word, set()).add(tag)
    rows = [
        "# Words of person, place and organisation names with their tags (P1 P2 L L2 O O2).",
        "# Derived by khabar.ner.names from NERAr (github.com/SouhirG/NERAr), BSD-2-Clause.",
    ]
    rows += [f"{word}\t{' '.join(sorted(t))}" for word, t in sorted(tags.items())]
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(tags)


def load_names() -> Names:
    """Read the packaged name-list file into a word → tags mapping."""
    return {row[0]: tuple(row[1].split()) for row in iter_tsv(NAMES_FILE)}


def main(argv: list[str] | None = None) -> int:
    """Build the name-list file from the command line."""
    parser = argparse.ArgumentParser(prog="python -m khabar.ner.names", description=build_names.__doc__)
    parser.add_argument("--nerar", type=Path, required=True, help="the NERAr folder (with arabic_script/)")
    parser.add_argument("--out", type=Path, required=True, help="ner_names.tsv to write")
    args = parser.parse_args(argv)
    print(f"{build_names(args.nerar, args.out)} words written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
