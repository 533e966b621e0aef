"""Amounts stage: money with its ISO 4217 currency, percentages and counts of things, with their offsets.

Numbers are found in the folded text of each body paragraph (digits with their separators, number
and scale words), read with their scale (8.6 مليار = 8.6e9), then kept or dropped by their context:
years, dates, times, durations, ages, designations (إس 400، القرار 2231) and phone numbers are
not amounts. The context words live in resources/data/amount_context.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.arabic import Normalized, strip_diacritics
from khabar.document import Amount, Document
from khabar.resources import Resources
from khabar.stages import word_notes
from khabar.stages.amount_context import Context, Post, context_before, count_allowed, date_like, post_context
from khabar.stages.amount_numbers import AmountLexicon, Numeral, load_lexicon, read_numeral
from khabar.stages.amount_text import paragraph_candidates

# Stretches that hold digits but no amount: clock times and ratios (1:5), numeric dates, ranges of years or scores
# (1436-1437، 3-1), slashed pairs (2014/2015), 5+1, hyphenated designations (إس-400، C-130) and
# digits glued to Latin letters (A320، 4G). They are looked for only around a numeral.
_MASKS = re.compile(
    r"\d{1,2}:\d{1,2}(?::\d{2})?"
    r"|\d{1,4}\s*([/\-])\s*\d{1,2}\s*\1\s*\d{1,4}|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|\d+\s*[-–/+]\s*\d+"
    r"|(?<=[A-Za-z\u0621-\u064A])\s?[-–]\s?\d+"
    r"|(?<=[A-Za-z])\d+|\d+(?=[A-Za-z])"
)
_MASK_BEFORE, _MASK_AFTER = 12, 25  # enough for 1436 - 1437 or 20-10-1436 on either side of a numeral
# What a masked stretch needs near the numeral: a separator or a Latin letter (one regex scan, not six).
_MASK_HINT = re.compile("[:/\\-–+A-Za-z]")
_OPENERS = {"(": ")", "“": "”″", '"': '"', "«": "»"}
_LINK_MARKS = re.compile("://|www\\.|[@#=]")  # a numeral in a link, an address or a hashtag
# What joins two numbers that share one unit: 3 و5 ملايين، ثلاثة أو أربعة آلاف ريال.
_JOIN = re.compile(r"\s*(?:و|او|الي|حتي|[-–])\s*")
# Between an excluded number and the next one: a list of the same thing (عامي 2014 و2015، الدقيقتين 7، 14).
_LIST_GAP = re.compile(r"[\s،,و]*")
_INHERIT_SCALE = 1e6  # a bare "4 ملايين" after a sum of money in the paragraph is money in that currency


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    value: float
    currency: str | None
    unit: tuple[int, int] | None
    value_max: float | None


def run(doc: Document, resources: Resources) -> Document:
    """Find the amounts of the body paragraphs."""
    lex = load_lexicon(resources)
    listed = word_notes.columns(doc, resources)[1][word_notes.AMOUNT]  # numbers and the words of the lexicon
    candidates = paragraph_candidates(doc.tokens, doc.sentences, listed)
    amounts: list[Amount] = []
    text = doc.text
    for p_index in sorted(candidates):
        para = doc.paragraphs[p_index]
        folded = para.normalized
        assert folded is not None  # the text stage normalised every paragraph
        starts = [folded.folded(s) for s, _ in candidates[p_index]]
        amounts.extend(find_amounts(folded, text, lex, starts))
    doc.amounts = amounts
    return doc


def find_amounts(folded: Normalized, original: str, lex: AmountLexicon,
                 starts: list[int] | None = None) -> list[Amount]:
    """Return the amounts of one folded paragraph, with offsets into the original text.

    starts are the folded offsets of the tokens that may begin a number; without them the
    paragraph is scanned.
    """
    text = folded.text
    if starts is None:
        starts = [m.start() for m in lex.anchor.finditer(text)]
    out: list[Amount] = []
    done = 0
    last_excluded = -1
    currency: str | None = None
    for start in starts:
        if start < done:
            continue
        m = lex.anchor.match(text, start)
        if m is None:
            continue
        if m.group("num"):
            masked = _mask_end(text, start)
            if masked:
                done = masked
                continue
        numeral = read_numeral(text, start, m.group(), lex)
        if numeral is None:
            continue
        done = numeral.end
        listed = last_excluded >= 0 and _LIST_GAP.fullmatch(text, last_excluded, start) is not None
        found = None if listed else _classify(text, numeral, lex, currency)
        if found is None:
            last_excluded = numeral.end
            continue
        last_excluded = -1
        done = max(done, found.end)
        if found.kind == "money":
            currency = found.currency
        s = found.start
        if s and text[s - 1] in _OPENERS and any(c in text[s:found.end] for c in _OPENERS[text[s - 1]]):
            s -= 1  # keep (20) ألف ريال whole
        o_s, o_e = folded.original(s), folded.original_end(found.end)
        out.append(Amount(o_s, o_e, original[o_s:o_e], found.kind, _round(found.value), found.currency,
                          _unit_surface(original, folded, found.unit, found.value),
                          None if found.value_max is None else _round(found.value_max)))
    return out


def _mask_end(text: str, start: int) -> int:
    """Return the end of the link, time, date, range or designation a numeral sits in, or 0."""
    chunk_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    chunk_end = len(text)
    for sep in (" ", "\n"):
        i = text.find(sep, start)
        if 0 <= i < chunk_end:
            chunk_end = i
    if _LINK_MARKS.search(text, chunk_start, chunk_end):
        return chunk_end
    w0, w1 = max(0, start - _MASK_BEFORE), min(len(text), start + _MASK_AFTER)
    if _MASK_HINT.search(text, w0, w1) is None:
        return 0
    for m in _MASKS.finditer(text, w0, w1):
        if m.start() <= start < m.end():
            return m.end()
    return 0


def _classify(text: str, num: Numeral, lex: AmountLexicon, prior_currency: str | None) -> _Found | None:
    """Decide what a numeral is, or None when it is no amount."""
    ctx = context_before(text, num.start, lex)
    if num.words_only:
        if ctx.prev and ctx.prev[0] in lex.context["ordinal_before"] and lex.words.get(num.first, (0, ""))[1] == "ten":
            return None  # الأحد عشر، التاسع عشر: the tail of an ordinal
    elif not _plausible_digits(num, ctx):
        return None
    start = num.start + len(num.clitic)
    value, value_max, end = num.value, None, num.end
    inherited = False  # the unit was lent by the next number (ثلاث أو أربع كاميرات): the span stays this number
    post = post_context(text, num.end, ctx, num, lex)
    if post is not None and post.kind == "stop":
        return None
    if (post is None or (post.kind == "count" and post.unit is None)) and not date_like(num, ctx, lex):
        partner = _partner(text, num, lex)
        if partner is not None:
            p_ctx = context_before(text, partner.start, lex)
            p_post = post_context(text, partner.end, p_ctx, partner, lex)
            if p_post is not None and p_post.kind != "stop" and (p_post.unit is not None or p_post.kind != "count"
                                                                 or partner.scale):
                if not num.scale and partner.scale:
                    value *= partner.scale
                post = p_post
                if ctx.prev and ctx.prev[0] == "بين":
                    value_max, end = partner.value, p_post.end
                else:
                    inherited = True
    if post is not None and post.kind in ("percent", "money"):
        s = start - 1 if post.before else start
        factor = post.factor
        return _Found(s, end if inherited else max(end, post.end), post.kind, value * factor, post.currency, None,
                      None if value_max is None else value_max * factor)
    unit = post.unit if post is not None else None
    if not count_allowed(text, num, ctx, unit, lex):
        return None
    if unit is None and ctx.percent_cue:
        return _Found(start, end, "percent", value, None, None, value_max)
    if unit is None and prior_currency and num.scale >= _INHERIT_SCALE:
        return _Found(start, end, "money", value, prior_currency, None, value_max)
    unit_end = post.end if post is not None and post.unit is not None and post.end > end and not inherited else end
    return _Found(start, unit_end, "count", value, None, unit, value_max)


def _plausible_digits(num: Numeral, ctx: Context) -> bool:
    d = num.digits
    if ctx.glued and not ctx.glued_clitic:
        return False  # سو35: part of a name
    if d.isdigit() and (len(d) > 9 or (len(d) > 1 and d[0] == "0")):
        return False  # phone numbers, codes and identifiers
    return not ctx.latin_before


def _partner(text: str, num: Numeral, lex: AmountLexicon) -> Numeral | None:
    """Read the second number of 3 و5 ملايين or ثلاثة أو أربعة آلاف, which lends the first its unit."""
    m = _JOIN.match(text, num.end)
    if not m or m.end() == num.end:
        return None
    # the و may be written onto a number word (وأربعة) or stand before digits (و5)
    a = lex.anchor.match(text, num.end + len(m.group()) - len(m.group().lstrip())) or lex.anchor.match(text, m.end())
    if not a or (a.group("word") and not a.group().startswith("و") and m.group().strip() == "و"):
        return None
    return read_numeral(text, a.start(), a.group(), lex)


def _round(v: float) -> float:
    """Drop the binary noise of scaling (129.8 × 1e9 = 129800000000.00002)."""
    return float(f"{v:.12g}")


def _unit_surface(original: str, folded: Normalized, span: tuple[int, int] | None, value: float) -> str | None:
    """Return the counted noun as written, without diacritics or the accusative ending of 11-99 (جهازا → جهاز)."""
    if span is None:
        return None
    word = strip_diacritics(original[folded.original(span[0]):folded.original_end(span[1])])
    if value.is_integer() and 10 < int(value) % 100 and word.endswith("ا") and len(word) > 3:
        word = word[:-1]
    return word


__all__ = ["Post", "find_amounts", "run"]
