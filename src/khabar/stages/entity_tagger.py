"""The statistical tagger's part in the entity stage: full person names that no rule found.

The CRF tagger (khabar.ner.tagger) is run only on sentences where two name-like words stand side
by side outside every rule-made mention, which keeps its cost to a fraction of the article. Only
its person spans of two words or more are taken: the rules do better on organisations and places.
"""

from __future__ import annotations

from typing import Any

from khabar.resources import Resources, data_dir
from khabar.stages.entity_rules import Cand, Scanner

TAGGER_MIN_WORDS = 2  # a one-word tagger span is too often a common word


def load(resources: Resources) -> Any | None:
    """Return the packaged CRF tagger, or None while no trained model ships with the package."""

    def build() -> Any | None:
        from khabar.ner import tagger

        if not (data_dir() / tagger.MODEL_FILE).is_file():
            return None
        return tagger.load_tagger(resources)

    return resources.get("entities.tagger", build)


def add_tagger_people(scanner: Scanner, tagger: Any) -> int:
    """Claim the tagger's multi-word person spans in sentences the rules left names in; return how many."""
    toks, owner = scanner.toks, scanner.owner
    added = 0
    start = 0
    n = len(toks)
    while start < n:
        end = start
        sentence = toks[start].sentence
        while end < n and toks[end].sentence == sentence:
            end += 1
        if _has_free_pair(scanner, start, end):
            for s, e, typ in tagger.spans(toks[start:end]):
                s, e = s + start, e + start
                if typ == "PER" and e - s >= TAGGER_MIN_WORDS and all(owner[k] is None for k in range(s, e)) \
                        and scanner.claim(Cand(s, e, "PER", "tagger")):
                    added += 1
        start = end
    return added


def _has_free_pair(scanner: Scanner, start: int, end: int) -> bool:
    """Tell whether two adjacent words of a sentence are outside mentions and not common words."""
    free = False
    for k in range(start, end):
        ok = scanner.owner[k] is None and scanner.toks[k].kind == "word" and k not in scanner.cue_at \
            and not scanner.is_common(k)
        if ok and free:
            return True
        free = ok
    return False
