"""Build the entity gazetteers from the shared resources, babel/pycountry and the hand-written tables.

Run as ``python -m khabar.build.gazetteers --shared ../shared``. It reads the hand-written tables in the
package's data folder (states_hand.tsv, places_hand.tsv, entity_cues.tsv, name_stops.tsv) and the shared
resources, and writes states.tsv, places.tsv, persons.tsv, first_names.tsv and common_words.tsv next to them.
The pipeline never runs this.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from khabar.arabic import PRONOUN_SUFFIXES, normalize, suffix_stems
from khabar.resources import data_dir

# Buckwalter letters of the NERAr dictionaries; marks (a u i o ~ F N K `) are dropped. Entries with the
# Persian letters P G J V or unexplained Latin letters are Persian-Wikipedia noise and are skipped.
_BUCKWALTER = {
    "A": "ا", "b": "ب", "t": "ت", "v": "ث", "j": "ج", "H": "ح", "x": "خ", "d": "د", "*": "ذ", "r": "ر",
    "z": "ز", "s": "س", "$": "ش", "S": "ص", "D": "ض", "T": "ط", "Z": "ظ", "E": "ع", "g": "غ", "f": "ف",
    "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن", "h": "ه", "w": "و", "y": "ي", "'": "ء", "p": "ة",
    "Y": "ى", "|": "آ", ">": "أ", "<": "إ", "&": "ؤ", "}": "ئ", " ": " ",
}
_BW_MARKS = set("auio~FNK`_")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064A]+$")
_PARTICLES = {"بن", "ابن", "بنت", "ابو", "ابي", "ام", "ال", "عبد", "سيدي", "اولاد", "بني"}

# NERAr and GATE entries shorter than this (in letters) are too often particles or abbreviations.
MIN_LETTERS = 3
# A NERAr first token becomes a first name when it opens at least this many person entries.
FIRST_NAME_MIN_ENTRIES = 3
# A NewsFANE word is listed when tagged O at least this often (rarer words say little).
COMMON_MIN_COUNT = 2
# Pronoun suffixes that mark a one-word NERAr place on a common stem as a noun (داخله، خارجه). NERAr spells ة as h,
# so a few real places in ة are dropped with them (ميلة، ديرة): places_hand.tsv lists those. نا is left out: it ends
# foreign place names (كيلونا).
_PLACE_SUFFIXES = tuple(s for s in PRONOUN_SUFFIXES if s != "نا")
# A NewsFANE word seen outside names this often is a function or very common word: no entry opens with it.
FUNCTION_WORD_MIN_COUNT = 20
# NewsFANE's fine classes of people.
_PERSON_CLASSES = {"Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist", "Businessperson",
                   "Lawyer", "Engineer"}


def buckwalter_to_arabic(text: str) -> str | None:
    """Convert a normalised-Buckwalter entry to Arabic letters, or None when it holds foreign letters."""
    out = []
    for ch in text:
        if ch in _BW_MARKS:
            continue
        mapped = _BUCKWALTER.get(ch)
        if mapped is None:
            return None
        out.append(mapped)
    return " ".join("".join(out).split()) or None


def read_list(path: Path) -> list[str]:
    """Read a one-entry-per-line list, without BOM, blanks or surrounding spaces."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    return [line.strip().lstrip("\ufeff") for line in text.splitlines() if line.strip()]


def is_clean_name(norm: str) -> bool:
    """Tell whether a normalised entry is made of Arabic words of reasonable length."""
    words = norm.split()
    return bool(words) and all(_ARABIC_WORD.match(w) for w in words) and len(norm.replace(" ", "")) >= MIN_LETTERS


# ---------------------------------------------------------------- NewsFANE: common words


def newsfane_counts(shared: Path) -> dict[str, list[int]]:
    """Count each normalised word of the NewsFANE gold corpus outside entities, inside persons, inside others."""
    counts: dict[str, list[int]] = {}
    path = shared / "resources" / "newsfane-gold" / "NewsFANE_Gold_2014_170K.txt"
    with path.open(encoding="utf-8-sig", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) != 2 or not parts[0].strip():
                continue
            word = normalize(parts[0].strip())
            if not _ARABIC_WORD.match(word):
                continue
            tag = parts[1]
            slot = 0 if tag == "O" else 1 if tag[2:] in _PERSON_CLASSES else 2
            counts.setdefault(word, [0, 0, 0])[slot] += 1
    return counts


def common_words(counts: dict[str, list[int]]) -> list[tuple[str, int, int, int]]:
    """Return the words seen outside entities often enough to matter, with their three counts."""
    rows = [(w, o, p, e) for w, (o, p, e) in counts.items() if o >= COMMON_MIN_COUNT and len(w) >= 2]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return rows


def is_common(counts: dict[str, list[int]], word: str) -> bool:
    """Tell whether a word is mostly used outside names (a place or name entry made of it is noise)."""
    o, p, e = counts.get(word, (0, 0, 0))
    return o >= COMMON_MIN_COUNT and o >= p + e


# ---------------------------------------------------------------- NERAr


def nerar_entries(shared: Path, kind: str) -> Iterator[str]:
    """Yield the normalised Arabic entries of one NERAr class (PERS, LOC, ORG), mono and bilingual lists."""
    base = shared / "resources" / "nerar"
    seen: set[str] = set()
    for name in (f"dico-mono-{kind}.norm", f"dico-bi-ar-fr.{kind}.norm"):
        with (base / name).open(encoding="utf-8", errors="replace") as f:
            for line in f:
                arabic = buckwalter_to_arabic(line.split("\t")[0].strip())
                if arabic is None:
                    continue
                norm = normalize(arabic)
                if norm not in seen and is_clean_name(norm):
                    seen.add(norm)
                    yield norm


def build_persons(shared: Path, common: set[str], titles: set[str], barred: set[str]) -> tuple[list[str], Counter[str]]:
    """Return multi-word NERAr person names without common or barred words, and how often each first token opens one."""
    persons = []
    firsts: Counter[str] = Counter()
    for norm in nerar_entries(shared, "PERS"):
        words = norm.split()
        if not 2 <= len(words) <= 4 or any(len(w) < 2 or w in barred for w in words) or words[0] in titles:
            continue
        if sum(w in common for w in words) > len(words) // 2:
            continue
        persons.append(norm)
        firsts[words[0]] += 1
    persons.sort()
    return persons, firsts


# ---------------------------------------------------------------- states and places


def cldr_names() -> dict[str, tuple[str, list[str]]]:
    """Return ISO3 -> (CLDR Arabic short name, official names from pycountry's Arabic ISO 3166 translation)."""
    import gettext

    import pycountry
    from babel import Locale

    territories = Locale("ar").territories
    try:
        iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
        translate = iso.gettext
    except OSError:
        def translate(s: str) -> str:
            return s
    out: dict[str, tuple[str, list[str]]] = {}
    for country in pycountry.countries:
        name = territories.get(country.alpha_2)
        if not name:
            continue
        official = [translate(n) for n in (country.name, getattr(country, "official_name", None)) if n]
        out[country.alpha_3] = (name, [o for o in official if re.search("[\u0621-\u064A]", o)])
    return out


def adjective_forms(base: str) -> list[str]:
    """Inflect a nationality adjective (روسي): feminine, plurals and duals, each with and without ال."""
    forms = [base, base + "ه", base + "ون", base + "ين", base + "ان", base + "تان", base + "تين", base + "ات"]
    return forms + ["ال" + f for f in forms]


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


def read_hand(name: str) -> list[dict[str, str]]:
    """Read a hand-written TSV with a header line (after # comments) into dicts."""
    path = data_dir() / name
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        rows.append({h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)})
    return rows


def build_states_and_places(
    cldr: dict[str, tuple[str, list[str]]],
) -> tuple[list[list[str]], list[list[str]]]:
    """Merge the hand-written state facts with CLDR names; return state rows and place rows."""
    hand_places = read_hand("places_hand.tsv")
    place_keys = {normalize(v) for r in hand_places for v in [r["name"], *_split(r["variants"])]}
    states: list[list[str]] = []
    places: list[list[str]] = []
    used: set[str] = set(place_keys)
    for row in read_hand("states_hand.tsv"):
        iso3 = row["iso3"]
        cldr_name, official = cldr.get(iso3, ("", []))
        name = row["name"] or cldr_name
        variants = []
        for v in [name, *_split(row["variants"]), cldr_name, *official]:
            n = normalize(v).replace("(", "").replace(")", "").strip()
            n = " ".join(n.split())
            if n and n not in used and n not in variants:
                variants.append(n)
        used.update(variants)
        adjectives: list[str] = []
        for base in _split(row["adjectives"]):
            adjectives += adjective_forms(normalize(base))
        for plural in _split(row["plurals"]):
            adjectives += [normalize(plural), "ال" + normalize(plural)]
        states.append([iso3, name, ";".join(variants), ";".join(dict.fromkeys(adjectives))])
        for kind, cell in (("capital", row["capitals"]), ("city", row["cities"])):
            for place in _split(cell):
                key = normalize(place)
                if key in used:
                    continue
                used.add(key)
                places.append([key, place, kind, iso3, "", "hand"])
    for r in hand_places:
        for i, v in enumerate([r["name"], *_split(r["variants"])]):
            key = normalize(v)
            if i and key in {p[0] for p in places}:
                continue
            places.append([key, r["name"], r["kind"], r["iso3"], r["context"], "hand"])
    return states, places


def gazetteer_places(shared: Path, used: set[str], common: set[str], first_names: set[str],
                     adjectives: set[str], stops: set[str]) -> list[list[str]]:
    """Return city and place rows from the GATE lists and NERAr LOC, without common words or first names."""
    gate = shared / "resources" / "gate-arabic" / "gazetteer"
    rows = []
    candidates: list[tuple[str, str, str]] = []
    for fname, kind in (("city.lst", "city"), ("city_world.lst", "city"), ("rivers.lst", "water"),
                        ("mountains.lst", "mountain"), ("oceans_seas_islands.lst", "water")):
        for entry in read_list(gate / fname):
            entry = entry.strip("- ")
            candidates.append((normalize(entry), entry, kind + "\tgate"))
    for norm in nerar_entries(shared, "LOC"):
        candidates.append((norm, norm, "place\tnerar"))
    for key, name, kind_source in candidates:
        key = " ".join(key.split())
        if not is_clean_name(key) or key in used:
            continue
        words = key.split()
        if len(words) == 1 and (key in common or key in first_names or key in adjectives or len(key) < 4):
            continue
        if words[0] in _PARTICLES or words[0] in stops or (len(words) > 1 and words[0] in first_names):
            continue  # بن احمد، محمد علي: towns named after people read as people in news
        if len(words) > 1 and all(w in common for w in words):
            continue
        kind, source = kind_source.split("\t")
        if len(words) == 1 and source == "nerar" and key.startswith("ال"):
            continue  # الخيمة، الحزم: a one-word NERAr place with the article is most often a common noun
        if len(words) == 1 and source == "nerar" \
                and any(s in common or s in stops for s in suffix_stems(key, _PLACE_SUFFIXES)):
            continue  # داخله، خارجه: a common noun with a pronoun suffix, which NERAr lists as a place
        if len(words) == 1 and source == "nerar" and key[0] in "وفبلك" and key[1:] in used \
                and key[1:] not in stops:
            continue  # وجده: read as و + جده in news far more often than as the other place
        used.add(key)
        # a one-word place from these lists needs a place preposition before it (في كاليه)
        rows.append([key, name, kind, "", "prep" if len(words) == 1 else "", source])
    return rows


def write_tsv(name: str, header: list[str], rows: Iterable[list[str]], comment: str) -> None:
    """Write a data file with a comment line and a header."""
    path = data_dir() / name
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(f"# {comment}\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None)
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def main(argv: list[str] | None = None) -> int:
    """Build the gazetteer data files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True, help="the shared folder holding resources/")
    args = parser.parse_args(argv)
    shared: Path = args.shared
    if not (shared / "resources").is_dir():
        print(f"no resources/ folder in {shared}", file=sys.stderr)
        return 2

    counts = newsfane_counts(shared)
    common_rows = common_words(counts)
    common = {r[0] for r in common_rows if is_common(counts, r[0])}
    write_tsv("common_words.tsv", ["word", "outside", "person", "other"],
              ([r[0], *map(str, r[1:])] for r in common_rows),
              "NewsFANE words (normalised) seen outside entities, with counts outside, inside persons, inside other "
              "entities; built by khabar.build.gazetteers")

    gate = shared / "resources" / "gate-arabic" / "gazetteer"
    first_names: dict[str, str] = {}
    name_stops = read_hand("name_stops.tsv")
    not_first = {normalize(r["word"]) for r in name_stops if r["scope"] == "first"}
    not_in_name = {normalize(r["word"]) for r in name_stops if r["scope"] == "any"}
    for fname in ("male_names.lst", "female_names.lst"):
        for entry in read_list(gate / fname):
            key = normalize(entry)
            if is_clean_name(key) and key not in not_first:
                first_names.setdefault(key, "gate")
    cues = read_hand("entity_cues.tsv")
    titles = {normalize(r["cue"]) for r in cues if r["kind"] in ("honorific", "rank", "role") and " " not in r["cue"]}
    # entries opening with a function word (في، ان، هو) are noise, except where it is also a name (علي)
    stops = {normalize(r["cue"]) for r in cues if r["kind"] == "stop"}
    stops |= {w for w, o, _p, _e in common_rows if o >= FUNCTION_WORD_MIN_COUNT}
    stops -= set(first_names)
    persons, firsts = build_persons(shared, common, titles | stops, not_in_name)
    for token, n in firsts.items():
        if n >= FIRST_NAME_MIN_ENTRIES and token not in common and len(token) >= MIN_LETTERS and token not in not_first:
            first_names.setdefault(token, "nerar")
    write_tsv("first_names.tsv", ["name", "source"], sorted([k, v] for k, v in first_names.items()),
              "First names (normalised) from GATE name lists and NERAr person entries; "
              "built by khabar.build.gazetteers")
    write_tsv("persons.tsv", ["name"], ([p] for p in persons),
              "Person names (normalised, 2-4 words) from NERAr; built by khabar.build.gazetteers")

    states, places = build_states_and_places(cldr_names())
    used = {v for s in states for v in s[2].split(";")} | {p[0] for p in places}
    adjectives = {a for s in states for a in s[3].split(";")}
    places += gazetteer_places(shared, used | stops, common, set(first_names), adjectives, stops)
    write_tsv("states.tsv", ["iso3", "name", "variants", "adjectives"], states,
              "States: ISO3, name, normalised variants and nationality adjectives; built by khabar.build.gazetteers")
    write_tsv("places.tsv", ["key", "name", "kind", "iso3", "context", "source"], places,
              "Places: normalised key, name, kind, ISO3, context, source; built by khabar.build.gazetteers")
    print(f"common {len(common_rows)}, first names {len(first_names)}, persons {len(persons)}, "
          f"states {len(states)}, places {len(places)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
