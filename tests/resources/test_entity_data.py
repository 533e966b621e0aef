"""The entity stage's data files: each parses, has unique keys, and is in the form it is matched in."""

from __future__ import annotations

from collections import Counter

from khabar.arabic import normalize
from khabar.resources import iter_tsv
from khabar.stages.entity_lexicon import WORD_LIST_KINDS, build_lexicon, phrase_key

CUE_KINDS = {"honorific", "rank", "role", "org_head", "org_head_def", "place_head", "place_head_proper", "speech",
             "named_place", "named_body",
             "particle", "stop", "generic_adj", "formula", "ambiguous", "state_noun", "dynasty", *WORD_LIST_KINDS}
ORG_KINDS = {"igo", "media", "group", "gov", "company", "ngo", "sport"}
SECTORS = {"", "GOV", "MIL", "BUS", "MED", "REL", "EDU", "JUD", "NGO", "SPO", "REB", "PTY"}


def rows(name: str) -> list[list[str]]:
    """Return a data file's rows after its header."""
    return list(iter_tsv(name))[1:]


def unique(keys: list) -> list:
    return [k for k, n in Counter(keys).items() if n > 1]


def across_rows(table: list[list[str]]) -> list:
    """Return the phrase keys that more than one row claims (name and variants, spelled any way)."""
    return unique([k for r in table for k in {phrase_key(v) for v in [r[0], *split(r[1])]}])


def split(cell: str) -> list[str]:
    return [x for x in cell.split(";") if x]


def test_states_table_covers_the_world_with_codes_names_and_adjectives() -> None:
    states = rows("states.tsv")
    assert len(states) >= 190
    assert unique([r[0] for r in states]) == []
    variants = [v for r in states for v in split(r[2])]
    assert unique(variants) == []
    assert all(normalize(v) == v for v in variants)
    by_code = {r[0]: r for r in states}
    assert by_code["RUS"][1] == "روسيا" and "الروسيه" in split(by_code["RUS"][3])
    assert "الاتراك" in split(by_code["TUR"][3])
    assert {"السعوديه", "المملكه"} <= set(split(by_code["SAU"][2]))


def test_hand_written_state_facts_parse() -> None:
    hand = rows("states_hand.tsv")
    assert unique([r[0] for r in hand]) == []
    for r in hand:
        assert len(r[0]) == 3 and r[0].isupper(), r


def test_places_have_unique_normalised_keys() -> None:
    places = rows("places.tsv")
    assert unique([r[0] for r in places]) == []
    for key, _name, kind, iso3, context, source in places:
        assert normalize(key) == key and key.strip() == key
        assert kind and source in {"hand", "gate", "nerar"} and context in {"", "cue", "prep"}
        assert iso3 == "" or len(iso3) == 3
    capitals = {r[0]: r[3] for r in places if r[2] == "capital"}
    assert capitals["موسكو"] == "RUS" and capitals["انقره"] == "TUR" and capitals["واشنطن"] == "USA"


def test_hand_written_places_parse() -> None:
    for r in rows("places_hand.tsv"):
        assert r[2] in {"region", "water", "city", "facility"}, r


def test_organisations_have_unique_variants_and_guideline_codes() -> None:
    orgs = rows("orgs.tsv")
    assert across_rows(orgs) == []
    codes = {r[3] for r in orgs}
    assert {"UN", "UNSC", "NATO", "EU", "ARL", "GCC", "AU", "OIC", "IAEA", "OPEC", "WHO", "IMF", "WB", "ICC", "ICJ",
            "OPCW"} <= codes
    for r in orgs:
        assert r[2] in ORG_KINDS and r[4] in SECTORS, r
        assert ([*r, "", ""])[5] in {"", "cue"}, r
        if r[2] == "group" and r[4] in ("REB", "PTY"):
            assert r[3] == "", r  # armed groups, parties and movements are actors of their own, not of a state


def test_entity_cues_parse_with_known_kinds_and_unique_keys() -> None:
    cues = rows("entity_cues.tsv")
    # a cue word has one kind; a word list holds a word once, and the word may be a cue or in other lists too
    assert unique([phrase_key(r[0]) for r in cues if r[1] not in WORD_LIST_KINDS]) == []
    assert unique([(r[1], phrase_key(r[0])) for r in cues if r[1] in WORD_LIST_KINDS]) == []
    assert all(len(phrase_key(r[0])) == 1 for r in cues if r[1] in WORD_LIST_KINDS)
    for r in cues:
        assert r[1] in CUE_KINDS and ([*r, ""])[2] in SECTORS, r
        state = ([*r, "", ""])[3]
        assert state in ("", "home") or (len(state) == 3 and state.isupper()), r
        assert r[1] != "dynasty" or len(state) == 3, r


def test_weapons_parse_with_unique_variants() -> None:
    weapons = rows("weapons.tsv")
    assert across_rows(weapons) == []
    assert all(len(r[2]) == 3 for r in weapons)


def test_built_word_lists_are_normalised_and_unique() -> None:
    for name in ("persons.tsv", "first_names.tsv", "common_words.tsv"):
        keys = [r[0] for r in rows(name)]
        assert keys and unique(keys) == [], name
        assert all(normalize(k) == k for k in keys), name
    assert all(len(r[0].split()) >= 2 for r in rows("persons.tsv"))
    assert all(int(r[1]) >= 2 for r in rows("common_words.tsv"))


def test_lexicon_builds_and_answers() -> None:
    lex = build_lexicon()
    assert lex.phrases[("موسكو",)][0].code == "RUS"
    assert lex.adjectives["الفرنسي"] == "FRA"
    assert lex.cues[("وزير",)][0] == "role"
    assert "الكسندر" in lex.first_names and "في" in lex.common
    assert {"الي", "شمال"} <= lex.place_prepositions and "الاعلي" in lex.elatives and "عبد" in lex.compound_heads
    assert lex.cues[("في",)][0] == "stop"  # a word in a list keeps its cue kind


def test_name_stops_parse_and_the_built_name_lists_honour_them() -> None:
    stops = rows("name_stops.tsv")
    assert unique([normalize(r[0]) for r in stops]) == []
    assert all(r[1] in ("first", "any") and len(r[0].split()) == 1 for r in stops)
    not_first = {normalize(r[0]) for r in stops if r[1] == "first"}
    barred = {normalize(r[0]) for r in stops if r[1] == "any"}
    assert {"تحيات", "دوله"} <= not_first and "الذي" in barred
    assert not not_first & {r[0] for r in rows("first_names.tsv")}
    assert not any(barred.intersection(r[0].split()) for r in rows("persons.tsv"))


def test_foreign_name_endings_are_no_arabic_first_name_endings() -> None:
    lex = build_lexicon()
    assert "تس" in lex.foreign_endings and "يتش" in lex.foreign_endings
    assert not any(name.endswith(lex.foreign_endings) for name in lex.arabic_first)


def test_past_verbs_are_bare_past_stems() -> None:
    lex = build_lexicon()
    assert {"دشن", "اجتمع", "اوفد"} <= lex.past_verbs
    # a stem, never an inflected form: the feminine and dual are matched from it
    assert not any(v.endswith(("ت", "وا")) for v in lex.past_verbs)


def test_title_objects_are_nouns_in_normalised_form() -> None:
    lex = build_lexicon()
    assert {"تعازي", "مديري", "محط"} <= lex.title_objects
    assert all(normalize(w) == w and " " not in w for w in lex.title_objects)
