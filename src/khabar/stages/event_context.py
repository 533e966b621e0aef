"""Actors from context: pro-dropped subjects, demands and threats, requests, visits' hosts, weapon makers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from khabar.document import Actor
from khabar.stages import arms
from khabar.stages.event_actors import Slot, View, is_code
from khabar.stages.event_hits import Hit
from khabar.stages.event_lexicon import Trigger
from khabar.stages.event_roles import Roles, topic

# Status precedence when several cues reach one trigger: the strongest reading wins.
PRECEDENCE = {s: i for i, s in enumerate(
    ("done", "ongoing", "imminent", "threatened", "conditional", "hypothetical", "denied"))}
# Triggers whose complement is not (yet) an event: دعا إلى وقف…, هدد بفرض عقوبات.
_EMBEDDING = {"REQUEST": "hypothetical", "THREATEN": "threatened"}
_EMBED_WINDOW = 4
_VERBAL_WINDOW = 14  # words after a verbal attack where a sign that it was made in words may stand (… قائلا)
_SAID_WINDOW = 3  # words after it where what was said may stand as its object (هاجم الجبير السياسات الإيرانية)
_SUBJECT_GAP = 3  # words after an attack verb where its subject may open, the object then following the subject
# Word sets come from the actor-cue file, one per kind of event_lexicon.CONTEXT_KINDS.
Words = dict[str, frozenset[str]]
_BEFORE_SUBJECT = frozenset({"title", "head", "group", "particle"})
_POSSESSIVE = frozenset({"ه", "ها", "هما", "هم"})  # a third-person pronoun on an event noun (زيارته، لقائها)
# Types whose noun takes its doer as a pronoun (زيارته، تضامنها، إدانتها); on an attack, arrest or aid noun the
# pronoun is as often the one hit or helped (استهدافها، اعتقاله، مساعدتهما).
_OWNED = frozenset({"CONSULT", "SUPPORT", "ACCUSE", "REJECT", "AGREE", "COOPERATE", "PROTEST"})
_OPENING = 4  # words before a sentence's subject: its verb, titles and honorifics (وأعرب معالي وزير …)
_MEANS_WINDOW = 8  # words between the harm verb and the attack noun (the victims come between)


@dataclass(slots=True)
class Found:
    """A trigger with its roles and status, before it becomes one or more events."""

    hit: Hit
    roles: Roles
    status: str
    in_quote: bool
    speaker: str | None
    inherited: bool = False


def embed(view: View, found: list[Found]) -> None:
    """Mark events inside a request or threat as not done, and lend their target to it."""
    for i, outer in enumerate(found):
        mode = _EMBEDDING.get(outer.hit.entry.plover)
        if mode is None:
            continue
        for inner in found[i + 1:]:
            # a demand reaches its whole clause (دعا … إلى وقف العنف وبدء مفاوضات); a threat its next words
            if (mode == "threatened" and inner.hit.t0 - outer.hit.t1 > _EMBED_WINDOW) or (
                    view.clause[inner.hit.t0] != view.clause[outer.hit.t0]):
                break
            if PRECEDENCE[mode] > PRECEDENCE[inner.status]:
                inner.status = mode
            if outer.roles.target is None and inner.roles.target is not None:
                outer.roles.target = inner.roles.target
            if inner.roles.source is None:
                # دعا الهند إلى التعاون: the one called on, the demand's object, is to act
                inner.roles.source = outer.roles.target if outer.roles.how == "agree" else outer.roles.source


def verbal(view: View, found: list[Found], words: Words) -> None:
    """Code an attack made in words as criticism: هاجم الوزير تصريحات …، هاجمه قائلا …، بيانا هاجمت فيه."""
    attacks = [f for f in found if f.hit.entry.plover == "ASSAULT"]
    if not attacks or any("verbal" not in f.hit.entry.flags for f in attacks):
        return  # another harm word in the sentence (قتل، قصف) makes it a physical attack
    if view.weapons or "instrument" in view.kinds:
        return  # a weapon or gunfire named
    for f in attacks:
        if _in_words(view, f, words):
            f.hit.entry = _accuse(f.hit.entry)


def _in_words(view: View, f: Found, words: Words) -> bool:
    """Tell whether the words after an attack trigger show it was made in words, not arms."""
    norms, toks = view.norms, view.tokens
    hit = f.hit
    t1 = hit.t1
    # the object stands after the trigger, or after its subject (هاجم المتحدث باسم الخارجية الإيرانية تصريحات …)
    after = next((s.t1 for s in view.slots if t1 < s.t0 <= t1 + _SUBJECT_GAP), t1)
    if hit.pos == "v" and t1 + 1 < len(toks) and toks[t1 + 1].norm in words["intext"]:
        return True  # بيانا هاجمت فيه الحكومة: the attack is in a text
    clause_end = False
    for k in range(t1 + 1, min(len(toks), t1 + 1 + _VERBAL_WINDOW)):
        tok, norm = toks[k], norms[k]
        if tok.kind == "punct":
            clause_end = True
            continue
        if tok.norm in words["verbal"] or (tok.norm in words["joined"] and not clause_end):
            return True  # قائلا، واصفا؛ وقال in the attack's clause (after a comma, a reporter speaks)
        if _bare(norm) in words["said"] and (k - after <= _SAID_WINDOW or norms[k - 1] in words["against"]):
            return True
    return False


def _bare(norm: str) -> str:
    """Drop the article of a word long enough to keep a stem (التصريحات → تصريحات)."""
    return norm[2:] if norm.startswith("ال") and len(norm) > 4 else norm


@cache
def _accuse(entry: Trigger) -> Trigger:
    """Return the criticism reading of an attack trigger (CAMEO 111, criticise or denounce)."""
    return replace(entry, plover="ACCUSE", cameo="111", flags=entry.flags - {"solo", "verbal"})


def doer_genitive(view: View, found: list[Found], words: Words) -> None:
    """Make a verbal noun's genitive its doer when ل marks the object after it: قصف الطائرات الروسية لمواقع …"""
    toks = view.tokens
    for f in found:
        hit, roles = f.hit, f.roles
        gen = roles.target
        if (hit.pos != "n" or roles.source is not None or gen is None or gen.prep != "" or "obj" not in
                hit.entry.targets or not 0 < gen.t0 - hit.t1 <= 2 or gen.t1 + 1 >= len(toks)):
            continue
        k = gen.t1 + 1
        norm = toks[k].norm
        if toks[k].kind != "word" or not norm.startswith("ل") or len(norm) < 4 or norm in words["notobject"]:
            continue
        if any(s.t0 == k for s in view.slots if s.prep != "ل"):
            continue  # a name opening with ل (لبنان) is an object without the preposition
        roles.source = gen
        roles.target = next((s for s in view.slots if k <= s.t0 <= k + 2 and s.prep in ("ل", "")), None)


def supplier(view: View, found: list[Found], weapons: arms.WeaponTable) -> None:
    """Make a weapon's maker the source of a supply with no other supplier (وصول طائرات رافال الفرنسية)."""
    for f in found:
        entry = f.hit.entry
        if entry.plover != "COOPERATE" or "arms" not in entry.flags:
            continue
        source, target = f.roles.source, f.roles.target
        if "rev" in entry.flags:  # تسلمتها مصر: the receiver is the subject, the maker gave
            if target is None and source is not None:
                receivers = {a.code for a in source.actors}
                origin = next((o for _, o in arms.systems_in(view, weapons) if o and o not in receivers), None)
                if origin is not None:
                    tok = view.tokens[f.hit.t0]
                    f.roles.target = Slot(f.hit.t0, f.hit.t0, [Actor(code=origin, text=tok.text)], "")
            continue
        targets = {a.code for a in target.actors} if target else set()
        if source is not None and not {a.code for a in source.actors} <= targets:
            continue
        origin = next((o for _, o in arms.systems_in(view, weapons) if o and o not in targets), None)
        if origin is not None:
            tok = view.tokens[f.hit.t0]
            f.roles.source = Slot(f.hit.t0, f.hit.t0, [Actor(code=origin, text=tok.text)], "")
            f.inherited = True


def host(view: View, found: list[Found], words: Words) -> None:
    """Give a visit named in a time phrase its host: أثناء زيارة للرئيس الصيني وقعت المالديف اتفاقا."""
    for i, f in enumerate(found):
        entry = f.hit.entry
        if "travel" not in entry.flags or f.hit.pos != "n" or f.roles.source is None or f.roles.target is not None:
            continue
        if f.hit.t0 == 0 or view.norms[f.hit.t0 - 1] not in words["during"]:
            continue
        host = next((g.roles.source for g in found[i + 1:] if g.hit.pos == "v" and g.roles.source is not None
                     and view.clause[g.hit.t0] == view.clause[f.hit.t0]), None)
        if host is not None and host is not f.roles.source:
            f.roles.target = host


def by_request(view: View, found: list[Found]) -> None:
    """Code "at the request of Y" as Y asking the actor of the event it explains (بناء على طلب من)."""
    requesters: list[Slot | None] = []
    for i, f in enumerate(found):
        if "byreq" not in f.hit.entry.flags:
            continue
        requester = f.roles.target or f.roles.source
        asked = next((p.roles.source for p in reversed(found[:i]) if p.roles.source is not None
                      and "byreq" not in p.hit.entry.flags), None)
        if asked is None:  # إسلام آباد أرجأتها … عند طلب من طالبان: the clause's subject
            c = view.clause[f.hit.t0]
            asked = next((s for s in view.slots if s.t1 < f.hit.t0 and s.prep == "" and view.clause[s.t0] == c
                          and s not in requesters), None) or topic(view, f.hit.t0)
        requesters.append(requester)
        f.roles.source, f.roles.target = requester, asked


def means(view: View, found: list[Found], words: Words) -> None:
    """Give a harm verb with no agent the agent of the attack it happened in: قتل خمسة في غارات سعودية."""
    for i, f in enumerate(found):
        hit = f.hit
        if hit.entry.plover != "ASSAULT" or hit.pos != "v" or f.roles.source is not None:
            continue
        for g in found[i + 1:]:
            if g.hit.t0 - hit.t1 > _MEANS_WINDOW or view.clause[g.hit.t0] != view.clause[hit.t0]:
                break
            source = g.roles.source
            # the agent is named in the attack's own phrase (غارات سعودية، هجوم شنه …), not a side of a clash
            if (g.hit.pos == "n" and g.hit.entry.plover == "ASSAULT" and source is not None
                    and "sym" not in g.hit.entry.flags and source.t0 > g.hit.t0 and source is not f.roles.target
                    and _means_word(view, g.hit, words["means"])):
                f.roles.source = source
                f.inherited = True
                break


def _means_word(view: View, hit: Hit, means_words: frozenset[str]) -> bool:
    """Tell whether an attack noun is the means or cause of what comes before it (في غارات، بقصف، جراء هجوم)."""
    norm = view.tokens[hit.t0].norm
    if norm.startswith(("ب", "وب")) and not hit.entry.form.startswith("ب"):
        return True
    return hit.t0 > 0 and view.norms[hit.t0 - 1] in means_words


def inherit(view: View, found: list[Found], previous: list[Found], words: Words) -> None:
    """Give a subject-less trigger its actors from context: the quote's speaker or the verb before."""
    for i, f in enumerate(found):
        roles = f.roles
        prev = found[i - 1] if i > 0 else None
        if (roles.source is not None and roles.target is None and prev is not None and f.hit.pos == "v"
                and prev.hit.pos == "v" and prev.roles.source is roles.source and prev.roles.target is not None):
            roles.target = prev.roles.target  # فرضت واشنطن عقوبات على أنقرة، وهددت بـ…
        if roles.source is not None:
            if ("sym" in f.hit.entry.flags and roles.target is None and len(roles.source.actors) == 1
                    and roles.how == "vso"):
                top = topic(view, f.hit.t0)
                if top is not None and top is not roles.source:
                    roles.target = top  # حيث سيلتقي الرئيس الإيراني: the visitor is the other side
            continue
        hit = f.hit
        tok = view.tokens[hit.t0]
        if hit.we:
            if f.in_quote and f.speaker:
                roles.source = Slot(hit.t0, hit.t0, [Actor(code=f.speaker, text=tok.text)], "")
            continue
        if "ctrl" in hit.entry.flags and hit.pos == "n" and hit.t0 > 0 and view.norms[hit.t0 - 1] in words["sequence"]:
            main = next((g for g in reversed(found[:i]) if g.hit.pos == "v" and g.roles.source is not None
                         and view.clause[g.hit.t0] == view.clause[hit.t0]), None)
            if main is not None and main.roles.source is not roles.target:
                roles.source = main.roles.source  # وقعت المالديف اتفاقا … بعد إلغاء صفقة: the Maldives cancelled
                f.inherited = True
                continue
        if hit.pos == "n" and hit.suffix in _POSSESSIVE and hit.entry.plover in _OWNED and _coded(roles.target):
            owner = _possessor(view, hit.t0)
            # coded sides only: a pronoun in a club's or a committee's story points as often at a venue or a player
            if owner is not None and owner is not roles.target and _coded(owner):
                roles.source = owner  # قال أوباما بعد مباحثاته مع الرئيس الكيني: the pronoun on the noun is its doer
                f.inherited = True
                continue
        if hit.pos == "v" and _conjoined(view, hit.t0) and not _after_trigger_verb(found, i):
            first = _clause_subject(view, hit.t0)
            if first is not None and first is not roles.target:
                roles.source = first  # أعرب الوزير عن قلقه، ودعا إلى …: a conjoined verb shares the sentence's subject
                f.inherited = True
                continue
        if "weak" in hit.entry.flags:
            continue  # a weak trigger codes only what its own sentence states
        prev = found[i - 1] if i > 0 else None
        if (hit.pos == "v" and prev is not None and prev.roles.source is not None and prev.hit.pos == "v"
                and tok.norm[:1] in ("و", "ف") and tok.norm != view.norms[hit.t0]):  # a coordinated verb: وهددت
            roles.source = prev.roles.source
            f.inherited = True
            if roles.target is None and prev.roles.target is not None:
                roles.target = prev.roles.target
            continue
        top = topic(view, hit.t0)
        if (hit.pos == "v" and top is not None and top is not roles.target
                and _pronoun_clause(view, hit.t0, words["opener"])):
            roles.source = top  # أعلن فابيوس أنه سيتوجه إلى طهران
            f.inherited = True
            continue
        if hit.entry.plover != "AID":
            continue  # aid stories name the donor once, then list what each recipient gets
        for p in reversed(previous[-4:]):
            if p.hit.entry.plover == hit.entry.plover and p.roles.source is not None:
                roles.source = p.roles.source
                f.inherited = True
                break


def _coded(slot: Slot | None) -> bool:
    """Tell whether a phrase holds an actor with a state or organisation code."""
    return slot is not None and any(is_code(a.code) for a in slot.actors)


def _possessor(view: View, t0: int) -> Slot | None:
    """Return the phrase a possessive pronoun on an event noun refers to: the nearest subject before it."""
    best = None
    for s in view.slots:
        if s.t1 >= t0:
            break
        best = s
    return best if best is not None and best.prep == "" else None


def _after_trigger_verb(found: list[Found], i: int) -> bool:
    """Tell whether the trigger before is a verb with a source (its own rule below passes that source on)."""
    return i > 0 and found[i - 1].hit.pos == "v" and found[i - 1].roles.source is not None


def _clause_subject(view: View, t0: int) -> Slot | None:
    """Return the phrase that opens t0's clause as its first verb's subject (إن مصر تطرح …، ويشجب), if any."""
    c = view.clause[t0]
    start = t0
    while start > 0 and view.clause[start - 1] == c:
        start -= 1
    s = next((s for s in view.slots if s.t0 >= start), None)
    if s is None or s.prep != "" or s.t1 >= t0 or s.t0 - start > _OPENING or view.clause[s.t0] != c:
        return None
    # only the clause's opening word (its verb, or إن) and titles stand before: دخلت قوات الأمن جامعة الأنبار
    # names the university as an object
    if not all(view.kinds[k] in _BEFORE_SUBJECT or view.tokens[k].kind == "punct" for k in range(start + 1, s.t0)):
        return None
    return s


def _conjoined(view: View, t0: int) -> bool:
    """Tell whether a verb opens a clause with و or ف after a comma (، ودعا): a verb with no subject of its own."""
    tok = view.tokens[t0]
    if tok.norm[:1] not in ("و", "ف") or tok.norm == view.norms[t0] or t0 == 0:
        return False
    return view.tokens[t0 - 1].text in "،,"


def _pronoun_clause(view: View, t0: int, openers: frozenset[str]) -> bool:
    """Tell whether the trigger's clause opens with "that he/she" (أنه، بأنها) or حيث: its subject is the topic."""
    c = view.clause[t0]
    k = t0
    while k > 0 and view.clause[k - 1] == c:
        k -= 1
    return view.norms[k] in openers
