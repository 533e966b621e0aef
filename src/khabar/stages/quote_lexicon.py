"""Word lists of the quotes stage (speech cues, speaker descriptions) and quotation-mark pairing."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from khabar.arabic import normalize
from khabar.memo import Memo
from khabar.resources import Resources, iter_tsv

CUES_FILE = "quote_cues.tsv"
ROLES_FILE = "quote_roles.tsv"
CUE_KINDS = frozenset({"verb", "participle", "relay", "saying", "according"})
WORD_KINDS = frozenset({"complementizer", "adjunct", "time", "notcomp", "connector", "notcue", "lead", "relative",
                        "preverb", "source", "resume", "roleprep", "rolelink", "copula", "adverb",
                        "resumptive", "issuer", "sender", "maker"})
ROLE_KINDS = frozenset({"role", "title", "pronoun", "unnamed", "document", "plural", "address", "complement",
                        "speech"})
NOT_KNOWN = ("address", "complement", "speech")  # kinds whose words are no description words
MEMO_SIZE = 50_000  # words kept by the memos: the vocabulary of a few thousand articles
PROCLITICS = ("و", "ف")  # a cue verb may carry a conjunction (وقال، فأضاف)
# what may stand before a noun: conjunction, then preposition, then article (وبالبيان); ل with the article
# is written لل (للبيان); the future particle س goes before verbs only
NOUN_PREFIXES = frozenset(c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") for a in ("", "ال")
                          if c + p + a and p + a != "لال") | frozenset({"لل", "ولل", "فلل"})


def joined_in(norm: str, words: Container[str]) -> bool:
    """Tell whether a word, as written or without a leading و or ف (وكان، فقد، وقبل), is one of words."""
    return norm in words or (norm[:1] in PROCLITICS and norm[1:] in words)


@dataclass(slots=True, frozen=True)
class Cue:
    """A speech cue: what kind it is and what may follow it."""

    form: str
    kind: str  # verb, participle, relay, saying, according
    gender: str  # m, f, p or -
    preps: tuple[str, ...]
    noun: bool  # a noun complement after the preposition is reported speech
    initial: bool  # only at the start of a clause
    nodrop: bool  # needs a named subject
    verb: bool  # a verb sits between an according-word and its source
    needprep: bool = False  # the complement must open with one of preps
    adjective: bool = False  # also an adjective (أمرا مؤكدا)
    after: bool = False  # the speaker follows the verb and is a person, role, group or organisation (عبر)
    within: bool = False  # the speaker is the document after في or the author of a speech before فيه (جاء)

    @property
    def other_sense(self) -> bool:
        """Tell whether the verb is mostly another word where no speaker frames it (عبر "via", جاء "came")."""
        return self.after or self.within


@dataclass(slots=True)
class Lexicon:
    """Everything the quotes stage looks up, keyed by normalised token."""

    cues: dict[str, Cue]
    bare: frozenset[str]  # complementisers left out of the quote text
    complementizers: frozenset[str]
    adjuncts: frozenset[str]
    times: frozenset[str]
    notcomp: frozenset[str]
    connectors: frozenset[str]  # one word, or two joined by a space
    notcues: frozenset[str]  # words before a cue that make it a noun (عدم كشف)
    roles: dict[str, str]  # role noun -> class
    titles: dict[str, str]
    pronouns: dict[str, str]  # honorific pronoun -> the title it stands for
    unnamed: dict[str, str]
    documents: dict[str, str]
    leads: frozenset[str] = frozenset()  # words opening a sentence before its subject or verb (وكان، من جانبه)
    relatives: dict[str, str] = field(default_factory=dict)  # relative pronoun -> gender of its verb (الذي: m)
    preverbs: frozenset[str] = frozenset()  # particles between a subject and its verb (قد)
    sources: frozenset[str] = frozenset()  # prepositions naming whose words قوله relays (عن)
    resumes: frozenset[str] = frozenset()  # words resuming a sentence after an according-phrase (فإن)
    rolepreps: frozenset[str] = frozenset()  # adjuncts qualifying a role, not introducing its object (في)
    rolelinks: frozenset[str] = frozenset()  # words continuing a role phrase before a name (باسم)
    copulas: frozenset[str] = frozenset()  # a participle after one is a predicate (ليس مؤكدا)
    adverbs: frozenset[str] = frozenset()  # adverbs in -ًا, no noun a participle qualifies (قريبا)
    plurals: frozenset[str] = frozenset()  # plural heads of speaker phrases
    resumptives: frozenset[str] = frozenset()  # فيه after a verb: the speech it is said in (بيانا أكدت فيه)
    issuers: frozenset[str] = frozenset()  # prepositions naming who issued a document (بيان صادر عن)
    senders: frozenset[str] = frozenset()  # prepositions naming who sent a speech (برقية من فلان)
    makers: frozenset[str] = frozenset()  # verbs whose subject makes a speech (أصدرت الوزارة بيانا)
    speeches: dict[str, str] = field(default_factory=dict)  # speech or writing -> made or sent (كلمة، برقية)
    addresses: dict[str, frozenset[str]] = field(default_factory=dict)  # honorific -> the roles it addresses
    complements: dict[str, frozenset[str]] = field(default_factory=dict)  # role -> prepositions opening its complement
    known: frozenset[str] = frozenset()  # every description word, to stop stripping at a known word
    stems: Memo[str, str] = field(default_factory=lambda: Memo(MEMO_SIZE))  # the same words come back in every article
    heads: Memo[str, str | None] = field(default_factory=lambda: Memo(MEMO_SIZE))  # name -> stem of its first word

    def stem(self, norm: str) -> str:
        """Reduce a normalised word to what descriptions are matched on: no و/ب/ل/ف, no ال."""
        s = self.stems.get(norm)
        if s is None:
            s = self.stems.keep(norm, stem(norm, self.known))
        return s

    def speech(self, norm: str) -> str:
        """Return made or sent for a speech or writing, with proclitics before it (وكلمة، البرقية); else ""."""
        sp = self.speeches
        if norm in sp:
            return sp[norm]
        for cut in range(1, min(5, len(norm) - 2)):  # the longest prefix has four letters (وبال)
            if norm[:cut] in NOUN_PREFIXES and norm[cut:] in sp:
                return sp[norm[cut:]]
        return ""

    def name_head(self, name: str) -> str | None:
        """Return the stem of a name's first word as written normalised (None for a name without words)."""
        if name in self.heads:
            return self.heads[name]
        words = name.split()
        head = self.stem(normalize(words[0])) if words else None
        return self.heads.keep(name, head)


def load_lexicon(resources: Resources) -> Lexicon:
    """Return the quotes lexicon, parsed once per process."""
    return resources.get("quotes.lexicon", _build)


def _build() -> Lexicon:
    cues: dict[str, Cue] = {}
    words: dict[str, set[str]] = {k: set() for k in WORD_KINDS}
    relatives: dict[str, str] = {}
    bare: set[str] = set()
    for kind, form, gender, preps, flags in iter_tsv(CUES_FILE):
        flag_set = set(flags.split(",")) if flags != "-" else set()
        if kind in WORD_KINDS:
            words[kind].add(form)
            if kind == "relative":
                relatives[form] = gender
            if "bare" in flag_set:
                bare.add(form)
            continue
        cue = Cue(form, kind, gender, tuple(preps.split("|")) if preps != "-" else (), "noun" in flag_set,
                  "initial" in flag_set, "nodrop" in flag_set, "verb" in flag_set, "needprep" in flag_set,
                  "adj" in flag_set, "after" in flag_set, "within" in flag_set)
        cues[form] = cue
        for p in PROCLITICS:
            cues.setdefault(p + form, cue)
    tables: dict[str, dict[str, str]] = {k: {} for k in ROLE_KINDS}
    for kind, form, cls in iter_tsv(ROLES_FILE):
        tables[kind][form] = cls
    known = frozenset().union(*(t.keys() for kind, t in tables.items() if kind not in NOT_KNOWN))
    return Lexicon(
        known=known, cues=cues, bare=frozenset(bare), complementizers=frozenset(words["complementizer"]),
        adjuncts=frozenset(words["adjunct"]), times=frozenset(words["time"]), notcomp=frozenset(words["notcomp"]),
        connectors=frozenset(words["connector"]), notcues=frozenset(words["notcue"]),
        leads=frozenset(words["lead"]), relatives=relatives, preverbs=frozenset(words["preverb"]),
        sources=frozenset(words["source"]), resumes=frozenset(words["resume"]),
        rolepreps=frozenset(words["roleprep"]), rolelinks=frozenset(words["rolelink"]),
        copulas=frozenset(words["copula"]), adverbs=frozenset(words["adverb"]),
        resumptives=frozenset(words["resumptive"]), issuers=frozenset(words["issuer"]),
        senders=frozenset(words["sender"]), makers=frozenset(words["maker"]), speeches=tables["speech"],
        roles=tables["role"], titles=tables["title"], pronouns=tables["pronoun"], unnamed=tables["unnamed"],
        documents=tables["document"], plurals=frozenset(tables["plural"]),
        addresses={title: frozenset(roles.split("/")) for title, roles in tables.pop("address").items()},
        complements={role: frozenset(preps.split("|")) for role, preps in tables.pop("complement").items()},
    )


def stem(norm: str, known: frozenset[str] = frozenset()) -> str:
    """Reduce a normalised word to what descriptions are matched on: no و/ب/ل/ف, no ال.

    Stripping stops as soon as the word is a known one, so وزير and ولي keep their first letter.
    """
    w = norm
    if w in known:
        return w
    if len(w) > 3 and w.startswith("ال"):
        return w[2:]
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
        if w in known:
            return w
    if len(w) > 3 and w[0] in "بلك":
        if w[0] == "ل" and w[1] == "ل" and len(w) > 4:
            return w[2:]  # للشركة = ل + الشركة
        w = w[1:]
        if w in known:
            return w
    if len(w) > 3 and w.startswith("ال"):
        w = w[2:]
    return w


# ---------------------------------------------------------------- quotation marks

MARKS = "«»“”„\""  # quotation marks
_OPENING_BEFORE = " \t\n\u00a0(:ـ-–—"  # what may precede an opening mark


def pair_marks(text: str, start: int, end: int, marks: list[int] | None = None) -> list[tuple[int, int | None]]:
    """Return the top-level quoted spans of text[start:end] as (open mark offset, close mark offset or None).

    Marks are paired by the side they lean on, so mismatched pairs seen in the press (« رافال «,
    ” … ”, »المدينة») and straight quotes nested in straight quotes are read as writers meant them.
    marks: the offsets of the quotation marks in text[start:end], when the caller found them already.
    """
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int | None]] = []
    for i in find_all(text, MARKS, start, end) if marks is None else marks:
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        left = not nxt.isspace() and prev in _OPENING_BEFORE  # leans on the word after it: an opener
        right = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())  # leans on the word before it
        top = stack[-1][0] if stack else ""
        if ch == "«":
            if top == "«" and not left:
                _close(stack, spans, len(stack) - 1, i)
            else:
                stack.append((ch, i))
        elif ch == "»":
            depth = _find(stack, "«")
            if depth >= 0:
                _close(stack, spans, depth, i)
            elif top == "»":
                _close(stack, spans, len(stack) - 1, i)
            elif left:
                stack.append((ch, i))
        elif ch in "“„":
            stack.append((ch, i))
        elif ch == "”":
            depth = _find(stack, "“„”")
            if depth >= 0 and not (left and not right and top == "”"):
                _close(stack, spans, depth, i)
            elif left:
                stack.append((ch, i))
        else:  # a straight quote: opener or closer by its context
            if top == '"':
                if left and not right:
                    stack.append((ch, i))
                else:
                    _close(stack, spans, len(stack) - 1, i)
            elif right and not left and _find(stack, '"') >= 0:
                _close(stack, spans, _find(stack, '"'), i)
            else:
                stack.append((ch, i))
    if stack:
        spans.append((stack[0][1], None))
    return spans


def find_all(text: str, chars: str, start: int, end: int) -> list[int]:
    """Return the offsets in text[start:end] of any of the characters of chars, in order."""
    # one str.find scan per character: a regex character class costs far more per character scanned
    out: list[int] = []
    kinds = 0
    for c in chars:
        i = text.find(c, start, end)
        if i >= 0:
            kinds += 1
        while i >= 0:
            out.append(i)
            i = text.find(c, i + 1, end)
    if kinds > 1:
        out.sort()
    return out


def _find(stack: list[tuple[str, int]], chars: str) -> int:
    for k in range(len(stack) - 1, -1, -1):
        if stack[k][0] in chars:
            return k
    return -1


def _close(stack: list[tuple[str, int]], spans: list[tuple[int, int | None]], depth: int, at: int) -> None:
    opener = stack[depth][1]
    del stack[depth:]
    if not stack:
        spans.append((opener, at))
