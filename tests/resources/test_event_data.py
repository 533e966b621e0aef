"""The events stage's data files: trigger lexicon, modality cues, actor words, CAMEO map, weapon table."""

from __future__ import annotations

import re

from khabar.arabic import normalize
from khabar.resources import iter_tsv
from khabar.stages.event_lexicon import CONTEXT_KINDS, PLOVER_TYPES, STATUSES, plover_of

TARGETS = {"obj", "علي", "الي", "مع", "ضد", "عن", "من", "بين", "في", "ل", "ب", "امام", ""}
FLAGS = {"sym", "weak", "solo", "nobare", "travel", "arms", "armsonly", "rev", "pass", "byreq", "deliver", "victim",
         "claims", "ctrl", "verbal"}
SCOPES = {"adj", "near", "sent", "after", "clause", "comp"}
ACTOR_KINDS = {"boundary", "relative", "speech", "head", "self", "pair", "group", "receive", "particle", "title",
               "count", "sport", "light", "relight", "claim", "instrument", "territory", "unnamed"}
SECTORS = {"", "GOV", "MIL", "COP", "SPY", "JUD", "LEG", "BUS", "OPP", "REB"}
_ISO3 = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^[0-9]{2,4}$")


def _body(name: str) -> list[list[str]]:
    rows = list(iter_tsv(name))
    return rows[1:]


def _cameo_table() -> dict[str, str]:
    return {r[0]: r[1] for r in _body("cameo_plover.tsv")}


def test_cameo_map_covers_every_root_and_names_plover_types() -> None:
    table = _cameo_table()
    assert len(table) == len(_body("cameo_plover.tsv"))
    assert {f"{n:02d}" for n in range(1, 21)} <= set(table)
    for code, plover in table.items():
        assert _CAMEO.match(code), code
        assert plover in PLOVER_TYPES or plover == "-", code
    assert set(table.values()) - {"-"} == set(PLOVER_TYPES)
    assert plover_of("0571", table) == "AGREE" and plover_of("193", table) == "ASSAULT"
    assert plover_of("010", table) is None


def test_triggers_parse_and_cover_all_sixteen_types() -> None:
    rows = _body("event_triggers.tsv")
    table = _cameo_table()
    keys = [(r[0], r[1]) for r in rows]
    assert len(set(keys)) == len(keys), [k for k in keys if keys.count(k) > 1]
    types = set()
    for row in rows:
        assert len(row) == 8, row
        form, kind, pres, plover, cameo, targets, flags, source = row
        for word in form.split(" "):
            for alt in word.split("/"):
                assert normalize(alt) == alt and alt, form
        assert normalize(pres) == pres, form
        assert kind in ("v", "n", "x"), form
        assert source in ("khabar", "upetrarch"), form
        if plover == "-":
            continue  # a veto row
        types.add(plover)
        assert plover_of(cameo, table) == plover, (form, cameo, plover)
        assert set(targets.split("|")) <= TARGETS, form
        assert {f for f in flags.split(",") if f} <= FLAGS, form
    assert types == set(PLOVER_TYPES)


def test_derived_rows_refine_a_hand_written_verb_of_the_same_type() -> None:
    rows = _body("event_triggers.tsv")
    hand = {r[0]: r[3] for r in rows if r[7] == "khabar" and r[1] == "v"}
    derived = [r for r in rows if r[7] == "upetrarch"]
    assert derived
    for r in derived:
        assert " " in r[0] and hand.get(r[0].split(" ")[0]) == r[3], r


def test_modality_cues_are_normalised_with_known_statuses_and_scopes() -> None:
    rows = _body("event_modality.tsv")
    forms = [r[0] for r in rows]
    assert len(set(forms)) == len(forms)
    statuses = set()
    for form, kind, pres, status, scope in rows:
        assert normalize(form) == form and normalize(pres) == pres, form
        assert kind in ("v", "n", "x"), form
        assert status in STATUSES or status == "none", form
        assert scope in SCOPES, form
        statuses.add(status)
    assert {"denied", "conditional", "hypothetical", "threatened", "imminent", "ongoing"} <= statuses


def test_actor_words_are_normalised_with_known_kinds() -> None:
    rows = _body("event_actors.tsv")
    words = [r[0] for r in rows if r[1] not in CONTEXT_KINDS]  # a token has one kind; a word may be in many sets
    assert len(set(words)) == len(words), [w for w in words if words.count(w) > 1]
    keys = [(r[0], r[1]) for r in rows]
    assert len(set(keys)) == len(keys), [k for k in keys if keys.count(k) > 1]
    for row in rows:
        word, kind = row[0], row[1]
        value = row[2] if len(row) > 2 else ""
        assert normalize(word) == word, word
        assert kind in ACTOR_KINDS or kind in CONTEXT_KINDS, word
        assert value in SECTORS, word
        assert not (kind in CONTEXT_KINDS and value), word


def test_every_context_word_set_is_filled() -> None:
    kinds = {r[1] for r in _body("event_actors.tsv")}
    assert set(CONTEXT_KINDS) <= kinds


def test_weapon_table_names_are_normalised_with_iso3_origins() -> None:
    rows = _body("arms_systems.tsv")
    names: list[str] = []
    for row in rows:
        kind, spellings, canonical, origin = [*row, "", "", ""][:4]
        assert kind in ("system", "weapon", "carrier", "offer", "complete"), row
        for name in spellings.split("/"):
            assert normalize(name).lower() == name, name
            names.append(name)
        if kind == "system":
            assert canonical, row
            assert origin == "" or _ISO3.match(origin), row
    assert len(set(names)) == len(names), [n for n in names if names.count(n) > 1]
