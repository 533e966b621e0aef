"""Who does what to whom: the source and target phrases of a trigger, from Arabic word order."""

from __future__ import annotations

from dataclasses import dataclass

from khabar.stages.event_actors import AGENT, Slot, View, has_state
from khabar.stages.event_hits import Hit, masculine_singular, plural_verb
from khabar.stages.event_targets import PREP_WINDOW, find_target, genitive, prep_between, prep_target

SUBJECT_BEFORE = 6  # words between an SVO subject and its verb (روسيا وتركيا تقتربان من توقيع)
SUBJECT_AFTER = 6  # words between a VSO verb and its subject (honorifics and titles come first)
CLAIM_TO_AUTHOR = 2  # words between a claim noun and its author (تصريحات نوري المالكي، الاتهامات الأخيرة لـ)
# Harm verbs are mostly passive in the press (قُتل، اعتُقل): a lone named person by them is the victim.
_HARM = frozenset({"ASSAULT", "COERCE"})


@dataclass(slots=True)
class Roles:
    """The phrases a trigger's actors come from, and how the source was found."""

    source: Slot | None
    target: Slot | None
    how: str  # svo, vso, rel, gen, none, agree (the name after the verb is its object), lightrel (event_relative)
    pair: bool = False  # source and target are the two members of one phrase (بين X وY)


def assign(view: View, hit: Hit, context: dict[str, frozenset[str]]) -> Roles:
    """Find the source and target phrases of a trigger (context: the word sets of the actor-cue file)."""
    entry = hit.entry
    if "claims" in entry.flags:  # تصريحات المالكي عارية من الصحة: the speaker rejects the claims' author
        return Roles(_speaker(view, hit.t0), _claimant(view, hit.t0), "claims")
    pair = _between(view, hit) if "بين" in entry.targets or "sym" in entry.flags else None
    if pair is not None:
        return Roles(pair, pair, "pair", pair=True)
    if hit.pos == "v":
        source, how = _verb_source(view, hit, context)
    else:
        source, how = _noun_source(view, hit)
    target = find_target(view, hit, source, how)
    if how == "svo" and hit.pos == "n" and source is not None and _received(view, source, hit):
        # حصلت بريطانيا على الدفعة الأولى من التمويل؛ تلقت المملكة طلبا من المجموعة
        giver = prep_target(view, hit, "من", view.clause[hit.t0])
        source, target, how = giver, source, "none"
    if "victim" in entry.flags and how == "svo" and target is None and source is not None:
        source, target, how = None, source, "none"  # سبعة جنود ليبيين قتلوا: were killed
    if (hit.pos == "v" and entry.plover in _HARM and target is None and source is not None and source.person
            and not _has_code(source)):
        source, target, how = None, source, "none"  # قتل الفضلي، اعتقل ويب: a named person is the one harmed
    if (target is None and how == "gen" and source is not None and "obj" in entry.targets and source.prep == ""
            and not source.adjective):
        source, target, how = None, source, "none"  # objective genitive: اعتقال X, تزويد أنقرة
    if source is not None and source.territory:  # قصف المناطق الباكستانية: the land is what was hit
        source, target = None, target or source
    if entry.plover in _HARM:
        agent = _harm_agent(view, hit)
        if agent is not None and agent is not source:
            if target is None and source is not None and hit.pos == "v":
                target = source  # قتل جنديان باكستانيان بنيران هندية: the verb is passive
            source, how = agent, "byagent"
    if "pass" in entry.flags and how != "byagent":
        source = None
    if "travel" in entry.flags and target is not None and not target.places and not has_state(target):
        if target.person and source is None:
            source = target  # زيارة للرئيس الصيني: ل marks the visitor
        target = None
    return Roles(source, target, how)


def _claimant(view: View, t0: int) -> Slot | None:
    """Return the author of the claims a verdict is about: the genitive of the nearest claim noun before it."""
    c = view.clause[t0]
    for k in range(t0 - 1, -1, -1):
        if view.clause[k] != c:
            return None
        if view.kinds[k] == "claim":
            return next((s for s in view.slots if k < s.t0 <= k + CLAIM_TO_AUTHOR and s.t1 < t0 and s.prep == ""),
                        None)
    return None


def _speaker(view: View, t0: int) -> Slot | None:
    """Return who gives a verdict: the subject of the last speech verb before it, or the sentence's topic."""
    k = next((j for j in range(t0 - 1, -1, -1) if view.kinds[j] == "speech"), None)
    if k is not None:
        after = next((s for s in view.slots if k < s.t0), None)
        if (after is not None and after.t0 - k <= SUBJECT_AFTER and after.prep == "" and view.clause[after.t0] ==
                view.clause[k] and not prep_between(view, k + 1, after.t0)):
            return after  # وقال عسيري إن …
        before = _before(view, k, SUBJECT_BEFORE)
        if before is not None:
            return before  # المتحدث … قال إن …
    return topic(view, t0)


def _received(view: View, source: Slot, hit: Hit) -> bool:
    """Tell whether a verb of receiving governs a subject and the noun it receives.

    The verb stands before the subject, past its titles (تلقى خادم الحرمين الشريفين الملك سلمان اتصالا),
    or between the subject and the noun (حصلت بريطانيا على الدفعة الأولى من التمويل).
    """
    k = source.t0 - 1
    while k >= 0 and (view.kinds[k] in ("title", "head", "particle") or view.tokens[k].kind == "punct"):
        k -= 1
    if k >= 0 and source.t0 - k <= 5 and view.kinds[k] == "receive":
        return True
    lo = max(0, source.t0 - 4)  # تعرض مبنى رئاسة فرع الحزب لاعتداء
    return any(view.kinds[k] == "receive" for k in range(lo, hit.t0) if not source.t0 <= k <= source.t1)


def _has_code(slot: Slot) -> bool:
    return any(a.code and a.code.isascii() and a.code.isupper() for a in slot.actors)


def _between(view: View, hit: Hit) -> Slot | None:
    """Return the phrase after بين when it names two sides (مباحثات بين X وY)."""
    c = view.clause[hit.t0]
    for k in range(hit.t1 + 1, min(len(view.tokens), hit.t1 + 5)):
        if view.clause[k] != c:
            return None
        if view.norms[k] == "بين":
            first = next((s for s in view.slots if k < s.t0 <= k + 3), None)
            if first is None:
                return None
            if len(first.actors) >= 2:
                return first
            # بين قياديين من طالبان وممثلين عن حكومة كابل: two phrases, the second after و
            second = next((s for s in view.slots if first.t1 < s.t0 <= first.t1 + 5), None)
            if second is None or not any(view.tokens[j].norm.startswith("و") and view.tokens[j].kind == "word"
                                         for j in range(first.t1 + 1, second.t0 + 1)):
                return None
            return Slot(first.t0, second.t1, [first.actors[0], second.actors[0]], first.prep)
    return None


def _verb_source(view: View, hit: Hit, context: dict[str, frozenset[str]]) -> tuple[Slot | None, str]:
    if hit.we:
        return None, "we"  # the subject is the speaker's side, never a name nearby
    rel = _relative_before(view, hit.t0)
    before = _before(view, hit.t0, SUBJECT_BEFORE)
    if before is not None and not all(
            view.tokens[k].kind == "punct" or view.kinds[k] == "particle" for k in range(before.t1 + 1, hit.t0)):
        before = None  # a noun stands between: شركة تعمل مع السعودية is not Kuwait's doing
    norm = view.tokens[hit.t0].norm
    if (before is not None and norm[0] in "وف" and not norm.startswith(hit.entry.form)
            and any(view.tokens[k].text in "،," for k in range(before.t1 + 1, hit.t0))):
        before = None  # after a comma a conjoined verb opens a new clause: المملكة تدعم اليمن، واتهم …
    if rel is not None:
        if hit.suffix:  # فرضتها: the pronoun is the antecedent (object), the subject follows
            after = _after(view, hit)
            if after is not None:
                return after, "vso"
        else:
            ante = _slot_ending_near(view, rel)
            if ante is not None:
                return ante, "rel"
    if before is not None:
        return before, "svo"
    after = _after(view, hit)
    if after is not None:
        return (None, "agree") if _disagrees(view, hit, after, context) else (after, "vso")
    return None, "none"


def _disagrees(view: View, hit: Hit, after: Slot, context: dict[str, frozenset[str]]) -> bool:
    """Tell whether the name right after a verb is its object, as the verb's number or gender shows.

    اتهم إيران بدعم الإرهاب: the verb would read اتهمت with Iran its subject; اتهم العراق keeps Iraq.
    ناشد الأمم المتحدة: likewise for a feminine organisation (ناشدت); طالبوا الحكومة: a verb before its
    subject is singular, so after a plural or dual verb the name is the object.
    """
    if after.t0 not in (hit.t0 + 1, hit.t1 + 1) or after.person:
        return False
    norm = view.tokens[hit.t0].norm
    kind = view.kinds[after.t0]
    if kind in ("", "head") and plural_verb(norm, hit):
        return True
    first = view.norms[after.t0]
    if after.places:
        if kind or first in context["masculine"] or not has_state(after):
            return False
    elif kind not in ("", "head") or not (first.endswith("ه") or first in context["feminine"]):
        return False  # a masculine body (الاتحاد، مجلس) agrees with a masculine verb
    elif hit.entry.plover in _HARM:
        return False  # قصف المدفعية التركية: the bare harm verb reads as its noun, with the doer as genitive
    return masculine_singular(norm, hit)


def _noun_source(view: View, hit: Hit) -> tuple[Slot | None, str]:
    if hit.entry.words:  # وقوف دولة الإمارات إلى جانب اليمن: a genitive inside the pattern is its agent
        inner = next((s for s in view.slots if hit.t0 < s.t0 and s.t1 < hit.t1 and s.prep == ""), None)
        if inner is not None:
            return inner, "gen"
    gen = genitive(view, hit)
    if gen is not None and hit.entry.plover == "CONSULT" and len(gen.places) == len(gen.actors):
        gen = None  # اجتماع الدوحة، قمة الرياض: a place after a meeting noun is its venue
    if gen is not None:
        if gen.adjective:
            return gen, "gen"  # العقوبات الأمريكية، الاحتلال الإيراني: the adjective names the agent
        if gen.prep == "ل" and "ل" in hit.entry.targets and not (gen.person and "travel" in hit.entry.flags):
            pass  # a goal (مساعدات لليمن، تهنئة للرئيس), except a person's visit (زيارة للرئيس الصيني)
        elif gen.prep == "" and "obj" in hit.entry.targets:
            pass  # objective genitive: the target
        else:
            return gen, "gen"
    agent = _agent_phrase(view, hit)
    if agent is not None:
        return agent, "byagent"
    rel = _relative_after(view, hit)
    if rel is not None:
        return rel, "rel"
    before = _before(view, hit.t0, SUBJECT_BEFORE + 2)
    if (before is not None and "weak" in hit.entry.flags and not _after_light_verb(view, before)
            and not _light_between(view, before.t1, hit.t0)):
        before = None  # ردا على الاتفاق الدولي: a weak noun's subject must come with a light verb (عقد X اجتماعا)
    if (before is not None and not any(view.tokens[k].text in "،," for k in range(before.t1 + 1, hit.t0))
            and not _speech_clause(view, before.t0)
            and not any(k in view.triggers for k in range(max(0, before.t0 - 3), before.t0))):
        # أجرى الجبير مباحثات; not across a comma (داعش، مقدما التهنئة), not a commenter (علق خاشقجي على تفجير),
        # not another trigger's object (قتل بدر … بإطلاق النار)
        return before, "svo"
    return None, "none"


def _after_light_verb(view: View, slot: Slot) -> bool:
    """Tell whether a subject follows a light verb (عقد الأمير … اجتماعا), past titles and particles."""
    k = slot.t0 - 1
    while k >= 0 and (view.kinds[k] in ("title", "head", "particle") or view.tokens[k].kind == "punct"):
        k -= 1
    return k >= 0 and view.kinds[k] == "light"


def _light_between(view: View, t1: int, t0: int) -> bool:
    """Tell whether a light verb alone stands between a subject and its event noun (X سيعقد اجتماعا، X قد أجرى)."""
    kinds = view.kinds[t1 + 1:t0]
    return "light" in kinds and all(k in ("light", "particle") for k in kinds)


def _relative_before(view: View, t0: int) -> int | None:
    """Return the relative pronoun that opens the trigger's clause, when no name stands between."""
    c = view.clause[t0]
    k = t0 - 1
    while k >= 0 and view.clause[k] == c:
        k -= 1
    k += 1  # the clause's first token
    if k < t0 and view.kinds[k] == "relative" and not any(k < s.t0 < t0 for s in view.slots):
        return k
    return None


def _slot_ending_near(view: View, k: int) -> Slot | None:
    for s in view.slots:
        if k - 3 <= s.t1 < k and s.prep in ("", "ل"):
            return s
    return None


def _before(view: View, t0: int, window: int) -> Slot | None:
    """Return the subject before a trigger: the nearest phrase of its clause, if no preposition governs it."""
    c = view.clause[t0]
    best = None
    for s in view.slots:
        if s.t1 >= t0:
            break
        best = s
    if best is None or view.clause[best.t1] != c or t0 - best.t1 > window or best.prep != "":
        return None
    if _quote_opens(view, best.t1 + 1, t0) and _speech_clause(view, best.t0):
        return None  # وأوضح فابيوس "لقد دعاني …": the speaker is not the quoted verb's subject
    return best


def _quote_opens(view: View, lo: int, hi: int) -> bool:
    return any(view.tokens[k].kind == "punct" and view.tokens[k].text in "«\"“" for k in range(lo, hi))


def _speech_clause(view: View, k: int) -> bool:
    c = view.clause[k]
    while k > 0 and view.clause[k - 1] == c:
        k -= 1
    return view.kinds[k] == "speech"


def topic(view: View, t0: int) -> Slot | None:
    """Return the subject of the sentence's first clause before t0 (the actor a pro-dropped verb refers to)."""
    for s in view.slots:
        if s.t0 >= t0:
            return None
        if s.prep == "" and view.clause[s.t0] < view.clause[t0]:
            return s
    return None


def _after(view: View, hit: Hit) -> Slot | None:
    c = view.clause[hit.t0]
    for s in view.slots:
        if s.t0 <= hit.t0:
            continue
        # a place inside a title (مدير شرطة منطقة الرياض اللواء …) does not count against the window
        places = len(view.place_tokens.intersection(range(hit.t0 + 1, s.t0))) if view.place_tokens else 0
        if s.t0 - hit.t0 - places > SUBJECT_AFTER or view.clause[s.t0] != c:
            return None
        if s.prep != "" or prep_between(view, hit.t0 + 1, s.t0):
            return None
        if not all(_before_subject(view, k, hit) for k in range(hit.t0 + 1, s.t0)):
            return None  # تلتقي مصالح إسرائيل: the name is the genitive of another noun, not the subject
        if any(_clitic_title(view, k) for k in range(hit.t1 + 1, s.t0)):
            return None  # التقى بأمين المنطقة الدكتور خالد: ب on the title makes the name the one met
        return s
    return None


def _before_subject(view: View, k: int, hit: Hit) -> bool:
    """Tell whether a word may stand between a verb and its subject: a title, rank, head noun or particle."""
    if k <= hit.t1 and k not in view.triggers:
        return True  # inside the trigger's own pattern (وقعت المالديف اتفاقا)
    tok = view.tokens[k]
    if tok.kind == "punct" or view.kinds[k] in ("title", "head", "particle"):
        return True
    if k in view.place_tokens:  # مدير شرطة دبي اللواء …: a place without a code right after a title or head word
        j = k - 1
        while j in view.place_tokens:
            j -= 1
        return j > hit.t1 and view.kinds[j] in ("title", "head")
    # وزير الإسكان، محافظ القطيف: the definite genitive of a head or title word, itself no event
    j = k - 1
    while j > hit.t1 and view.kinds[j] == "" and view.tokens[j].kind == "word" and _definite(view.norms[j]):
        j -= 1
    return (j > hit.t1 and view.kinds[j] in ("title", "head") and _definite(view.norms[k])
            and k not in view.triggers and view.kinds[k] == "")


def _clitic_title(view: View, k: int) -> bool:
    """Tell whether a title or head word carries a ب or ل of its own (بأمين، لوزير; not بعثة)."""
    norm = view.norms[k]
    if view.kinds[k] not in ("title", "head") or len(norm) < 4 or norm[0] not in "بل":
        return False
    rest = norm[1:]
    return rest.startswith("ال") or (view.words.get(rest) or ("", ""))[0] in ("title", "head")


def _definite(norm: str) -> bool:
    """Tell whether a normalised word carries the article and more than a two-letter stem."""
    return norm.startswith("ال") and len(norm) > 3


def _agent_phrase(view: View, hit: Hit) -> Slot | None:
    """Return the phrase after من قبل (by) following a noun or participle."""
    for k in range(hit.t1 + 1, min(len(view.norms) - 1, hit.t1 + 6)):
        if view.norms[k] == "من" and view.norms[k + 1] == "قبل":
            for s in view.slots:
                if k + 1 < s.t0 <= k + 3:
                    return s
    return None


def _harm_agent(view: View, hit: Hit) -> Slot | None:
    """Return who fired or acted in a harm event: بنيران هندية after it, or من قبل after a passive verb."""
    c = view.clause[hit.t0]
    for s in view.slots:
        if s.t0 > hit.t1 + PREP_WINDOW or (s.t0 > hit.t1 and view.clause[s.t0] != c):
            break
        if s.prep == AGENT and s.t0 > hit.t1:  # the break above keeps it in the trigger's clause
            return s
    return _agent_phrase(view, hit) if hit.pos == "v" else None


def _relative_after(view: View, hit: Hit) -> Slot | None:
    """Return the subject of a relative clause on the trigger (العقوبات التي فرضتها الولايات المتحدة)."""
    for k in range(hit.t1 + 1, min(len(view.kinds), hit.t1 + 3)):
        if view.kinds[k] == "relative":
            if k + 1 < len(view.kinds) and view.kinds[k + 1] == "speech":
                return None  # الهجمات التي تحدثت عنها واشنطن: who speaks of an event is not its doer
            for s in view.slots:
                if k + 1 < s.t0 <= k + 3 and s.prep == "":
                    return s
            return None
    return None
