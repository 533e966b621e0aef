"""Who said it: a speaker noun phrase resolved to an entity, a role holder, or an unnamed description."""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.arabic import normalize
from khabar.stages.quote_lexicon import Lexicon
from khabar.stages.quote_view import COMMAS, STOPS, View

MAX_NAME_TOKENS = 5  # longer runs after a role are phrases, not names (عادل بن أحمد الجبير is 4)
ROLE_WINDOW = 8  # how far before a name its role may start (وزير الدفاع والإنتاج الحربي المصري الفريق أول)
ISSUER_WINDOW = 10  # how far after a document's first mention its issuer is named


@dataclass(slots=True)
class Speaker:
    """A resolved speaker: an entity, a name found in the text, or only a description."""

    entity: int | None = None  # index into doc.entities
    name: str | None = None
    description: str | None = None
    gender: str = "m"
    words: frozenset[str] = frozenset()  # stems of the phrase that introduced the speaker
    pos: int = -1

    @property
    def named(self) -> bool:
        """Tell whether the speaker has a name."""
        return self.entity is not None or self.name is not None


@dataclass(slots=True)
class RoleEntry:
    """A role the article gives a named speaker (وزير الدفاع الأميركي → آشتون كارتر)."""

    words: frozenset[str]
    speaker: Speaker
    pos: int


@dataclass(slots=True)
class Roles:
    """The article's roles of named people and organisations, filled as the stage reads."""

    entries: list[RoleEntry] = field(default_factory=list)
    built: bool = False


def build_roles(view: View, lex: Lexicon, roles: Roles) -> None:
    """Collect the roles written next to each person's mentions, once per article."""
    if roles.built:
        return
    roles.built = True
    ents = view.entities
    for idx, e in enumerate(ents):
        if e.type != "PER":
            continue
        spots = [(view.index_covering(m.start), m) for m in e.mentions]
        # where a mention's token is covered by several mentions, the first one sets the name's end
        ends: dict[int, int] = {}
        for t, m in spots:
            ends.setdefault(t, m.end)
        for t, _m in spots:
            if t < 0 or view.ent[t] != idx:
                continue
            phrases = [_role_before(view, lex, t), _role_after(view, lex, t, ends[t])]
            for words in phrases:
                if words:
                    roles.entries.append(RoleEntry(frozenset(words), Speaker(entity=idx, name=e.name, pos=t), t))
        if e.role:
            words = {lex.stem(normalize(w)) for w in e.role.split()}
            t = spots[0][0] if spots else -1
            roles.entries.append(RoleEntry(frozenset(words), Speaker(entity=idx, name=e.name, pos=t), t))


def _is_role(lex: Lexicon, s: str) -> bool:
    return s in lex.roles or s in lex.titles


def _role_before(view: View, lex: Lexicon, t: int) -> set[str]:
    left = -1
    para = view.para(t)
    lo = view.para_first[para] if para >= 0 else 0  # the tokens before t in its paragraph
    norm, kind, stem = view.norm, view.kind, lex.stem
    k = t - 1
    if k >= 0 and view.comma[k]:
        k -= 1
    held = False  # a role that is no mere title already stands before the name
    while k >= lo and t - k <= ROLE_WINDOW and kind[k] != "punct":
        s = stem(norm[k])
        if _is_role(lex, s):
            left = k
            held = held or (s in lex.roles and s not in lex.titles)
        elif held and norm[k] in lex.adjuncts and norm[k] not in lex.rolepreps and not _complement(lex, view, k, lo):
            # اطلع المبعوث على آراء الوزير ظريف: the name has its role, one before the preposition is
            # someone else's; not so before any role (مسؤول الرقابة عن المنشطات فلان), after a mere title
            # (الأستاذ فلان) or where the preposition opens a role's complement (المشرف على العروض المخرج فلان)
            break
        k -= 1
    if left < 0:
        return set()
    return {stem(norm[j]) for j in range(left, t) if kind[j] == "word"}


def _complement(lex: Lexicon, view: View, k: int, lo: int) -> bool:
    """Tell whether the preposition at token k opens the complement of a role one or two words before it."""
    for j in (k - 1, k - 2):
        if j >= lo and view.norm[k] in lex.complements.get(lex.stem(view.norm[j]), ()):
            return True
    return False


def _role_after(view: View, lex: Lexicon, t: int, end: int) -> set[str]:
    """Return the stems of a role written after the name whose mention covers token t and ends at end."""
    k = t
    while k < view.n and view.start[k] < end:
        k += 1
    while k < view.n and view.kind[k] == "punct" and view.norm[k] in "،,)(":
        k += 1
    if k >= view.n or view.para(k) != view.para(t) or not _is_role(lex, lex.stem(view.norm[k])):
        return set()
    out: set[str] = set()
    while k < view.n and view.kind[k] == "word" and len(out) < ROLE_WINDOW:
        out.add(lex.stem(view.norm[k]))
        k += 1
    return out


def resolve(view: View, lex: Lexicon, roles: Roles, a: int, b: int, pos: int, gender: str,
            describe: bool = True, told: bool = False) -> Speaker | None:
    """Resolve the speaker phrase of tokens a..b-1 said at token pos; None when the phrase is empty.

    With describe False only a named speaker is returned (the first pass, which collects roles). With told
    the phrase may name whom it was said to (قال المصدر لوكالة الأنباء): that part is no speaker.
    """
    if told:
        a, b = _without_addressee(view, lex, a, b)
    words = [j for j in range(a, b) if view.kind[j] in ("word", "latin")]
    if not words:
        return None
    stem = lex.stem
    stems = [stem(view.norm[j]) for j in words]
    word_set = frozenset(stems)
    if stems[0] in lex.plurals or (view.norm[words[0]].endswith("ون") and stems[0] not in lex.known):
        gender = "p"  # a plural subject takes a singular verb before it (أكد مديرو التعليم)
    description = view.text(a, b).strip(" ،,:")
    ents = view.entities
    first_per = next((j for j in range(a, b) if view.ent[j] >= 0 and ents[view.ent[j]].type == "PER"), -1)
    if first_per >= 0:
        return _entity(view, view.ent[first_per], gender, word_set, pos)
    head = next((s for s in stems if s in lex.roles or s in lex.unnamed or s in lex.pronouns
                 or s in lex.documents), "")
    lead = head if head else next((s for s in stems if s not in lex.titles), stems[0])
    first_org = next((j for j in range(a, b) if view.cover[j] >= 0 and ents[view.cover[j]].type in ("ORG", "LOC")),
                     -1)
    if first_org >= 0 and (head in lex.documents or first_org <= words[0] + 1) and head not in lex.roles:
        return _entity(view, view.cover[first_org], gender, word_set, pos)
    if not ents:
        name = fallback_name(view, lex, words) or _appositive_name(view, lex, words)
        if name:
            return Speaker(name=name, gender=gender, words=word_set, pos=pos)
    if not describe:
        return None
    build_roles(view, lex, roles)
    found: Speaker | None = None
    if view.norm[words[0]] in lex.pronouns:
        title = lex.pronouns[view.norm[words[0]]]
        found = match_role(lex, roles, frozenset({title}), title, pos)
    elif head in lex.documents:
        found = _document(view, lex, roles, words, head, pos)
    elif head:
        found = match_role(lex, roles, word_set, head, pos)
    elif ents:
        org = match_org(view, lex, lead, pos)
        if org is not None:
            found = _entity(view, org, gender, word_set, pos)
    if found is not None:
        return Speaker(entity=found.entity, name=found.name, gender=gender, words=word_set, pos=pos)
    if not head and len(words) == 1 and view.norm[words[0]].lstrip("وف").startswith("ال"):
        name = _fuller_phrase(view, lex, lead, pos)
        if name:
            return Speaker(name=name, gender=gender, words=word_set, pos=pos)
    return Speaker(description=description, gender=gender, words=word_set, pos=pos)


def _without_addressee(view: View, lex: Lexicon, a: int, b: int) -> tuple[int, int]:
    """Return the phrase a..b-1 without the one it was said to (لفرانس برس، لـ«عكاظ»), before or after the speaker."""
    idx = _addressee(view, a, media=False)
    if idx >= 0:
        a += 1
        while a < b and (view.kind[a] == "punct" or view.cover[a] == idx):
            a += 1  # وقال لفرانس برس، أكد لـ«عكاظ» عميد الكلية: the speaker, if any, follows
    if a >= b:
        return a, b
    head = lex.stem(view.norm[a])
    if head in lex.roles or head in lex.titles or head in lex.documents or head in lex.speeches:
        return a, b  # المدير العام لصحيفة سبق، بيان لوكالة الأنباء: the outlet is the role's or the document's
    for t in range(a + 1, b):
        if _addressee(view, t, media=True) >= 0:
            return a, t  # مصدر أمني لـ«الشرق الأوسط»، عروة لرويترز
    return a, b


def _addressee(view: View, t: int, media: bool) -> int:
    """Return the person or organisation (with media only an outlet) a preposition ل at token t introduces, else -1.

    لرويترز، لـ«عكاظ»، للجنة: the ل is no part of the mention (لينش، لجنة الانتخابات are names).
    """
    norm = view.norm[t]
    if not norm.startswith("ل") or view.kind[t] != "word":
        return -1
    if norm == "ل":
        u = t + 1
        while u < view.n and u <= t + 2 and view.kind[u] == "punct":
            u += 1
        idx = view.cover[u] if u < view.n else -1
    else:
        idx = view.cover[t]
        if idx < 0 or len(norm) < 3 or view.ent[t] != idx:
            return -1
        if any(m.start == view.start[t] for m in view.entities[idx].mentions):
            return -1
    if idx < 0:
        return -1
    e = view.entities[idx]
    if e.type not in ("ORG", "PER") or (media and e.sector != "MED"):
        return -1
    return idx


def _fuller_phrase(view: View, lex: Lexicon, head: str, pos: int) -> str | None:
    """Return the fuller earlier phrase a bare definite noun stands for (الحزب → الحزب المالديفي الديمقراطي)."""
    for t in range(pos - 1, -1, -1):
        if head not in view.norm[t] or lex.stem(view.norm[t]) != head or not view.has_article(t):
            continue
        e = t + 1
        while e < view.n and e - t <= 3 and view.kind[e] == "word" and view.norm[e].startswith("ال"):
            e += 1
        if e > t + 1:
            text = view.text(t, e)
            return text[1:] if view.norm[t][0] in "وفبل" and not view.norm[t].startswith("ال") else text
    return None


def _entity(view: View, idx: int, gender: str, words: frozenset[str], pos: int) -> Speaker:
    return Speaker(entity=idx, name=view.entities[idx].name, gender=gender, words=words, pos=pos)


def _document(view: View, lex: Lexicon, roles: Roles, words: list[int], head: str, pos: int) -> Speaker | None:
    """Resolve a statement, report or outlet (بيان للتحالف، النشرة) to whoever issued it."""
    k = next(i for i, j in enumerate(words) if lex.stem(view.norm[j]) == head)
    if k + 1 < len(words) and view.entities:
        org = match_org(view, lex, lex.stem(view.norm[words[k + 1]]), pos)
        if org is not None:
            return _entity(view, org, "m", frozenset(), pos)
    found = match_role(lex, roles, frozenset({head}), head, pos, before_only=True)
    if found is not None:
        return found
    # the document's first mention often names its issuer (النشرة التي تصدرها مؤسسة النقد)
    for t in range(pos):
        if lex.stem(view.norm[t]) == head:
            for u in range(t + 1, min(view.sentence_end(t), t + ISSUER_WINDOW)):
                idx = view.cover[u]
                if idx >= 0 and view.entities[idx].type in ("ORG", "PER"):
                    return _entity(view, idx, "m", frozenset(), pos)
            break
    return None


def match_role(lex: Lexicon, roles: Roles, words: frozenset[str], head: str, pos: int,
               before_only: bool = False) -> Speaker | None:
    """Find the named speaker whose role in the article best fits a description (الوزير الأميركي)."""
    head_class = lex.roles.get(head) or lex.titles.get(head) or lex.unnamed.get(head) or lex.pronouns.get(head)
    best: tuple[float, int] | None = None
    found: Speaker | None = None
    for entry in roles.entries:
        if not entry.speaker.named or (before_only and entry.pos > pos):
            continue
        if head in entry.words:
            score = 2.0
        elif head_class and any((lex.roles.get(w) or lex.titles.get(w)) == head_class for w in entry.words):
            score = 1.5
        elif head in lex.addresses and not lex.addresses[head].isdisjoint(entry.words):
            score = 1.5  # سموه: a prince, معاليه: a minister
        else:
            continue
        for w in words:
            if w != head and w in entry.words and w not in lex.titles:
                score += 0.5 if w.endswith("ي") else 1.0
        for w in entry.words:
            # a qualifier the description lacks speaks against it: وزير الخارجية is not الوزير الإيطالي
            if w not in words and w.endswith("ي") and len(w) > 3 and w not in lex.known:
                score -= 0.5
        # the nearest earlier holder of the role wins a tie; a later one only when none came before
        distance = pos - entry.pos if entry.pos <= pos else 100000 + entry.pos - pos
        key = (score, -distance)
        if best is None or key > best:
            best, found = key, entry.speaker
    return found


def match_org(view: View, lex: Lexicon, head: str, pos: int) -> int | None:
    """Find the organisation a bare description names by its head noun (الحزب → الحزب الديمقراطي)."""
    best: tuple[int, int] | None = None
    found = None
    for idx, e in enumerate(view.entities):
        if e.type != "ORG":
            continue
        names = [e.name, *e.aliases]
        if not any(lex.name_head(n) == head for n in names):
            continue
        spots = [view.index_covering(m.start) for m in e.mentions] or [view.n * 2]
        for t in spots:
            distance = pos - t if 0 <= t <= pos else 100000 + t - pos
            if best is None or -distance > best[1]:
                best, found = (0, -distance), idx
    return found


def _appositive_name(view: View, lex: Lexicon, words: list[int]) -> str | None:
    """Read a name set off by commas after a role (مدير الإدارة الأوروبية، يوري بيليبسون،)."""
    segments: list[list[int]] = [[]]
    for prev, j in zip([-1, *words], words, strict=False):
        if prev >= 0 and any(view.is_punct(k, COMMAS) for k in range(prev + 1, j)):
            segments.append([])
        segments[-1].append(j)
    for seg in reversed(segments[1:]):
        first = view.norm[seg[0]]
        if first[0] in "لب" and not view.has_article(seg[0]):
            continue  # لتصدير الأسلحة: a qualifier, not a name
        name = fallback_name(view, lex, seg)
        if name:
            return name
    return None


def fallback_name(view: View, lex: Lexicon, words: list[int]) -> str | None:
    """Read a person's name off a speaker phrase when no entity covers it: what follows the role and titles."""
    k = 0
    seen_role = False
    indefinite_role = False
    while k < len(words):
        j = words[k]
        s = lex.stem(view.norm[j])
        if s in lex.roles or s in lex.titles or s in lex.unnamed or s in lex.documents:
            seen_role = True
            indefinite_role = not view.has_article(j) and s not in lex.titles
            k += 1
            continue
        if seen_role and (view.has_article(j) or view.norm[j] in lex.rolelinks):
            indefinite_role = False
            k += 1
            continue
        break
    if indefinite_role or k >= len(words):
        return None  # رئيس شركة X، مصدر حكومي: what follows names an organisation or qualifies the head
    run: list[int] = []
    for j in words[k:]:
        s = lex.stem(view.norm[j])
        if s in lex.roles or view.is_adjunct(j, lex.adjuncts) or view.norm[j] in lex.times:
            break
        if j > (run[-1] if run else j) + 1:
            break  # a gap (punctuation) ends the name
        run.append(j)
    if not run:
        return None
    if len(run) > MAX_NAME_TOKENS - 1:
        last_al = max((i for i, j in enumerate(run) if view.has_article(j)), default=-1)
        run = run[last_al + 1:] if 0 <= last_al < len(run) - 1 else run[-2:]
    if not run or view.norm[run[0]] in lex.complementizers:
        return None
    first = view.norm[run[0]]
    if view.has_article(run[0]) and len(run) == 1:
        return None  # a bare definite noun (الحزب) is a description
    text = view.text(run[0], run[-1] + 1)
    if k > 0 and lex.stem(view.norm[words[k - 1]]) in lex.documents and first.startswith("ل") and len(first) > 3:
        text = "ا" + text[1:] if first.startswith("لل") else text[1:]  # بيان للتحالف: the issuer is التحالف
    return text


def is_stop(view: View, i: int) -> bool:
    """Tell whether token i ends a sentence."""
    return view.kind[i] == "punct" and view.norm[i] in STOPS and not view.quoted[i]
