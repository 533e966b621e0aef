"""Clean stage: headline, dateline, bylines, captions and furniture out; paragraphs in, with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.arabic import normalize, normalize_with_offsets
from khabar.document import Caption, Dateline, Document, Furniture, Paragraph, Span
from khabar.resources import Resources, iter_tsv
from khabar.stages import dateline as dateline_parser

HEADLINE_MAX_WORDS = 30
SUBHEADING_MAX_WORDS = 7
TRAILER_LINK_MAX_WORDS = 16  # lines after "read also" this short are link titles, not prose
CAPTION_MAX_CHARS = 300  # longer lines are prose: captions and credits are one short sentence
DATELINE_LINES = 3  # a dateline stands within the first few lines of the story
DATELINE_PREFIX_MAX = 60  # characters before the colon of an inline dateline (سبق- أبها: ...)
_SENTENCE_END = tuple(".!؟?:؛…\"»”)")
_PUNCT = re.compile(r"[^\w\s]+")
_WORD = re.compile(r"\w+")
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_NEEDLE_SEP = re.compile(r"(?<!\\)\|")  # needles are split on |, and \| is a literal bar
_PREFIX_COLON = re.compile(rf"^([^:.؟!\n]{{2,{DATELINE_PREFIX_MAX}}}?)\s*:\s*(?=\S)")


@dataclass(slots=True, frozen=True)
class Rule:
    """A named pattern, tried only on lines that hold one of its needles (when it has any)."""

    name: str
    pattern: re.Pattern[str]
    needles: frozenset[str] | None  # literals; a substring test each is far cheaper than a regex alternation


@dataclass(slots=True, frozen=True)
class RuleSet:
    """The rules of one scope, in order, with the needles of them all.

    Most lines hold no needle of any rule: each needle is looked for once per line, and only the
    rules without needles (always) and those with a needle present are tried.
    """

    rules: tuple[Rule, ...]
    always: tuple[Rule, ...]  # the rules without needles, in order
    needles: tuple[str, ...]  # every rule's needles, each once

    def candidates(self, s: str, needleless: bool = True) -> tuple[Rule, ...]:
        """Return the rules worth trying on s, in order; needleless=False leaves out those without needles."""
        # str.__contains__ scans in C with a skip table; an alternation of literals sharing common
        # first letters (و، ب، ن) made the regex engine stop at every other character.
        present = [n for n in self.needles if n in s]
        if not present:
            return self.always if needleless else ()
        return tuple(r for r in self.rules
                     if (needleless if r.needles is None else not r.needles.isdisjoint(present)))

    def first_match(self, s: str, needleless: bool = True) -> str | None:
        """Return the name of the first rule that matches s, or None; needleless: try the rules without needles.

        (The whole-line scopes pass the result of one search of all their needle-less patterns at once.)
        """
        for rule in self.candidates(s, needleless):
            if rule.pattern.search(s):
                return rule.name
        return None


def _rule_set(rules: list[Rule]) -> RuleSet:
    needles = dict.fromkeys(n for r in rules if r.needles is not None for n in sorted(r.needles))
    return RuleSet(tuple(rules), tuple(r for r in rules if r.needles is None), tuple(needles))


@dataclass(slots=True)
class CleanRules:
    """Compiled furniture and caption patterns, by scope."""

    line: RuleSet
    trailer: RuleSet
    inline: RuleSet
    byline: RuleSet
    tail: RuleSet
    captions: RuleSet
    # the needle-less rules of the whole-line scopes (trailer, line, byline) in one alternation: a
    # line body matches none of them, and one search says so instead of one per rule
    whole_line: re.Pattern[str]


def _rule(name: str, pattern: str, needles: str, flags: int = 0) -> Rule:
    literals = None if needles == "-" else frozenset(n.replace("\\|", "|") for n in _NEEDLE_SEP.split(needles))
    if _anchored(pattern):
        literals = None  # failing at the line's first characters costs less than scanning it for needles
    return Rule(name, re.compile(pattern, flags), literals)


def _anchored(pattern: str) -> bool:
    """Tell whether every top-level alternative of pattern opens with ^ and no wildcard, so it fails at once."""
    depth = 0
    in_class = escaped = False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0 and not _opens_anchored(pattern, i + 1):
            return False
    return _opens_anchored(pattern, 0)


def _opens_anchored(pattern: str, i: int) -> bool:
    # a leading ^.{5,250}?, ^[^:]+ or ^\S+ still walks the line: only a literal start fails at once
    return pattern.startswith("^", i) and not pattern.startswith(_WALKING_OPENINGS, i + 1)


_WALKING_OPENINGS = (".", "[", "\\s", "\\S", "\\w", "\\W", "\\d", "\\D")


def load_rules(resources: Resources) -> CleanRules:
    """Return the compiled clean-stage patterns, loading the data files on first use."""

    def build() -> CleanRules:
        scopes: dict[str, list[Rule]] = {"line": [], "trailer": [], "inline": [], "byline": [], "tail": []}
        for name, scope, pattern, needles in iter_tsv("furniture.tsv"):
            scopes[scope].append(_rule(name, pattern, needles, re.IGNORECASE))
        captions = [_rule(name, pattern, needles) for name, pattern, needles in iter_tsv("captions.tsv")]
        sets = {k: _rule_set(v) for k, v in scopes.items()}
        always = [r.pattern.pattern for k in ("trailer", "line", "byline") for r in sets[k].always]
        whole_line = re.compile("|".join(f"(?:{p})" for p in always), re.IGNORECASE)
        return CleanRules(captions=_rule_set(captions), whole_line=whole_line, **sets)

    return resources.get("clean.rules", build)


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    norm: str


def run(doc: Document, resources: Resources) -> Document:
    """Find the article's structure in its raw text and keep only its own paragraphs in the body."""
    rules = load_rules(resources)
    lexicon = dateline_parser.load_lexicon(resources)
    text = doc.text
    lines = [ln for s, e in _line_spans(text) if (ln := _strip(text, s, e)) is not None]
    if lines:
        lines = _take_headline(doc, lines)
    kept: list[_Line] = []
    seen_captions: dict[str, Caption] = {}
    in_trailer = False
    for ln in lines:
        if in_trailer:
            if not ln.norm.endswith(".") and _at_most_words(ln.norm, TRAILER_LINK_MAX_WORDS):
                doc.furniture.append(Furniture(ln.start, ln.end, "read_also"))
                continue
            in_trailer = False
        whole = rules.whole_line.search(ln.norm) is not None
        rule = rules.trailer.first_match(ln.norm, whole)
        if rule:
            doc.furniture.append(Furniture(ln.start, ln.end, rule))
            in_trailer = True
            continue
        rule = rules.line.first_match(ln.norm, whole)
        if rule:
            doc.furniture.append(Furniture(ln.start, ln.end, rule))
            continue
        if rules.byline.first_match(ln.norm, whole):
            doc.bylines.append(text[ln.start:ln.end])
            doc.furniture.append(Furniture(ln.start, ln.end, "byline"))
            continue
        if _caption(doc, ln, rules, seen_captions):
            continue
        kept.extend(_remove_inline(doc, ln, rules))
    kept = _take_dateline(doc, kept, lexicon)
    if doc.dateline is None and doc.author:
        parsed = dateline_parser.parse(doc.author, lexicon, strict=False)
        if parsed and (parsed.place or parsed.agency):
            doc.dateline = Dateline(parsed.place, parsed.agency, None, None, parsed.date_text, "author")
        if parsed:
            doc.bylines.extend(p for p in parsed.people if p not in doc.bylines)
    if kept:
        kept[-1:] = _remove_tail(doc, kept[-1], rules)
    doc.paragraphs = [_paragraph(text, ln, i, len(kept)) for i, ln in enumerate(kept)]
    return doc


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each non-empty line."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        return [m.span() for m in _LINE.finditer(text)]
    # the common case, newlines only: str.split is a C scan far cheaper than the regex
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in text.split("\n"):
        end = pos + len(piece)
        if piece:
            spans.append((pos, end))
        pos = end + 1
    return spans


def _strip(text: str, start: int, end: int) -> _Line | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    return _Line(start, end, normalize(text[start:end]))


# Words are whitespace-separated pieces: cheap, and close enough for the length thresholds they serve.
def _at_most_words(s: str, n: int) -> bool:
    """Tell whether s holds n words or fewer, without splitting a long line to its end."""
    return len(s.split(None, n)) <= n


def _has_words(s: str) -> bool:
    return bool(s) and not s.isspace()


def _take_headline(doc: Document, lines: list[_Line]) -> list[_Line]:
    first = lines[0]
    if doc.title is not None:
        # Some scrapes repeat the given title as the first line of the text.
        if _same_words(first.norm, normalize(doc.title)):
            doc.headline = Span(first.start, first.end)
            return lines[1:]
        return lines
    if (len(lines) > 1 and not first.norm.endswith((".", ":")) and _has_words(first.norm)
            and _at_most_words(first.norm, HEADLINE_MAX_WORDS)):
        doc.headline = Span(first.start, first.end)
        return lines[1:]
    return lines


def _squash(s: str) -> str:
    return " ".join(_PUNCT.sub(" ", s).split())


def _same_words(line: str, title: str) -> bool:
    """Tell whether line and title squash to the same words."""
    words = _squash(title)
    # The squashed form is the line's runs of word characters joined by spaces: when the first run
    # differs from the title's first word the line is another text, and the whole line need not be squashed.
    first = _WORD.search(line)
    if first is None or not words:
        return first is None and not words
    return first.group() == words.split(" ", 1)[0] and _squash(line) == words


def _caption(doc: Document, ln: _Line, rules: CleanRules, seen: dict[str, Caption]) -> bool:
    if len(ln.norm) > CAPTION_MAX_CHARS:
        return False
    key = _squash(ln.norm) if seen else None  # most articles have no caption: squash only when needed
    if key is not None and key in seen:
        seen[key].repeats += 1
        doc.furniture.append(Furniture(ln.start, ln.end, "caption_repeat"))
        return True
    rule = rules.captions.first_match(ln.norm)
    if rule is None:
        return False
    if key is None:
        key = _squash(ln.norm)
    raw = doc.text[ln.start:ln.end]
    body, credit = _split_credit(raw)
    caption = Caption(ln.start, ln.end, body, credit)
    doc.captions.append(caption)
    doc.furniture.append(Furniture(ln.start, ln.end, "caption"))
    seen[key] = caption
    return True


_CREDIT = re.compile(r"^(.*?)(?:\s*[-–|]\s*([^-–|()]{2,40})|\s*\(([^()]{2,40})\))\s*$")


def _split_credit(raw: str) -> tuple[str, str | None]:
    m = _CREDIT.match(raw)
    if not m:
        return raw, None
    return m.group(1).strip(), (m.group(2) or m.group(3) or "").strip() or None


def _remove_inline(doc: Document, ln: _Line, rules: CleanRules) -> list[_Line]:
    """Cut inline furniture out of a line; what is left may be several pieces."""
    cuts: list[tuple[int, int, str]] = []
    for rule in rules.inline.candidates(ln.norm):
        if rule.pattern.search(ln.norm) is None:
            continue  # a search that fails is cheaper than a finditer that finds nothing
        for m in rule.pattern.finditer(ln.norm):
            if m.end() > m.start():
                cuts.append((m.start(), m.end(), rule.name))
    if not cuts:
        return [ln]
    mapping = normalize_with_offsets(doc.text[ln.start:ln.end], folded=ln.norm)
    pieces: list[_Line] = []
    pos = 0
    for s, e, rule in sorted(cuts):
        if s < pos:
            continue
        o_s, o_e = mapping.original_span(s, e)
        doc.furniture.append(Furniture(ln.start + o_s, ln.start + o_e, rule))
        piece = _strip(doc.text, ln.start + mapping.original(pos) if pos else ln.start, ln.start + o_s)
        if piece is not None and _has_words(piece.norm):
            pieces.append(piece)
        pos = e
    if pos < len(ln.norm):
        piece = _strip(doc.text, ln.start + mapping.original(pos), ln.end)
        if piece is not None and _has_words(piece.norm):
            pieces.append(piece)
    return pieces


def _take_dateline(doc: Document, kept: list[_Line], lexicon: dateline_parser.DatelineLexicon) -> list[_Line]:
    for i, ln in enumerate(kept[:DATELINE_LINES]):
        raw = doc.text[ln.start:ln.end]
        short = _at_most_words(ln.norm, 12)
        if short and not raw.rstrip().endswith("."):
            parsed = dateline_parser.parse(raw.rstrip(" :"), lexicon, strict=True)
            if parsed:
                doc.dateline = Dateline(parsed.place, parsed.agency, ln.start, ln.end, parsed.date_text)
                doc.bylines.extend(parsed.people)
                doc.furniture.append(Furniture(ln.start, ln.end, "dateline"))
                return kept[:i] + kept[i + 1:]
        m = _PREFIX_COLON.match(raw) if ":" in raw else None  # the colon test is a C scan; the lazy prefix is not
        if m:
            parsed = dateline_parser.parse(m.group(1), lexicon, strict=True)
            if parsed:
                doc.dateline = Dateline(parsed.place, parsed.agency, ln.start, ln.start + m.end(1), parsed.date_text)
                doc.bylines.extend(parsed.people)
                doc.furniture.append(Furniture(ln.start, ln.start + m.end(), "dateline"))
                rest = _strip(doc.text, ln.start + m.end(), ln.end)
                return kept[:i] + ([rest] if rest else []) + kept[i + 1:]
        if not short:
            break  # the story has begun: a dateline would have come before its first sentence
    return kept


def _remove_tail(doc: Document, ln: _Line, rules: CleanRules) -> list[_Line]:
    for rule in rules.tail.candidates(ln.norm):
        m = rule.pattern.search(ln.norm)
        if m:
            mapping = normalize_with_offsets(doc.text[ln.start:ln.end], folded=ln.norm)
            cut = ln.start + mapping.original(m.start())
            doc.furniture.append(Furniture(cut, ln.end, rule.name))
            rest = _strip(doc.text, ln.start, cut)
            return [rest] if rest else []
    return [ln]


def _paragraph(text: str, ln: _Line, index: int, total: int) -> Paragraph:
    raw = text[ln.start:ln.end]
    is_sub = (
        0 < index < total - 1
        and not raw.endswith(_SENTENCE_END)
        and "،" not in raw
        and _at_most_words(ln.norm, SUBHEADING_MAX_WORDS)
    )
    # the line's matching form is the paragraph's: later stages reuse it instead of folding it again
    return Paragraph(ln.start, ln.end, raw, "subheading" if is_sub else "paragraph",
                     normalize_with_offsets(raw, ln.start, ln.norm))
