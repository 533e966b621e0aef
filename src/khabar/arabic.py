"""Arabic text layer: normalisation with an offset map, tokens, clitics and sentences."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from khabar.document import Token

# Harakat, superscript alef, Quranic marks and tatweel: dropped for matching.
_DROPPED = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670" + "".join(
    chr(c) for c in range(0x06D6, 0x06EE)
) + "\u0640\u200c\u200d\u200e\u200f\ufeff"
_LETTER_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي",  # Persian kaf and ya, common in scraped text
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_LETTER_PAIRS = tuple(_LETTER_MAP.items())
_DIGIT_TABLE = str.maketrans(_DIGITS)
_EASTERN_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_DROPPED_RE = re.compile("[" + re.escape(_DROPPED) + "]+")
_DROPPED_CHAR_RE = re.compile("[" + re.escape(_DROPPED) + "]")
# A mark to drop or a digit to fold: most lines have neither, and one scan for both spares the two below.
_MARK_OR_DIGIT_RE = re.compile("[" + re.escape(_DROPPED) + "\u0660-\u0669\u06f0-\u06f9]")
# Hamza seats fold to their carrier letter (ؤ→و, ئ→ي) so دقائق matches دقايق as scraped.


def normalize(text: str) -> str:
    """Fold a text for matching: no diacritics or tatweel, one alef, ي for ى, ه for ة, Western digits."""
    # Chained str.replace beats str.translate with a dict table (measured: 2.2x on the corpus),
    # because each letter to fold is usually absent or rare.
    m = _MARK_OR_DIGIT_RE.search(text)
    if m is None:
        return _fold_letter_pairs(text)
    i = m.start()  # the text before the first mark or digit has neither: only the rest is scanned again
    rest = _DROPPED_RE.sub("", text[i:])
    if _EASTERN_DIGIT.search(rest):
        rest = rest.translate(_DIGIT_TABLE)
    return _fold_letter_pairs(text[:i] + rest)


def _fold_letter_pairs(text: str) -> str:
    for src, dst in _LETTER_PAIRS:
        if src in text:
            text = text.replace(src, dst)
    return text


def _fold_letters(text: str) -> str:
    text = _fold_letter_pairs(text)
    if _EASTERN_DIGIT.search(text):
        text = text.translate(_DIGIT_TABLE)
    return text


def normalize_with_offsets(text: str, base: int = 0, folded: str | None = None) -> Normalized:
    """Normalise a text and keep the map from normalised offsets to original ones (shifted by base).

    A caller that already holds normalize(text) passes it as folded, and the folding is not redone.
    """
    return Normalized(text, base, folded)


@dataclass(slots=True, init=False)
class Normalized:
    """The matching form of a text with a map back to original offsets (optionally in a larger text at base).

    Normalising only removes characters (marks) or replaces one by one, so the map is kept as the
    positions of the removed characters: most paragraphs have none, and a look-up is one bisect.
    """

    text: str
    base: int
    length: int  # of the original text
    drops: list[int]  # for each removed character, the normalised offset it would have had
    original_drops: list[int]  # the removed characters' offsets in the original text

    def __init__(self, original: str, base: int = 0, folded: str | None = None) -> None:
        self.base = base
        self.length = len(original)
        if folded is not None and len(folded) == len(original):  # nothing was removed: no marks to map
            self.original_drops = self.drops = []
            self.text = folded
            return
        self.original_drops = [m.start() for m in _DROPPED_CHAR_RE.finditer(original)]
        self.drops = [d - k for k, d in enumerate(self.original_drops)]
        if folded is None:
            folded = _fold_letters(_DROPPED_RE.sub("", original) if self.drops else original)
        self.text = folded

    def original(self, i: int) -> int:
        """Map an offset in the normalised text back to the original text."""
        if i >= len(self.text):
            return self.original(len(self.text) - 1) + 1 if self.text else self.base
        return self.base + i + bisect_right(self.drops, i)

    def original_end(self, i: int) -> int:
        """Map the end (exclusive) of a normalised span to the original, keeping marks written on its last letter."""
        if i >= len(self.text):
            return self.base + self.length
        return self.base + i + bisect_right(self.drops, i)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text back to the original text (trailing marks left out)."""
        if start >= end:
            o = self.original(start)
            return o, o
        return self.original(start), self.original(end - 1) + 1

    def folded(self, offset: int) -> int:
        """Map an offset of the original text (base included) to the normalised text."""
        rel = offset - self.base
        return rel - bisect_left(self.original_drops, rel)


def strip_diacritics(text: str) -> str:
    """Remove harakat and tatweel but keep letters as written (for display)."""
    return _DROPPED_RE.sub("", text)


def nfkc(text: str) -> str:
    """Unicode NFKC, which also unfolds Arabic presentation forms."""
    return unicodedata.normalize("NFKC", text)


# ---------------------------------------------------------------- tokens

# Numbers keep their decimal and thousands separators (8.6, 16,312, ٫, the reversed 432ر690ر29 form).
TOKEN_RE = re.compile(
    r"(?P<number>[0-9٠-٩۰-۹]+(?:[.,٫٬ر][0-9٠-٩۰-۹]+)*%?)"
    r"|(?P<word>[\u0621-\u064A\u0660-\u0669\u066E-\u06D3\u06D5-\u06ED\u06FA-\u06FF\u0640\u064B-\u065F\u0670]+)"
    r"|(?P<latin>[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?)"
    r"|(?P<punct>[^\s\w]|_)"
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split text[start:end] into tokens (sentence unset); punctuation and quotation marks are tokens of their own."""
    out: list[Token] = []
    append = out.append
    for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        kind = m.lastgroup or "punct"
        s = m.group()
        append(Token(s, m.start(), m.end(), normalize(s), kind))
    return out


# ---------------------------------------------------------------- clitics

PROCLITICS = ("و", "ف", "ب", "ل", "ك")
ARTICLE = "ال"
ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك", "ي")


@dataclass(slots=True, frozen=True)
class Segments:
    """A word split into proclitics, stem and enclitic (all in normalised form)."""

    prefix: str
    article: bool
    stem: str
    suffix: str


def split_clitics(word: str, is_known: Callable[[str], bool], min_stem: int = 3) -> Segments:
    """Split conjunction/preposition proclitics, the article and a pronoun suffix off a normalised word.

    A split is made only where the remainder is a known word (`is_known`), so `وزير` and `ولاية`
    stay whole while `والوزير` becomes و + ال + وزير.
    """
    # Conjunction/preposition + article + known stem is a split whatever the word list says,
    # since scraped word lists (and NewsFANE) still hold a few such glued forms (بالعقوبات).
    for prefix in ("وبال", "فبال", "وال", "فال", "بال", "كال", "وكال", "ولل", "فلل", "لل"):
        stem = word[len(prefix):]
        if word.startswith(prefix) and len(stem) >= min_stem and is_known(stem):
            return Segments(prefix[:-2] if prefix.endswith("ال") else prefix[:-1], True, stem, "")
    if is_known(word):
        return Segments("", False, word, "")
    for prefix in _prefix_candidates(word):
        rest = word[len(prefix):]
        article = False
        if rest.startswith(ARTICLE) and len(rest) - 2 >= min_stem:
            article = True
            rest = rest[2:]
        elif prefix.endswith("ل") and rest.startswith("ل") and len(rest) > min_stem:
            # لل = ل + ال with the alef elided (للدفاع)
            article = True
            rest = rest[1:]
        if len(rest) >= min_stem and (prefix or article) and is_known(rest):
            return Segments(prefix, article, rest, "")
        for suffix in ENCLITICS:
            if rest.endswith(suffix) and len(rest) - len(suffix) >= min_stem:
                stem = rest[: -len(suffix)]
                if is_known(stem) and not article:
                    return Segments(prefix, False, stem, suffix)
                # a ta marbuta becomes ta before a suffix (حكومته)
                if stem.endswith("ت") and is_known(stem[:-1] + "ه") and not article:
                    return Segments(prefix, False, stem[:-1] + "ه", suffix)
    return Segments("", False, word, "")


def _prefix_candidates(word: str) -> Iterable[str]:
    yield ""
    if len(word) < 3:
        return
    first = word[0]
    if first in "وف":
        yield first
        if len(word) > 3 and word[1] in "بلك":
            yield word[:2]
    elif first in "بلك":
        yield first


def strip_proclitics(word: str, is_known: Callable[[str], bool] | None = None) -> str:
    """Remove leading و/ف/ب/ل/ك (not the article) from a normalised word when what remains stands alone."""
    for prefix in ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            rest = word[len(prefix):]
            if prefix.endswith("ل") and rest.startswith("ل"):
                rest = "ا" + rest  # للدفاع → الدفاع
            if is_known is None or is_known(rest):
                return rest
    return word


# ---------------------------------------------------------------- sentences

_OPENERS = {"«": "»", "“": "”", "„": "”"}
_SENTENCE_END = ".!?؟…"
_SENTENCE_EVENTS = re.compile(r'[«»“”„"\n.!?؟…]')


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans, never inside «…», “…” or "…" quotations.

    A full stop between digits (8.6) does not end a sentence. Quotation state is reset at each
    line break, so one stray mark does not swallow the rest of the article.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    closers: list[str] = []
    straight_open = False
    sent_start = start
    skip_to = start
    for m in _SENTENCE_EVENTS.finditer(text, start, end):
        i = m.start()
        if i < skip_to:
            continue
        ch = text[i]
        if ch in _OPENERS:
            closers.append(_OPENERS[ch])
        elif closers and ch == closers[-1]:
            closers.pop()
        elif ch == '"':
            straight_open = not straight_open
        elif ch == "\n":
            _add_span(text, spans, sent_start, i)
            sent_start = i + 1
            closers.clear()
            straight_open = False
        elif ch in _SENTENCE_END and not closers and not straight_open:
            if ch == "." and 0 < i < end - 1 and text[i + 1].isalnum() and (
                (text[i - 1].isdigit() and text[i + 1].isdigit()) or _short_piece_before(text, i)
            ):
                continue  # 8.6, or a dotted acronym (أ.ف.ب, جي.ام.ار): not a sentence end
            j = i + 1
            while j < end and (text[j] in _SENTENCE_END or text[j] in "»”\")"):
                j += 1
            _add_span(text, spans, sent_start, j)
            sent_start = skip_to = j
    _add_span(text, spans, sent_start, end)
    return spans


def _short_piece_before(text: str, i: int) -> bool:
    """Tell whether at most three letters stand between the last space or dot and position i."""
    j = i - 1
    while j >= 0 and i - j <= 4 and text[j].isalnum():
        j -= 1
    return i - j <= 4 and (j < 0 or not text[j].isalnum())


def _add_span(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def has_arabic(text: str) -> bool:
    """Tell whether a text contains at least one Arabic letter."""
    return _ARABIC_LETTER.search(text) is not None


_ARABIC_LETTER = re.compile("[\u0621-\u064A]")


PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه", "نا", "كم")  # normalised pronoun suffixes a noun may carry


def suffix_stems(norm: str, suffixes: tuple[str, ...] = PRONOUN_SUFFIXES, min_stem: int = 3) -> Iterator[str]:
    """Yield a normalised word without a pronoun suffix (تصريحه → تصريح، حركته → حركه)."""
    for suffix in suffixes:
        if norm.endswith(suffix) and len(norm) - len(suffix) >= min_stem:
            stem = norm[: -len(suffix)]
            yield stem
            if stem.endswith("ت"):
                yield stem[:-1] + "ه"
