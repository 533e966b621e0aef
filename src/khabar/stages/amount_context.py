"""Context of a number for the amounts stage: the words before it, and what follows (unit, currency, %)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.stages.amount_numbers import AmountLexicon, Numeral

_WINDOW_TOKEN = re.compile(r"[\u0621-\u064A]+|[A-Za-z]+|\d+(?:[.,٫٬ر]\d+)*|\S")
_NEXT_WORD = re.compile(r"[ \t\u00a0]*([\u0621-\u064A]+)")
_GLUED_CLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "كال", "لل", "ولل", "وب", "ول", "فب"})
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
# A counted noun is indefinite: a word with the article or a preposition plus article is no unit.
_NOT_UNIT_PREFIXES = ("ال", "وال", "فال", "بال", "كال", "لل")
# Endings of a counted noun that starts with و (وظيفة، وحدات، وافدين، وزراء); a و-word without them
# is most often a conjunction and a verb or a name (وأضاف، ومحمد).
_WAW_NOUN_ENDINGS = ("ا", "ه", "ات", "ين", "ون", "اء")
_YEAR_RANGES = ((1900, 2100), (1300, 1500))  # Gregorian and Hijri years as the press writes them
_SURE_SCALE = 1e6
_WINDOW = 60  # characters looked at before a number: enough for four words


@dataclass(slots=True)
class Context:
    """What stands before a numeral."""

    prev: list[str]  # previous tokens, nearest first; "" for punctuation
    glued: str  # letters written onto the numeral (ب in ب2.4، ال in الـ20)
    latin_before: bool
    paren_before: bool
    percent_sign_before: bool
    symbol_before: str | None  # the currency of a $ € £ just before
    phrases: dict[str, frozenset[str]]

    def cue(self, kind: str) -> bool:
        """Tell whether the one to four words before the numeral form a phrase of that kind (أكثر من)."""
        phrases = self.phrases[kind]
        words: list[str] = []
        for w in self.prev[:4]:
            if not w:
                return False
            words.insert(0, w)
            if " ".join(words) in phrases:
                return True
        return False

    @property
    def count_cue(self) -> bool:
        """Tell whether a word before licenses a bare number as a count (بلغ، نحو، أكثر من)."""
        return self.cue("count_before")

    @property
    def percent_cue(self) -> bool:
        """Tell whether a word before makes a bare number a percentage (بنسبة)."""
        return self.cue("percent_before")

    @property
    def glued_clitic(self) -> bool:
        """Tell whether the glued letters are a clitic (و، ب، الـ) rather than part of a name."""
        return self.glued in _GLUED_CLITICS

    @property
    def definite(self) -> bool:
        """Tell whether the numeral carries the article (الـ20): then it is an ordinal unless a noun follows."""
        return self.glued.endswith(("ال", "لل"))


@dataclass(slots=True)
class Post:
    """What follows a numeral: its kind and where the amount ends."""

    kind: str  # percent, money, count or stop (the number is no amount)
    end: int
    currency: str | None = None
    factor: float = 1.0
    unit: tuple[int, int] | None = None
    before: bool = False  # the marker (% or $) stands before the number


def context_before(text: str, start: int, lex: AmountLexicon) -> Context:
    """Read the words before a numeral."""
    window = text[max(0, start - _WINDOW):start]
    toks = _WINDOW_TOKEN.findall(window)
    glued = ""
    if window and window[-1].isalpha() and toks:
        glued = toks.pop()
    # brackets do not part a number from the word before it: يوليو (تموز) 2014، القرار (2216)
    prev = [t if (t[0].isalpha() or t[0].isdigit()) else "" for t in reversed(toks[-6:]) if t not in "()"]
    latin = bool(prev and prev[0] and prev[0].isascii() and prev[0].isalpha())
    if not glued and prev and prev[0] in _GLUED_CLITICS:
        glued = prev.pop(0)  # a clitic written apart with a tatweel (بـ 2.4، الـ 20) folds to a lone word
    stripped = window.rstrip()
    return Context(
        prev, glued, latin,
        paren_before=stripped.endswith("("),
        percent_sign_before=window.endswith(("%", "٪")),
        symbol_before=_SYMBOLS.get(stripped[-1:]) if stripped else None,
        phrases=lex.context,
    )


def post_context(text: str, end: int, ctx: Context, num: Numeral, lex: AmountLexicon) -> Post | None:
    """Read what follows a numeral: a percent sign or phrase, a currency, or a counted noun."""
    pm = lex.percent.match(text, end)
    if pm:
        return Post("percent", pm.end())
    if ctx.percent_sign_before:
        return Post("percent", end, before=True)
    money = _currency(text, end, lex)
    if money is not None:
        return money
    if ctx.symbol_before:
        return Post("money", end, ctx.symbol_before, before=True)
    return _unit(text, end, ctx, num, lex)


def _currency(text: str, end: int, lex: AmountLexicon) -> Post | None:
    m = lex.currency.match(text, end)
    if not m:
        return None
    form = m.group("cur") or m.group("sym")
    if m.group("cur") and form.startswith("ال") and not m.group("of"):
        return None  # ملايين الدولارات is vague
    base, code, factor = lex.currencies[form]
    adj = _NEXT_WORD.match(text, m.end())
    if adj:
        named = lex.adjectives.get((base, adj.group(1)))
        if named is not None:
            return Post("stop", adj.end()) if named == "-" else Post("money", adj.end(), named, factor)
    return Post("money", m.end(), code, factor)


def _unit(text: str, end: int, ctx: Context, num: Numeral, lex: AmountLexicon) -> Post | None:
    """Find the counted noun; a stop when the next word makes the number a date, time or duration."""
    pos = end + 1 if ctx.paren_before and text.startswith(")", end) else end
    m = _NEXT_WORD.match(text, pos)
    if not m:
        return None
    word = m.group(1)
    c = lex.context
    bare = word[1:] if word[0] in "وفلب" and len(word) > 2 else word
    if word in c["duration_after"] or bare in c["duration_after"] or word in c["time_after"]:
        return Post("stop", m.end())
    if word in c["year_after"] or word in lex.month_words:
        if word == "م" and not _year_like(num.value) and num.value > 24:
            return Post("count", m.end(), unit=(m.start(1), m.end(1)))  # 100 م is metres
        return Post("stop", m.end())
    if word == "من":
        m2 = _NEXT_WORD.match(text, m.end())
        if not m2:
            return None
        after = m2.group(1)
        if after in c["after_of"] or after in lex.month_words:
            return None if num.scale else Post("stop", m2.end())
        if after.startswith("ال") and after not in c["function_word"]:
            return Post("count", m2.end(), unit=(m2.start(1), m2.end(1)))
        return None
    if word in c["not_unit"] or word in c["function_word"] or bare in c["function_word"] or bare in lex.words \
            or bare in lex.scales:
        return None
    if word.startswith(_NOT_UNIT_PREFIXES) or len(word) < 2:
        return None
    if word[0] == "و" and (ctx.paren_before or not word.endswith(_WAW_NOUN_ENDINGS)):
        return None  # (2216) وكافة: a conjunction after a bracketed number
    return Post("count", m.end(), unit=(m.start(1), m.end(1)))


def count_allowed(text: str, num: Numeral, ctx: Context, unit: tuple[int, int] | None, lex: AmountLexicon) -> bool:
    """Tell whether a numeral with no currency or percent is a count, from the words around it."""
    c = lex.context
    prev_word = ctx.prev[0] if ctx.prev else ""
    integer = num.value.is_integer() and not num.scale
    if prev_word in c["designation_before"] and not num.scale:
        return False
    if not num.scale and (prev_word in c["date_before"] or prev_word in c["time_before"]
                          or prev_word in c["age_before"]):
        return False
    if integer and prev_word in c["year_before"]:
        return False
    if prev_word in lex.month_words:
        return False  # يوليو 2021
    if integer and _year_like(num.value) and not num.words_only:
        # a year unless a counted noun follows, in the accusative that numbers ending in 11-99 take (1959 فرعا)
        if unit is None or prev_word in c["year_like_before"]:
            return False
        word = text[unit[0]:unit[1]]
        if word[0] in "بل" or (int(num.value) % 100 > 10 and not word.endswith("ا")):
            return False  # 2018 بروسيا
    if num.words_only:
        # ألف alone is also a letter or a verb (ألّف); مليون، مليوني، ثلاثة آلاف stand as counts
        scaled = num.scale >= _SURE_SCALE or (num.scale > 0 and num.first not in lex.scales)
        return unit is not None or scaled or (num.scale > 0 and ctx.count_cue)
    if ctx.definite:
        return unit is not None
    if unit is not None or num.scale:
        return True
    return ctx.count_cue or ctx.percent_cue


def date_like(num: Numeral, ctx: Context, lex: AmountLexicon) -> bool:
    """Tell whether a bare numeral is read as a year, date, time, age or designation by the word before it."""
    if num.scale:
        return False
    prev_word = ctx.prev[0] if ctx.prev else ""
    c = lex.context
    if prev_word in lex.month_words or (_year_like(num.value) and not num.words_only):
        return True
    return any(prev_word in c[k] for k in ("designation_before", "year_before", "date_before", "time_before",
                                           "age_before"))


def _year_like(v: float) -> bool:
    if not v.is_integer():
        return False
    for lo, hi in _YEAR_RANGES:
        if lo <= v <= hi:
            return True
    return False
