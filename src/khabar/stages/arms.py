"""Arms-transfer records: which weapon system goes from which supplier to which recipient, and how far."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from khabar.arabic import normalize
from khabar.document import ArmsTransfer, Document, Span
from khabar.resources import Resources, iter_tsv
from khabar.stages.event_actors import View, norms
from khabar.stages.event_lexicon import noun_prefixes

if TYPE_CHECKING:
    from khabar.stages.event_context import Found

ARMS = "arms_systems.tsv"


@dataclass(slots=True, frozen=True)
class WeaponTable:
    """Named weapon systems with their makers, and the words around arms deals."""

    aliases: dict[str, tuple[str, str | None]]  # matching form -> (canonical name, origin ISO3)
    pattern: re.Pattern[str] | None
    weapons: frozenset[str]  # nouns that always mean weaponry (with their proclitics)
    carriers: frozenset[str]  # nouns that do only beside a system name
    heads: frozenset[str]  # first words of system names (with their proclitics), to skip the regex
    starts: frozenset[str]  # the words a match of the pattern opens with: a name's first word, bare or with ال
    offer: frozenset[str]
    complete: frozenset[str]


def weapon_table(resources: Resources) -> WeaponTable:
    """Return the weapon table, read on first use."""
    return resources.get("events.weapons", _load)


def _load() -> WeaponTable:
    aliases: dict[str, tuple[str, str | None]] = {}
    words: dict[str, set[str]] = {"weapon": set(), "carrier": set(), "offer": set(), "complete": set()}
    for row in iter_tsv(ARMS):
        kind, names, canonical, origin = (row + [""] * 4)[:4]
        if kind == "system":
            for name in names.split("/"):
                aliases[" ".join(name.split())] = (canonical, origin or None)
        elif kind in words:
            words[kind].add(names)
    pattern = None
    if aliases:
        alts = sorted(aliases, key=len, reverse=True)
        pattern = re.compile(r"(?<!\S)(?:ال)?(" + "|".join(re.escape(a) for a in alts) + r")(?!\S)")
    weapons = {surface for w in words["weapon"] for surface, _a, _p in noun_prefixes(w)}
    heads = {surface for a in aliases for surface, _a, _p in noun_prefixes(a.split(" ")[0])}
    starts = {p + a.split(" ")[0] for a in aliases for p in ("", "ال")}
    return WeaponTable(aliases, pattern, frozenset(weapons), frozenset(words["carrier"]), frozenset(heads),
                       frozenset(starts),
                       frozenset(words["offer"]), frozenset(words["complete"]))


def _words(view: View) -> list[str]:
    """The sentence's words in matching form, Latin lower-cased."""
    return [tok.norm.lower() for tok in view.tokens if tok.kind != "punct"]


def systems_in(view: View, table: WeaponTable) -> list[tuple[str, str | None]]:
    """Return the weapon systems a sentence names: (canonical name, origin), in order, once each."""
    if view.systems is not None:  # asked for each arms event of the sentence, and for its transfers
        return view.systems
    out: dict[str, str | None] = {}
    for _t0, _t1, name in view.weapons:
        words = normalize(name).lower().replace("-", " ").replace('"', " ").split()
        while len(words) > 1 and (words[0] in table.weapons or words[0].removeprefix("ال") in table.carriers):
            words = words[1:]  # منظومة ثاد → ثاد
        canonical, origin = table.aliases.get(" ".join(words), (name, None))
        out.setdefault(canonical, origin)
    if table.pattern is not None:
        words = _words(view)
        if not table.starts.isdisjoint(words):  # a match opens at a word: most sentences name no system
            for m in table.pattern.finditer(" ".join(words)):
                canonical, origin = table.aliases[m.group(1)]
                out.setdefault(canonical, origin)
    view.systems = list(out.items())
    return view.systems


def has_weapon(view: View, table: WeaponTable, weapon_starts: list[int]) -> bool:
    """Tell whether a sentence mentions weaponry: a weapon entity, a weapon noun or a named system."""
    i = bisect_left(weapon_starts, view.start)
    if i < len(weapon_starts) and weapon_starts[i] < view.end:
        return True
    words_here = norms(view)
    if not table.weapons.isdisjoint(words_here):
        return True
    if table.pattern is None:
        return False
    if table.heads.isdisjoint(words_here) and table.heads.isdisjoint(
            [t.norm.lower() for t in view.tokens if t.kind == "latin"]):
        return False  # no system name can start here: skip the regex
    words = _words(view)
    return not table.starts.isdisjoint(words) and table.pattern.search(" ".join(words)) is not None


def transfers(doc: Document, found_all: list[tuple[View, list[Found]]], table: WeaponTable) -> list[ArmsTransfer]:
    """Build one record per (supplier, recipient, system, status) from the sentences that support it."""
    records: dict[tuple[str | None, str | None, str, str], ArmsTransfer] = {}
    for view, found in found_all:
        deal = [f for f in found if "arms" in f.hit.entry.flags and f.status != "denied"]
        if not deal:
            continue
        systems = systems_in(view, table)
        if not systems:
            continue
        status = _deal_status(view, deal, table)
        quantity, value, currency = _amounts(doc, view)
        year = _year(doc, view)
        for system, origin in systems:
            supplier, recipient = _sides(deal, origin)
            sup = supplier or (origin if origin != recipient else None)
            rec = recipient if recipient != sup else None
            if sup is None or rec is None:
                continue  # a transfer needs both ends; the maker alone describes none
            key = (sup, rec, system, status)
            rec_obj = records.get(key)
            if rec_obj is None:
                rec_obj = records[key] = ArmsTransfer(sup, rec, system, status)
            rec_obj.quantity = rec_obj.quantity or quantity
            if value is not None and rec_obj.value is None:
                rec_obj.value, rec_obj.currency = value, currency
            rec_obj.year = rec_obj.year or year
            span = Span(view.start, view.end)
            if all(s.start != span.start for s in rec_obj.sentences):
                rec_obj.sentences.append(span)
    return list(records.values())


def _deal_status(view: View, deal: list[Found], table: WeaponTable) -> str:
    first = min(f.hit.t0 for f in deal)
    if any(view.norms[k] in table.offer for k in range(0, first + 1)) or any(
            f.status in ("conditional", "hypothetical") for f in deal):
        return "offered"
    by_type = {f.hit.entry.plover: f for f in deal}
    agree = by_type.get("AGREE")
    if agree is not None:
        return "agreed" if agree.status == "done" else "negotiating"
    talks = by_type.get("CONSULT")
    if talks is not None:
        before = range(max(0, talks.hit.t0 - 3), talks.hit.t0)
        return "agreed" if any(view.norms[k] in table.complete for k in before) else "negotiating"
    supply = deal[0]
    if supply.status != "done":
        return "negotiating"
    return "delivered" if "deliver" in supply.hit.entry.flags else "agreed"


def _sides(deal: list[Found], origin: str | None) -> tuple[str | None, str | None]:
    """Return (supplier, recipient) codes from the supply verbs first, then from the deal's two sides.

    Where a side names several actors (الجزائر وروسيا … لتوريد), the system's maker is the supplier.
    """
    supplier = recipient = None
    for f in deal:
        if f.hit.entry.plover != "COOPERATE":
            continue
        if "rev" in f.hit.entry.flags:  # شراء، تسلم: the subject receives
            tgt = _code(f.roles.source, avoid=origin)
            named = f.roles.target is not None and any(a.entity is not None for a in f.roles.target.actors)
            src = _code(f.roles.target, skip=tgt) if named else None  # a giver inferred from one maker only
        else:
            src = _code(f.roles.source, prefer=origin)
            tgt = _code(f.roles.target, skip=src)
        supplier = supplier or src
        recipient = recipient or tgt
    for f in deal:
        if f.hit.entry.plover in ("AGREE", "CONSULT"):
            sides = [a.code for s in (f.roles.source, f.roles.target) if s for a in s.actors if a.code]
            sides = list(dict.fromkeys(sides))
            if len(sides) == 2 and supplier is None and recipient is None and origin in sides:
                supplier = origin
            if len(sides) == 2:
                if supplier in sides and recipient is None:
                    recipient = sides[1 - sides.index(supplier)]
                elif recipient in sides and supplier is None:
                    supplier = sides[1 - sides.index(recipient)]
    if supplier == recipient:
        recipient = None
    if supplier is not None and recipient is None:
        others = [a.code for f in deal for s in (f.roles.source, f.roles.target) if s for a in s.actors
                  if a.code and a.code != supplier]
        recipient = others[0] if len(set(others)) == 1 else None  # the one other side named
    return supplier, recipient


def _code(slot: object, skip: str | None = None, prefer: str | None = None, avoid: str | None = None) -> str | None:
    actors = getattr(slot, "actors", None) or []
    codes = [a.code for a in actors if a.code and a.code != skip]
    if prefer in codes:
        return prefer
    others = [c for c in codes if c != avoid]
    return (others or codes or [None])[0]


def _amounts(doc: Document, view: View) -> tuple[float | None, float | None, str | None]:
    quantity = value = None
    currency = None
    for a in doc.amounts:
        if view.start <= a.start < view.end:
            if a.kind == "count" and quantity is None:
                quantity = a.value
            elif a.kind == "money" and value is None:
                value, currency = a.value, a.currency
    return quantity, value, currency


def _year(doc: Document, view: View) -> int | None:
    """Return the year a sentence dates the transfer to; a weekday (الاثنين) dates the report, not the deal."""
    for d in doc.dates:
        if view.start <= d.start < view.end and d.iso and d.iso[:4].isdigit():
            if d.granularity == "day" and d.relative:
                continue
            return int(d.iso[:4])
    return None


