"""The statistical tagger's part in the entity stage: full person names that no rule found.

The CRF tagger (khabar.ner.tagger) is opt-in: set the environment variable KHABAR_NER_TAGGER=1.
Measured on dev it adds one person and one false person (entities F1 unchanged at 0.97) while it
doubles the stage's cost (about 1.8 ms per corpus article), beyond the pipeline's budget. When on,
it runs only on sentences where two name-like words stand side by side outside every rule-made
mention; only its person spans of two words or more are taken, without a leading proclitic.
"""

from __future__ import annotations

import os
from typing import Any

from khabar.resources import Resources, data_dir
from khabar.stages.entity_rules import Cand, Scanner

TAGGER_MIN_WORDS = 2  # a one-word tagger span is too often a common word
ENV_SWITCH = "KHABAR_NER_TAGGER"


def enabled() -> bool:
    """Tell whether the environment asks for the CRF tagger."""
    return os.environ.get(ENV_SWITCH, "").strip().lower() in ("1", "true", "yes", "on")


def wanted(resources: Resources) -> bool:
    """Tell whether the environment asks for the CRF tagger, as it did when the resources first ran the stage."""
    return resources.get("entities.tagger_wanted", enabled)  # read once: an environment look-up costs per article


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
                if typ != "PER" or e - s < TAGGER_MIN_WORDS \
                        or any(owner[k] is not None or k in scanner.cue_at for k in range(s, e)):
                    continue
                first = scanner.infos[s].first_name
                cut = first[1] if first is not None else ""
                if not first and scanner.is_common(s):
                    continue  # جيل الشباب، بحمد الله: a common word does not open a name
                if scanner.claim(Cand(s, e, "PER", "tagger", cut=cut)):
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
