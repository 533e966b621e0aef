"""What the dates stage matches: month, weekday and relative words, compiled into one pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.resources import Resources, iter_tsv
from khabar.stages.amount_text import alternation

_B = r"(?<![\u0621-\u064A])"  # no Arabic letter before
_E = r"(?![\u0621-\u064A])"  # no Arabic letter after
_CLITIC = r"(?:وب|ول|فب|و|ف|ب|ل)?"
# The era after a year: هـ (folded to ه), م, هجرية, ميلادية.
_ERA = r"(?:\s*(?:ه|هجريه|هجري|م|ميلاديه|ميلادي)" + _E + ")"
_DAY = r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])(?![\d.,:/])"
_DAY_PHRASE_FILLERS = frozenset({"يوم", "بعد", "اول", "من"})
_YEAR_CUES = r"(?:عام|العام|لعام|للعام|بعام|سنه|السنه|لسنه|عامي)"
# Prepositions after which a bare 19xx/20xx is a year (في 2013، منذ 2011).
_YEAR_PREPS = r"(?:في|منذ|حتي|خلال|بحلول|قبل|بعد|مطلع|اوايل|اواخر|منتصف|نهايه|بدايه|وفي|ومنذ|وحتي|وخلال)"


@dataclass(slots=True)
class DateLexicon:
    """Month, weekday and relative-date words with the one pattern that finds them all."""

    months: dict[str, tuple[int, str, bool]]  # form → (month, calendar, ambiguous)
    weekdays: dict[str, int]
    days: dict[str, int]  # أمس → -1
    units: dict[str, str]  # الشهر → month
    modifiers: dict[str, int]  # الماضي → -1
    durations: dict[str, tuple[str, int]]  # أسبوعين → (week, 2)
    numbers: dict[str, int]  # ثلاثة → 3, for قبل ثلاثة أيام
    pattern: re.Pattern[str]
    # The same branches, in the same order, less those that cannot match at a position: the ones
    # that open with a digit where the text has none, the ones that open with a word where it has a
    # digit. A match tried at a known position need not try them (the full alternation costs 2 µs).
    digit_start: re.Pattern[str]
    word_start: re.Pattern[str]
    triggers: dict[str, int]  # token forms that may be part of a date → how many words before them it may begin
    after_day: re.Pattern[str]  # what follows a day number in a date: a month name or a separator


def load_lexicon(resources: Resources) -> DateLexicon:
    """Return the dates lexicon, reading the data files on first use."""
    return resources.get("dates.lexicon", _build)


def _build() -> DateLexicon:
    months = {r[0]: (int(r[1]), r[2], r[4] == "1") for r in iter_tsv("months.tsv")}
    weekdays = {r[0]: int(r[1]) for r in iter_tsv("weekdays.tsv")}
    days: dict[str, int] = {}
    units: dict[str, str] = {}
    modifiers: dict[str, int] = {}
    pre: list[str] = []
    ago: list[str] = []
    durations: dict[str, tuple[str, int]] = {}
    for kind, phrase, unit, offset in iter_tsv("relative_dates.tsv"):
        if kind == "day":
            days[phrase] = int(offset)
        elif kind == "unit":
            units[phrase] = unit
        elif kind == "modifier":
            modifiers[phrase] = int(offset)
        elif kind == "premodifier":
            pre.append(phrase)
        elif kind == "ago":
            ago.append(phrase)
        elif kind == "duration":
            durations[phrase] = (unit, int(offset))
    numbers = {r[0]: int(float(r[1])) for r in iter_tsv("number_words.tsv") if r[2] in ("unit", "ten", "tens")}
    month = "(?i:" + alternation(months) + ")"
    # the same month in two calendars: تموز/يوليو، يوليو (تموز)، فبراير شباط
    month_alt = month + r"(?:\s*/\s*" + month + r"|\s*\(\s*" + month + r"\s*\)|\s+" + month + _E + ")?"
    mod = r"(?:\s+(?P<{}>" + alternation(modifiers) + ")" + _E + ")?"
    weekday = alternation(weekdays)
    # a month in a year named relatively: سبتمبر العام الماضي، 13 مايو من العام المقبل
    year_units = [u for u, g in units.items() if g == "year"]
    rel_year = (r"|\s+(?:من\s+)?(?P<{0}_ry>" + alternation(year_units) + r")\s+(?P<{0}_rymod>"
                + alternation(modifiers) + ")" + _E)
    # the literals each word-led branch may open with (after its optional clitic and article)
    word_led = {"my": months, "unit": [*pre, *units], "ago": ago, "rel": days, "wd": weekdays}
    parts = [
        # 2021/7/8, 8-7-2021, 20-10-1436هـ
        r"(?P<numeric>(?<![\d/.])(?P<n1>\d{1,4})\s*(?P<sep>[/\-.])\s*(?P<n2>\d{1,2})\s*(?P=sep)\s*(?P<n3>\d{1,4})"
        r"(?![\d/])(?P<n_era>" + _ERA + ")?)",
        # 8 يوليو 2021، 29 يوليو (تموز)، 25 شوال 1436 هـ، 13 مايو الماضي
        r"(?P<dm>(?P<d_day>" + _DAY + r")\s*(?:من\s+)?(?:شهر\s+)?" + _B + r"(?P<d_month>" + month_alt + ")" + _E
        + r"(?:\s*[,،]?\s*(?:من\s+)?(?:" + _YEAR_CUES + r"\s+)?(?P<d_year>\d{4})(?!\d)(?P<d_era>" + _ERA + ")?"
        + rel_year.format("d") + ")?" + mod.format("d_mod") + ")",
        # يوليو 2021، تموز/يوليو، شهر رمضان، سبتمبر (أيلول) المقبل
        r"(?P<my>" + _B + r"(?P<m_cl>" + _CLITIC + r")(?P<m_shahr>شهر\s+)?(?P<m_month>" + month_alt + ")"
        + _E + r"(?:\s*[,،]?\s*(?:من\s+)?(?:" + _YEAR_CUES + r"\s+)?(?P<m_year>\d{4})(?!\d)(?P<m_era>" + _ERA
        + ")?" + rel_year.format("m") + ")?" + mod.format("m_mod") + ")",
        # 1436-1437 هـ
        r"(?P<yy>(?<![\d/])(?P<yy1>\d{4})\s*[-/–]?\s*(?P<yy2>\d{4})(?P<yy_era>" + _ERA + "))",
        # عام 2021، في 2013، 1436 هـ، 2015م
        r"(?P<year>(?:" + _B + _YEAR_CUES + r"\s+|" + _B + r"(?P<y_prep>" + _YEAR_PREPS + r")\s+)?(?<![\d/.,])"
        r"(?P<y_year>\d{4})(?![\d/.,])(?P<y_era>" + _ERA + ")?)",
        # هذا العام، الشهر الماضي، الأسبوع المقبل
        r"(?P<unit>" + _B + r"(?P<u_cl>" + _CLITIC + r")(?:(?P<u_pre>" + alternation(pre) + r")\s+)?(?P<u_unit>"
        + alternation(units) + ")" + _E + mod.format("u_mod") + ")",
        # قبل أسبوعين، منذ 5 سنوات، قبل ثلاثة أيام
        r"(?P<ago>" + _B + r"(?P<a_cl>" + _CLITIC + r")(?P<a_word>" + alternation(ago)
        + r")\s+(?:(?P<a_num>\d{1,3}|" + alternation(numbers) + r")\s+)?(?P<a_unit>" + alternation(durations)
        + ")" + _E + ")",
        # أمس، أول من أمس، اليوم، غدا، يوم غد
        r"(?P<rel>" + _B + r"(?P<r_cl>" + _CLITIC + r")(?:ال)?(?P<r_word>" + alternation(days) + ")" + _E + ")",
        # الاثنين، يوم الأربعاء، الخميس الماضي
        r"(?P<wd>" + _B + r"(?P<w_cl>" + _CLITIC + r")(?:يوم\s+)?(?P<w_day>" + weekday + ")" + _E
        + mod.format("w_mod") + ")",
    ]
    pattern = re.compile("|".join(parts))
    digit_led = ("numeric", "dm", "yy")  # these open with \d (\d{1,4}، the day number, \d{4})
    kinds = [re.match(r"\(\?P<(\w+)>", part).group(1) for part in parts]  # type: ignore[union-attr]
    digit_start = re.compile("|".join(
        part for kind, part in zip(kinds, parts, strict=True)
        if kind not in word_led or any(w[:1].isdecimal() for w in word_led[kind])))
    word_start = re.compile("|".join(part for kind, part in zip(kinds, parts, strict=True) if kind not in digit_led))
    # how far back a date may begin: شهر مايو، يوم الخميس، هذا العام، بعد غد (1), أول من أمس (2), قبل أسبوع (0)
    back = {w.split()[0]: 1 for w in months} | dict.fromkeys(weekdays, 1) | dict.fromkeys(units, 1)
    for phrase in days:  # the telling word of a phrase: أمس in أول من أمس (two words in), غد in بعد غد
        words = phrase.split()
        i = next(k for k, w in enumerate(words) if w not in _DAY_PHRASE_FILLERS)
        back[words[i]] = max(back.get(words[i], 1), i)
    back |= dict.fromkeys(ago, 0)
    back |= {w.capitalize(): 1 for w in months if w.isascii()} | {w.upper(): 1 for w in months if w.isascii()}
    triggers = {c + w: n for w, n in back.items()
                for c in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "ال", "بال", "وال", "وبال")
                if not (c and w.isascii())}
    after_day = re.compile(r"\s*(?:[-/.]\s*\d|(?:من\s+)?(?:شهر\s+)?" + month + ")")
    return DateLexicon(months, weekdays, days, units, modifiers, durations, numbers, pattern, digit_start, word_start,
                       triggers, after_day)


def month_of(lex: DateLexicon, text: str) -> tuple[int, str, bool] | None:
    """Look up a matched month name (spaces collapsed, Latin lower-cased)."""
    return lex.months.get(" ".join(text.split()).lower())
