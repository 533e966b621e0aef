"""Numbers for the amounts stage: the lexicon of number, scale and currency words, and a numeral parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from khabar.resources import Resources, iter_tsv
from khabar.stages.amount_text import alternation, expand_phrases, with_clitics

ARABIC_WORD = r"[\u0621-\u064A]+"
NUMERAL = r"\d+(?:[.,٫٬ر]\d+)*"
# ك is left out (كمية is no ك + مية) and ل only before longer words (لست is "I am not", not ل + ست).
_CLITIC_NUMBER = "(?:وب|فب|و|ف|ب|(?:ول|فل|ل)(?=[\u0621-\u064A]{4}))?"
_TOKEN = re.compile(r"(\s*)(و\s*)?(" + NUMERAL + "|" + ARABIC_WORD + ")")
# A number in brackets or quotes before its scale word: (20) ألف ريال، “100″ ألف درهم.
_CLOSED_SCALE = re.compile(r"[)\"”″»']\s*(" + ARABIC_WORD + ")")
# Endings an adjective takes in agreement with its currency noun (قطري، قطريا، قطريه، قطريين، قطريون).
_ADJECTIVE_ENDINGS = ("", "ا", "ه", "ين", "ون", "ان", "يا")


@dataclass(slots=True)
class AmountLexicon:
    """Everything the amounts stage matches, built once from the data files."""

    words: dict[str, tuple[float, str]]  # number word → (value, role)
    scales: dict[str, tuple[float, str]]  # scale word → (multiplier, grammatical number)
    currencies: dict[str, tuple[str, str, float]]  # form → (base, code, factor)
    adjectives: dict[tuple[str, str], str]  # (base, adjective form) → code, "-" for not money
    context: dict[str, frozenset[str]]  # kind → phrases
    month_words: frozenset[str]  # every word of a month name (يوليو، كانون، الثاني is left out)
    anchor: re.Pattern[str]
    anchor_words: frozenset[str]  # number and scale words with the clitics they may carry, for token lookups
    currency: re.Pattern[str]
    percent: re.Pattern[str]
    token: re.Pattern[str] = field(default_factory=lambda: _TOKEN)


def load_lexicon(resources: Resources) -> AmountLexicon:
    """Return the amounts lexicon, reading the data files on first use."""
    return resources.get("amounts.lexicon", _build)


def _build() -> AmountLexicon:
    words = {r[0]: (float(r[1]), r[2]) for r in iter_tsv("number_words.tsv")}
    scales = {r[0]: (float(r[1]), r[2]) for r in iter_tsv("scale_words.tsv")}
    currencies = {r[0]: (r[1], r[2], float(r[3])) for r in iter_tsv("currencies.tsv")}
    adjectives: dict[tuple[str, str], str] = {}
    for base, stem, code in iter_tsv("currency_adjectives.tsv"):
        for ending in _ADJECTIVE_ENDINGS:
            adjectives.setdefault((base, stem + ending), code)
    context: dict[str, set[str]] = {}
    for kind, phrase in iter_tsv("amount_context.tsv"):
        context.setdefault(kind, set()).add(phrase)
    months: set[str] = set()
    for row in iter_tsv("months.tsv"):
        first = row[0].split()[0]
        months.add(first)
    anchor = re.compile(
        r"(?P<num>" + NUMERAL + r")"
        r"|(?<![\u0621-\u064A])(?P<word>" + _CLITIC_NUMBER + "(?:" + alternation([*words, *scales]) + r"))"
        r"(?![\u0621-\u064A])"
    )
    symbols = [c for c in currencies if not c[0].isalpha()]
    named = [c for c in currencies if c[0].isalpha()]
    currency = re.compile(
        r"\s*(?:(?P<of>من)\s+)?(?P<cur>" + alternation(named) + r")(?![\u0621-\u064A])"
        r"|\s*(?P<sym>" + "|".join(re.escape(s) for s in symbols) + ")"
    )
    percent = re.compile(r"\s*(?:[%٪]|(?:في\s*|ب\s*)ال(?:مايه|ميه|مييه)(?![\u0621-\u064A]))")
    numberish = [*words, *scales]
    anchor_words = with_clitics(numberish, ("و", "ف", "ب", "وب", "فب")) | with_clitics(
        [w for w in numberish if len(w) >= 4], ("ل", "ول", "فل"))
    return AmountLexicon(
        words, scales, currencies, adjectives,
        {k: (expand_phrases(v) if k.endswith("_before") else frozenset(v)) for k, v in context.items()},
        frozenset(months), anchor, anchor_words, currency, percent,
    )


@dataclass(slots=True)
class Numeral:
    """A number expression found in folded text: digits and/or words, with its scale words resolved."""

    start: int
    end: int
    value: float
    words_only: bool
    scale: float = 0.0  # the last scale word's multiplier, 0 when none
    scale_number: str = ""  # sg, du or pl for the last scale word
    digits: str = ""  # the first numeral as written, when it starts with digits
    first: str = ""  # the first number word, without its clitic
    clitic: str = ""  # a conjunction or preposition written onto the first word (و in ومليوني)


def parse_digits(s: str, before_scale: bool) -> float:
    """Read a numeral with its separators: 8.6, 16,312, ٫ and ٬, and the reversed 432ر690ر29 form."""
    if s.isdigit():
        return float(s)
    if "ر" in s:
        # wire style writes the groups in reverse order: 432ر690ر29 is 29,690,432 and 5ر1 is 1.5
        groups = s.split("ر")[::-1]
        if len(groups) > 2 or (len(groups[1]) == 3 and not before_scale):
            return float("".join(groups))
        return float(groups[0] + "." + groups[1])
    s = s.replace("٬", "").replace("٫", ".")
    if s.isdigit():
        return float(s)
    if "," in s and "." in s:
        return float(s.replace(",", "")) if s.rfind(".") > s.rfind(",") else float(s.replace(".", "").replace(",", "."))
    if "," in s:
        parts = s.split(",")
        if all(len(p) == 3 for p in parts[1:]):
            return float("".join(parts))
        return float(s.replace(",", ".", 1).replace(",", ""))
    if s.count(".") > 1 or (not before_scale and len(s) - s.index(".") == 4 and s[0] != "0"):
        return float(s.replace(".", ""))  # 1.000.000، and 3.043 نسمة: a dot before three digits groups thousands
    return float(s)


def strip_number_clitic(word: str, lex: AmountLexicon) -> tuple[str, str]:
    """Split a leading و/ف/ب/ل/ك off a number or scale word; return (clitic, word)."""
    if word in lex.words or word in lex.scales:
        return "", word
    for n in (2, 1):
        if len(word) > n and word[0] in "وفبل" and (word[n:] in lex.words or word[n:] in lex.scales):
            return word[:n], word[n:]
    return "", word


def read_numeral(text: str, start: int, first: str, lex: AmountLexicon) -> Numeral | None:
    """Read the number expression that begins at start with the token first (digits or a number word).

    Groups join the way Arabic writes them: units before tens with و (خمسة وعشرون), a unit before
    مائة or عشر (ثلاث مائة، ثلاثة عشر), a number before its scale word (4.5 مليارات), and smaller
    groups after a scale with و (مليار و200 مليون، مليون ونصف).
    """
    st = _State()
    pos, tok, conj = start, first, False
    end = start
    while True:
        ok = _step(st, text, pos, tok, conj, lex)
        if ok is None:
            return None
        if not ok:
            break
        end = pos + len(tok)
        m = lex.token.match(text, end)
        if st.kind == "digits" and (m is None or not m.group(1)):
            closed = _CLOSED_SCALE.match(text, end)
            if closed and closed.group(1) in lex.scales:
                m = lex.token.match(text, closed.start(1) - 1)
        if not m or not (m.group(1) or m.group(2)):
            break
        pos, tok = m.start(3), m.group(3)
        conj = bool(m.group(2))
        if not conj and tok.startswith("و") and len(tok) > 1 and not tok[1].isdigit():
            clitic, _ = strip_number_clitic(tok, lex)
            conj = clitic.startswith("و")
    if st.kind in ("fraction", "teen2", "") or (st.words_only and st.kind == "one"):
        return None  # نصف، اثنا alone are no number; واحد alone qualifies a noun (يوم واحد)
    clitic, word = ("", first) if first[0].isdigit() else strip_number_clitic(first, lex)
    return Numeral(start, end, st.total + (st.cur or 0), st.words_only, st.scale, st.scale_number, st.digits,
                   word, clitic)


@dataclass(slots=True)
class _State:
    total: float = 0.0
    cur: float | None = None
    kind: str = ""
    scale: float = 0.0
    scale_number: str = ""
    digits: str = ""
    words_only: bool = True


def _step(st: _State, text: str, pos: int, tok: str, conj: bool, lex: AmountLexicon) -> bool | None:
    """Fold one more token into the number; False when it does not belong to it, None when the whole is void."""
    if tok[0].isdigit():
        before_scale = _scale_follows(text, pos + len(tok), lex)
        if st.kind:  # digits continue only a scaled group: 5 ملايين و300 ألف
            if not (conj and st.kind == "scale"):
                return False
            v = parse_digits(tok, before_scale)
            if v >= st.scale:
                return False
            st.cur = v
        else:
            st.digits = tok
            st.cur = parse_digits(tok, before_scale)
        st.kind = "digits"
        st.words_only = False
        return True
    word = tok
    if conj or not st.kind:
        _, word = strip_number_clitic(tok, lex)
    if word in lex.scales:
        return _scale_step(st, word, conj, lex)
    if st.kind == "fraction_done" and word.startswith("ال") and word[2:] in lex.scales:
        return True  # مليون ونصف المليون
    if word not in lex.words:
        return False
    value, role = lex.words[word]
    kind = st.kind
    if not kind:
        st.cur, st.kind = value, role
    elif role == "ten" and not conj and kind in ("unit", "one", "teen2"):
        st.cur, st.kind = (st.cur or 0) + 10, "teen"
    elif role == "hundred" and not conj and kind == "unit":
        st.cur, st.kind = (st.cur or 0) * 100, "hundreds"
    elif conj and role == "tens" and kind in ("unit", "one"):
        st.cur, st.kind = (st.cur or 0) + value, "tens"
    elif conj and role == "fraction" and kind == "scale":
        st.total += value * st.scale
        st.kind = "fraction_done"
    elif conj and kind == "scale" and role not in ("fraction", "teen2") and value < st.scale:
        st.cur, st.kind = value, role
    elif conj and kind in ("hundred", "hundreds") and value < 100 and role not in ("fraction", "teen2"):
        st.cur, st.kind = (st.cur or 0) + value, role
    else:
        return False
    return True


def _scale_step(st: _State, word: str, conj: bool, lex: AmountLexicon) -> bool | None:
    mult, number = lex.scales[word]
    if conj:
        return False
    if st.cur is not None:
        st.total += st.cur * mult
    elif st.kind == "scale":
        st.total *= mult  # ألف مليار
    elif number == "pl":
        return None  # ملايين، آلاف alone are vague
    elif st.kind:
        return False
    else:
        st.total += mult * (2 if number == "du" else 1)
    st.cur = None
    st.kind, st.scale, st.scale_number = "scale", mult, number
    return True


def _scale_follows(text: str, pos: int, lex: AmountLexicon) -> bool:
    m = lex.token.match(text, pos)
    return bool(m and m.group(1) and not m.group(2) and m.group(3) in lex.scales)
