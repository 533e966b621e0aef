"""The quotes stage's data files: speech cues and speaker descriptions."""

from __future__ import annotations

from khabar.arabic import normalize
from khabar.resources import iter_tsv

CUE_KINDS = {"verb", "participle", "relay", "saying", "according", "complementizer", "adjunct", "time", "notcomp",
             "notcue", "connector", "lead", "relative", "preverb", "source", "resume", "roleprep", "rolelink",
             "copula", "adverb", "resumptive", "issuer", "sender", "maker"}
FLAGS = {"noun", "initial", "nodrop", "bare", "verb", "needprep", "adj", "after", "within"}
ROLE_KINDS = {"role", "title", "pronoun", "unnamed", "document", "plural", "address", "complement", "speech"}


def test_quote_cues_parse_with_known_kinds_and_unique_keys() -> None:
    rows = list(iter_tsv("quote_cues.tsv"))
    assert len(rows) > 250
    keys = [(r[0], r[1]) for r in rows]
    assert len(set(keys)) == len(keys)
    for kind, form, gender, _, flags in rows:
        assert kind in CUE_KINDS, form
        assert gender in {"m", "f", "p", "-"}, form
        assert flags == "-" or set(flags.split(",")) <= FLAGS, form


def test_quote_cues_are_in_matching_form() -> None:
    for _, form, _, preps, _ in iter_tsv("quote_cues.tsv"):
        assert normalize(form) == form
        assert preps == "-" or all(normalize(p) == p for p in preps.split("|"))


def test_speech_verbs_carry_their_inflections() -> None:
    verbs = {r[1]: r[2] for r in iter_tsv("quote_cues.tsv") if r[0] == "verb"}
    for form, gender in (("قال", "m"), ("قالت", "f"), ("يقول", "m"), ("اكد", "m"), ("اوضحت", "f"), ("اشار", "m"),
                         ("لفت", "m"), ("نفي", "m"), ("اضاف", "m"), ("اضافت", "f"), ("قالوا", "p")):
        assert verbs.get(form) == gender, form
    participles = {r[1] for r in iter_tsv("quote_cues.tsv") if r[0] == "participle"}
    assert {"مضيفا", "موكدا", "قايلا", "مشيرا"} <= participles


def test_quote_roles_parse_unique_and_normalised_without_article() -> None:
    rows = list(iter_tsv("quote_roles.tsv"))
    keys = [(r[0], r[1]) for r in rows]
    assert len(set(keys)) == len(keys)
    for kind, form, cls in rows:
        assert kind in ROLE_KINDS, form
        assert normalize(form) == form and cls
        if kind in {"role", "title"}:
            assert not (form.startswith("ال") and len(form) > 4), form
    unnamed = {r[1] for r in rows if r[0] == "unnamed"}
    assert {"مصدر", "مصادر", "مسوول", "متحدث"} <= unnamed


def test_honorifics_address_roles_of_the_role_table() -> None:
    rows = list(iter_tsv("quote_roles.tsv"))
    roles = {r[1] for r in rows if r[0] in ("role", "title")}
    titles = {r[1] for r in rows if r[0] in ("title", "pronoun")} | {r[2] for r in rows if r[0] == "pronoun"}
    addresses = {r[1]: r[2].split("/") for r in rows if r[0] == "address"}
    assert {"سمو", "معالي", "فخامه", "جلاله"} <= set(addresses)
    for honorific, addressed in addresses.items():
        assert honorific in titles, honorific
        assert set(addressed) <= roles, honorific


def test_function_word_kinds_hold_the_words_the_stage_reads() -> None:
    kinds: dict[str, set[str]] = {}
    for kind, form, *_ in iter_tsv("quote_cues.tsv"):
        kinds.setdefault(kind, set()).add(form)
    assert {"وكان", "جانبه", "بدوره"} <= kinds["lead"]
    assert kinds["relative"] == {"الذي", "التي", "الذين"}
    assert kinds["roleprep"] <= kinds["adjunct"]  # a role's qualifier is an adjunct everywhere else
    assert kinds["source"] <= kinds["adjunct"]


def test_role_complements_name_roles_and_adjunct_prepositions() -> None:
    rows = list(iter_tsv("quote_roles.tsv"))
    roles = {r[1] for r in rows if r[0] == "role"}
    adjuncts = {r[1] for r in iter_tsv("quote_cues.tsv") if r[0] == "adjunct"}
    complements = {r[1]: r[2].split("|") for r in rows if r[0] == "complement"}
    assert complements.get("مشرف") == ["علي"]
    for role, preps in complements.items():
        assert role in roles and set(preps) <= adjuncts, role


def test_speeches_are_made_or_sent_and_their_pronouns_are_adjuncts() -> None:
    rows = list(iter_tsv("quote_roles.tsv"))
    speeches = {r[1]: r[2] for r in rows if r[0] == "speech"}
    assert set(speeches.values()) == {"made", "sent"}
    assert speeches["كلمه"] == "made" and speeches["بيانا"] == "made" and speeches["برقيه"] == "sent"
    assert not any(f.startswith("ال") for f in speeches)  # matched with the article stripped
    kinds: dict[str, set[str]] = {}
    for kind, form, *_ in iter_tsv("quote_cues.tsv"):
        kinds.setdefault(kind, set()).add(form)
    assert kinds["resumptive"] == {"فيه", "فيها", "فيهما"}
    assert kinds["resumptive"] <= kinds["adjunct"]  # فيه ends a speaker phrase everywhere else


def test_via_and_came_are_cues_only_with_their_flags() -> None:
    verbs = {r[1]: r[4].split(",") for r in iter_tsv("quote_cues.tsv") if r[0] == "verb"}
    assert "after" in verbs["عبر"] and "nodrop" in verbs["عبر"]  # عبر is also the adjunct "via"
    assert "within" in verbs["جاء"] and "initial" in verbs["جاء"]
    assert "عبر" in {r[1] for r in iter_tsv("quote_cues.tsv") if r[0] == "adjunct"}


def test_issuer_and_sender_prepositions_are_kinds_of_the_cue_file() -> None:
    kinds: dict[str, set[str]] = {}
    for kind, form, *_ in iter_tsv("quote_cues.tsv"):
        kinds.setdefault(kind, set()).add(form)
    assert kinds["issuer"] == {"عن", "من"}
    assert kinds["sender"] == {"من"}


def test_makers_of_speeches_are_verbs_that_are_no_cues() -> None:
    rows = list(iter_tsv("quote_cues.tsv"))
    makers = {r[1] for r in rows if r[0] == "maker"}
    cues = {r[1] for r in rows if r[0] in ("verb", "participle", "relay", "saying", "according")}
    assert {"اصدرت", "القي", "نشر"} <= makers
    assert not makers & cues  # the maker's subject is found from the speech, not read as a speaker of its own
