"""Parse a pasted OKR draft into objectives and key results, keeping each item's place in the text.

People paste drafts in many shapes: labelled ("Objective:", "KR1 -", "Key Result #1 –"), markdown
headings or bold titles over bullet lists, numbered outlines, or plain indentation, usually with
some prose around them. The parser reads the draft once into logical lines (markers stripped,
wrapped lines joined) and then picks one of two strategies:

* labelled: when the draft names objectives or key results with labels, only labelled lines and
  the lists that belong to them are items (a "Key Results:" block, or lines nested under an
  objective). Drafts that label only their key results get the line above each list promoted.
* structural: otherwise the outline's shape decides (headings, bold, numbering, indentation).

Everything else (titles, intros, notes, sign-offs) is ignored, except that a title may name the
cycle. Item pieces are code-point slices of the original text, never including markers or
surrounding whitespace. The function is total: any input yields a `ParsedDraft`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rubric.draft import ParsedDraft, ParsedObjective
from rubric.spans import SourceText

# Marker kinds; a line's outline key ranks the marker within one indentation, so "1." nests under
# a plain line, "1.1" or "a)" under "1.", and bullets under any of them.
_PLAIN, _NUMBER, _SUBNUMBER, _BULLET, _HEADING, _BOLD = range(6)
_RANK = {_PLAIN: 0, _NUMBER: 1, _SUBNUMBER: 2, _BULLET: 3}
# Word and Google Docs mark nested levels with different glyphs: ● then ○ then ■.
_GLYPH_RANK = {"○": 4, "◦": 4, "o": 4, "■": 5, "▪": 5, "□": 5, "\uf0a7": 5}
_NO_LABEL, _OBJECTIVE, _KR, _KR_HEADER = range(4)

# One physical line: indentation, markdown heading, bullet or number, checkbox, bold, label, words.
# Every group is named, and `_read_line` unpacks them in this order.
_SPACE = r"[^\S\r\n]"  # whitespace inside a line
_BULLET = (
    # Cheap lookahead first: most lines start with a letter and no marker.
    r"(?=[-*+–—‐•▪‣◦·●○■□►▸➤➢✓✔→⁃∙\uf0b7\uf0a7\d(]|[a-zA-Z][.)\t]|[ivxIVX]{2,4}[.)])(?P<bullet>"
    r"(?P<glyph>[-*+–—‐](?=\s)|[•▪‣◦·●○■□►▸➤➢✓✔→⁃∙\uf0b7\uf0a7]\ufe0f?|o(?=\t))"  # "o" + tab: Word's level 2
    r"|(?P<decimal>\d{1,2})(?:\.\d{1,2})+\.?(?=\s)"  # 1.1, 2.3.1
    r"|\(?(?P<number>\d{1,3}|[IVX]{1,4})[.)](?=\s)|\((?P<paren>\d{1,3})\)"  # 1. 1) (1) IV.
    r"|\(?[a-zA-Z][.)](?=\s)|\([a-zA-Z]\)|[ivx]{1,4}[.)](?=\s)"  # a) b. (c) iv.
    r")"
)
# After a label: a colon, a dash or dot before a space, or nothing after a number ("KR1 Revenue").
_SEP = r"(?:\*\*|__)?" + _SPACE + r"*(?:[:：]|[-–—.)](?=\s|$)|(?<=[\d#])(?=\s|$))(?:" + _SPACE + r"*(?:\*\*|__))?"
_KR_LABEL = (
    r"(?P<kr>krs?|key" + _SPACE + r"*results?)(?![^\W\d_])" + _SPACE + r"*(?:[#-]" + _SPACE + r"*)?"
    r"(?P<krnum>\d{1,3}(?:\.\d{1,3})*[a-z]?)?" + _SEP
)
_OBJECTIVE_LABEL = (
    r"(?P<objective>(?:objective|obj\.?|goal|okr(?=" + _SPACE + r"*#?\d))(?![^\W\d_])|o(?=[\s#\d:：]))"
    + _SPACE + r"*(?:#" + _SPACE + r"*)?"
    r"(?P<objnum>\d{1,3}(?:\.\d{1,3})*|[ivx]{1,4}(?![^\W\d_])|[a-z](?=" + _SPACE + r"*[:：.)–—-]))?"
    r"(?:" + _SPACE + r"*\([^)\r\n]{0,40}\))?" + _SEP  # "Objective 2 (stretch):"
)
_LINE_RE = re.compile(
    r"(?P<lead>" + _SPACE + r"*)"
    r"(?:(?P<heading>\#{1,6})" + _SPACE + r"+)?"
    r"(?:" + _BULLET + _SPACE + r"*)?"
    r"(?:\[[ xX✓✔]?\]" + _SPACE + r"+)?"  # a task-list checkbox
    r"(?P<bold>\*\*(?=\S)|__(?=\S))?"
    # A label, maybe after an emoji ("🎯 Objective:"); the lookahead skips the attempt on most lines.
    r"(?:(?=[kKoOgG]|[^\x00-\x7f\w\s])(?:[^\x00-\x7f\w\s]{1,8}" + _SPACE + r"*)?"
    r"(?i:" + _KR_LABEL + r"|" + _OBJECTIVE_LABEL + r")" + _SPACE + r"*)?"
    r"(?P<words>(?:[^\r\n]*\S)?)" + _SPACE + r"*(?:\r\n|\r|\n|\Z)"
)
# Lines that open a list of key results: "Key Results:", "KRs (draft)", "Key results for this objective:",
# "Measured by:", "Success looks like:".
_KR_HEADER_RE = re.compile(
    r"(?:key\s*results?|krs?)(?:\s*\([^)]*\))?\s*:?|key\s*results?\b[^:]{0,50}:"
    r"|(?:measured\s+by|success\s+(?:looks\s+like|means|metrics|criteria)|how\s+we(?:'ll|’ll|\s+will)\s+measure"
    r"(?:\s+(?:it|success|this))?)\s*:?",
    re.I,
)
_RULE_CHARS = "-*_=~—–`"
_RULE_RE = re.compile(r"[-*_=~—–`\s]{3,}")
_HEADER_WORDS_RE = re.compile(
    r"(?:notes?|questions?|comments?|context|background|risks?|dependencies|assumptions|initiatives|"
    r"projects|tasks|next steps|action items|owners?|timeline|budget|resources|links|references|appendix|"
    r"feedback|faq|summary|conclusion|to-?dos?|open questions|out of scope|non-goals|rationale|status)"
    r"\s*[:?]?",
    re.I,
)
# A sentence ends at . ! or ? before a capital, except after an initial or 'e.g.', 'vs.', 'no.' …
# (the punctuation comes first so the scan only stops at punctuation).
_SENTENCE_BREAK_RE = re.compile(
    r"[.!?](?<![A-Z][.!?])(?<!\b[a-z][.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\betc\.)"
    r"(?<!\bapprox\.)(?<!\bincl\.)(?<!\bno\.)[.!?]*\s+(?=[A-Z])"
)
_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_TITLE_RE = re.compile(r"\bOKRs?\b|\bobjectives\b|\bgoals\s+for\b", re.I)

# Cycles: a quarter or half with a year, a fiscal year, or (in a title) a bare year.
_CYCLE_HINT_RE = re.compile(r"\b(?:[QH][1-4]|FY|(?:19|20)\d\d)|\bhalf\b", re.I)
_CYCLE_PERIOD_FIRST_RE = re.compile(  # "Q3 2026", "Q3 FY26", "Q3'26", "H2-2026"
    r"\b(?P<kind>[QH])(?P<n>[1-4])\b\s*(?:[-–—/,]\s*)?(?:FY\s*)?"
    r"(?P<year>(?:19|20)\d{2}\b|(?:(?<=[-/'’])|(?<=FY)|(?<=FY\s))\d{2}\b|['’]\d{2}\b)?",
    re.I,
)
_CYCLE_YEAR_FIRST_RE = re.compile(
    r"\b(?:FY\s*)?(?P<year>(?:19|20)\d{2})\s*[-–—/ ]?\s*(?P<kind>[QH])(?P<n>[1-4])\b", re.I
)
_CYCLE_HALF_WORDS_RE = re.compile(
    r"\b(?P<n>first|second|1st|2nd)\s+half\s+(?:of\s+)?(?P<year>(?:19|20)\d{2})\b", re.I
)
_CYCLE_YEAR_RE = re.compile(r"\bFY\s*'?(?P<fy>\d{4}|\d{2})\b|\b(?P<year>(?:19|20)\d{2})\b", re.I)

_MAX_DEPTH = 12  # titles nest objectives only a few levels deep
_WRAP_WIDTH = 60  # a line at least this long may have been hard-wrapped by a mail client or editor
_LAZY_WRAP_WIDTH = 40  # the same for a wrapped line that lost its indentation


@dataclass(slots=True, eq=False)
class _Line:
    """One logical line: a physical line without its markers, plus any wrapped continuation lines."""

    marker: int
    label: int
    indent: int
    key: tuple[int, int, int]
    pieces: list[tuple[int, int]]
    head: str  # the words of the first physical line
    width: int  # length of the physical line, to tell hard-wrapped text
    number: str | None  # "2" for "2." or "Objective 2:", to trust "2.1" as numbering
    decimal: str | None  # "2" for a "2.1" marker
    marker_start: int
    children: list[_Line]  # filled in by `_outline` for unlabelled drafts
    blank_before: bool = False
    item: bool = False  # became an objective title or key result

    @property
    def marked(self) -> bool:
        return self.marker != _PLAIN or self.label != _NO_LABEL


# --------------------------------------------------------------------------------------------
# Reading lines


def _split_lines(text: str) -> list[_Line]:
    """Logical lines of the draft, in order, with wrapped lines joined to the line they continue."""
    lines: list[_Line] = []
    blank = False
    last: _Line | None = None
    numbers: set[str] = set()
    for match in _LINE_RE.finditer(text):
        line = _read_line(text, match)
        if line is None:
            blank = True
            continue
        if not (blank or line.marker or line.label or last is None) and _continues(lines[-1], line, last):
            lines[-1].pieces.extend(line.pieces)
        else:
            line.blank_before = blank
            lines.append(line)
            if line.number:
                numbers.add(line.number)
        blank = False
        last = line
    for line in lines:
        if line.decimal is not None and line.decimal not in numbers and line.label == _NO_LABEL:
            _undo_decimal(text, line)
    return lines


def _read_line(text: str, match: re.Match[str]) -> _Line | None:
    """Turn one matched physical line into a `_Line`; None for blank lines and horizontal rules."""
    # The groups of _LINE_RE in order (tests/test_parser.py pins the order).
    lead, heading, bullet, glyph, decimal, number, paren, bold, kr, _, objective, objnum, words = match.groups()
    start, stop = match.span(13)
    label = _KR if kr else _OBJECTIVE if objective else _NO_LABEL
    if bold:
        start, stop, bold = _unbold(text, match, bold, label, start, stop)
        words = text[start:stop]
    elif label and words[:2] in ("**", "__") and stop - start > 4 and words.endswith(words[:2]):
        start, stop = start + 2, _rstrip(text, start, stop - 2)  # "Objective: **title**"
        words = text[start:stop]
    if not words:
        if label == _NO_LABEL:
            return None
        label = _KR_HEADER if label == _KR else label
    elif label == _NO_LABEL:
        if words[0] in _RULE_CHARS and _RULE_RE.fullmatch(words):
            return None
        if words[0] in "kKmMsShH" and len(words) < 80 and _KR_HEADER_RE.fullmatch(words):
            label = _KR_HEADER
    indent = len(lead) + 3 * lead.count("\t") if lead else 0  # a tab indents like four spaces
    if heading:
        marker, key = _HEADING, (0, len(heading), 0)
    elif bold and not bullet and label == _NO_LABEL:
        marker, key = _BOLD, (0, 7, 0)  # a bold line on its own is a heading below any markdown heading
    else:
        marker = _PLAIN if not bullet else _BULLET if glyph else _NUMBER if number or paren else _SUBNUMBER
        key = (1, indent, _GLYPH_RANK.get(glyph, 3) if glyph else _RANK[marker])
    return _Line(
        marker, label, indent, key, [(start, stop)] if words else [], words, stop - match.start(),
        objnum or number or paren, decimal, match.start(3), [],
    )


def _unbold(text: str, match: re.Match[str], mark: str, label: int, start: int, stop: int,
            ) -> tuple[int, int, str | None]:
    """Drop the bold markup around a line's words; returns (start, stop, mark if the whole line is bold)."""
    if label != _NO_LABEL:
        if mark in text[match.end("bold") : start]:
            return start, stop, None  # "**Objective 1:** title": the label closed the bold
        if text.endswith(mark, start, stop):
            return start, _rstrip(text, start, stop - 2), None  # "**Objective 1: title**"
        return start, stop, None
    if stop - start > 2 and text.endswith(mark, start, stop):
        return start, _rstrip(text, start, stop - 2), mark
    return match.start("bold"), stop, None  # "**Note:** text" is not a bold title


def _rstrip(text: str, start: int, stop: int) -> int:
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return stop


def _continues(item: _Line, line: _Line, last: _Line) -> bool:
    """Whether `line` wraps the text of `item` (whose latest physical line is `last`)."""
    if line.marked or line.label == _KR_HEADER or not item.pieces or item.label == _KR_HEADER:
        return False
    if item.marker in (_HEADING, _BOLD) or last.head[-1:] in (":", ".", "!", "?", ";"):
        return False
    lower = line.head[0].islower()
    hanging = item.marked and item.label != _OBJECTIVE and line.indent > item.indent
    if hanging and (lower or last.width >= _WRAP_WIDTH):
        return True
    # A lower-case line right under a long bulleted or labelled line wraps it; under a bare line it
    # is as likely the next bare item.
    return lower and item.marked and last.width >= _LAZY_WRAP_WIDTH


def _undo_decimal(text: str, line: _Line) -> None:
    """'3.5 million downloads' under no '3.' item is text, not numbering: keep the number."""
    stop = line.pieces[0][1] if line.pieces else line.marker_start
    line.pieces[:1] = [(line.marker_start, stop)]
    line.head = text[line.marker_start : stop]
    if line.marker == _SUBNUMBER:
        line.marker = _PLAIN
        line.key = (1, line.indent, 0)


# --------------------------------------------------------------------------------------------
# What a line's words look like


def _words(text: str, line: _Line) -> str:
    if len(line.pieces) == 1:
        return line.head
    return " ".join(text[s:e] for s, e in line.pieces)


def _ends_with_colon(text: str, line: _Line) -> bool:
    return bool(line.pieces) and text[line.pieces[-1][1] - 1] == ":"


def _header_word(line: _Line) -> bool:
    """'Notes', 'Risks:', 'Open questions': a section of remarks, not of items."""
    return len(line.head) < 20 and _HEADER_WORDS_RE.fullmatch(line.head) is not None


def _header_like(text: str, line: _Line) -> bool:
    """A section header that ends a list of items: a known word, or any line ending in a colon."""
    return _ends_with_colon(text, line) or _header_word(line)


def _prose_like(text: str, line: _Line) -> bool:
    """Sentences of explanation rather than a short item: several sentences, a question, a cheer."""
    words = _words(text, line)
    return len(words) > 240 or words[-1] in "?!" or _SENTENCE_BREAK_RE.search(words) is not None


def _essay(text: str, line: _Line) -> bool:
    """A paragraph behind a label ('Objective: Brainstorm with your team. Identify …')."""
    words = _words(text, line)
    if len(words) < 40:
        return False
    breaks = len(_SENTENCE_BREAK_RE.findall(words))
    return breaks >= 2 or (breaks == 1 and len(words) > 160)


def _title_like(text: str, line: _Line) -> bool:
    """'Team OKRs — H2 2026', 'Objectives for the design team': a heading over the whole set."""
    words = _words(text, line)
    return _TITLE_RE.search(words) is not None or _cycle_of(words, titled=False) is not None


# --------------------------------------------------------------------------------------------
# Labelled drafts


@dataclass(slots=True)
class _Group:
    """An objective being assembled and the state of the list of key results under it."""

    title: _Line | None
    key: tuple[int, int, int]
    key_results: list[_Line] = field(default_factory=list)
    header: bool = False  # a "Key Results:" line opened the list
    item_key: tuple[int, int, int] | None = None
    bare: bool = False  # the list's items carry no bullet or number
    spaced: bool = False  # the list's items are separated by blank lines
    closed: bool = False
    last_added: _Line | None = None


def _labelled(text: str, lines: list[_Line], promote: bool) -> list[_Group]:
    """Objectives are labelled lines (or, with `promote`, the line just above a key-result list)."""
    groups: list[_Group] = []
    group: _Group | None = None
    pending = False  # "Objective 1:" alone on its line: the title follows
    previous: _Line | None = None
    for index, line in enumerate(lines):
        used = True
        if line.label == _OBJECTIVE and _essay(text, line):
            group, pending, used = None, False, False  # an explanation that starts with "Objective:"
        elif pending and group is not None and line.label == _NO_LABEL:
            group.title, pending = line, False
        elif line.label == _OBJECTIVE:
            group = _Group(line if line.pieces else None, line.key)
            pending = not line.pieces
            groups.append(group)
        elif promote and line.label in (_KR, _KR_HEADER) and _needs_objective(group, line):
            group = _promote(text, groups, group, line, previous)
            if group is not None:
                _add_to_group(text, group, line)
        elif group is not None and _section_heading(text, line, lines, index):
            group.closed, used = True, False
        elif group is not None:
            used = _add_to_group(text, group, line)
        else:
            used = False
        previous = None if used else line
    return [g for g in groups if g.title is not None]


def _section_heading(text: str, line: _Line, lines: list[_Line], index: int) -> bool:
    """'Search Engine Optimization' right above 'Objective: …' names a section; it is no key result."""
    if line.marked or index + 1 >= len(lines):
        return False
    following = lines[index + 1]
    if following.label != _OBJECTIVE or following.blank_before:
        return False
    words = _words(text, line).split()
    if len(words) > 6 or _DIGIT_RE.search(line.head):
        return False
    return all(not w[0].isalpha() or w[0].isupper() or len(w) <= 3 for w in words)


def _needs_objective(group: _Group | None, line: _Line) -> bool:
    """A key-result list starts where there is no open objective to take it."""
    if group is None or group.closed:
        return True
    return line.label == _KR_HEADER and group.last_added is not None


def _promote(text: str, groups: list[_Group], group: _Group | None, line: _Line,
             unused: _Line | None) -> _Group | None:
    """Make the line just above a key-result list its objective (for drafts without objective labels)."""
    candidate = unused or _title_taken_as_item(group, line)
    if candidate is None or candidate.label != _NO_LABEL:
        return group
    if _prose_like(text, candidate) or _header_like(text, candidate):
        return group
    promoted = _Group(candidate, candidate.key)
    groups.append(promoted)
    return promoted


def _title_taken_as_item(group: _Group | None, line: _Line) -> _Line | None:
    """'- Title', '- Key Results:' at one bullet level: the previous objective took the title as an item."""
    if group is None or group.last_added is None or line.label != _KR_HEADER:
        return None
    if group.last_added.key != line.key:
        return None
    group.last_added = None
    return group.key_results.pop()


def _add_to_group(text: str, group: _Group, line: _Line) -> bool:
    """Attach `line` to the objective's key results if it belongs there; False when it does not."""
    if line.label == _KR_HEADER:
        if not group.header:  # lines between the objective and "Key Results:" described it
            group.key_results = [k for k in group.key_results if k.label == _KR]
        group.header, group.item_key, group.closed, group.last_added = True, None, False, None
        return True
    if line.label == _KR:
        return _append(group, line)
    if group.closed:
        return False
    if _header_like(text, line):
        if group.item_key is None and not group.key_results and not _header_word(line):
            group.header = True  # "Objective: X" then "How we will know:" opens its list
            return True
        group.closed = True
        return False
    if group.item_key is None:
        return _first_item(text, group, line)
    return _next_item(text, group, line)


def _first_item(text: str, group: _Group, line: _Line) -> bool:
    """The first unlabelled line under an objective decides what the list's items look like."""
    if group.key_results and group.key_results[-1].label == _KR:  # "KR1: …": unlabelled lines are details
        group.closed = line.key <= group.key
        return False
    nested = line.key > group.key or (line.key == group.key and (line.marked or not line.blank_before))
    if not (group.header or nested) or (not line.marked and _prose_like(text, line)):
        group.closed = True
        return False
    group.item_key, group.bare, group.spaced = line.key, not line.marked, line.blank_before
    return _append(group, line)


def _next_item(text: str, group: _Group, line: _Line) -> bool:
    """Items continue at the first item's level; deeper lines are sub-points, shallower ones end it."""
    if line.key == group.item_key:
        if group.bare and _ends_bare_list(text, group, line):
            group.closed = True
            return False
        return _append(group, line)
    if line.key < group.item_key:
        group.closed = True
    return False


def _ends_bare_list(text: str, group: _Group, line: _Line) -> bool:
    """Bare key-result lines have no marker, so prose after them must be told by its words."""
    if _prose_like(text, line) or (line.blank_before and not group.spaced):
        return True
    return _TITLE_RE.search(_words(text, line)) is not None  # "OKRs typically focus on …"


def _append(group: _Group, line: _Line) -> bool:
    if line.pieces:
        group.key_results.append(line)
        group.last_added = line
    return True


# --------------------------------------------------------------------------------------------
# Unlabelled drafts: the outline decides


def _outline(lines: list[_Line]) -> list[_Line]:
    """Nest lines under the nearest earlier line that is shallower; returns the top-level lines."""
    roots: list[_Line] = []
    stack: list[_Line] = []
    for line in lines:
        while stack and stack[-1].key >= line.key:
            stack.pop()
        (stack[-1].children if stack else roots).append(line)
        stack.append(line)
    return roots


def _structural(text: str, lines: list[_Line]) -> list[_Group]:
    """Objectives are the outline nodes whose children are the key results."""
    groups = _select(text, _outline(lines), titled=False, depth=0)
    if any(not _ends_with_colon(text, g.title) for g in groups if g.title and g.key_results):
        groups = [g for g in groups if g.title and not _ends_with_colon(text, g.title)]
    return groups


def _select(text: str, siblings: list[_Line], titled: bool, depth: int) -> list[_Group]:
    """Walk one level of the outline: descend through titles, take objectives, skip prose."""
    if depth > _MAX_DEPTH:
        return []  # a staircase of ever deeper lines is no OKR set
    kinds = [_kind(text, node) for node in siblings]
    chosen: list[_Group] = []
    for index, (node, kind) in enumerate(zip(siblings, kinds, strict=True)):
        if kind == "container":
            chosen.extend(_select(text, node.children, _title_like(text, node), depth + 1))
        elif kind == "objective":
            chosen.append(_objective_with_children(text, node))
        elif kind == "leaf" and _childless_objective(text, node, index, kinds, titled):
            chosen.append(_Group(node, node.key))
    return chosen


def _kind(text: str, node: _Line) -> str:
    """'container' (a title or intro over objectives), 'objective', 'leaf' (no children) or 'skip'."""
    if not node.children:
        return "leaf"
    if _header_word(node):
        return "skip"
    if not node.marked and _prose_like(text, node):
        return "container"  # "Hi team, draft below. Comments welcome!" over a numbered list
    if node.marker in (_BULLET, _NUMBER, _SUBNUMBER):
        return "objective"
    kids = [c for c in node.children if not _header_word(c)]
    parents = [c for c in kids if c.children]
    if parents and node.marker in (_HEADING, _BOLD) and any(c.marker in (_HEADING, _BOLD) for c in parents):
        return "container"
    if parents and 2 * len(parents) >= len(kids):
        return "container"
    if _title_like(text, node) and (
        node.marker in (_HEADING, _BOLD) or _ends_with_colon(text, node) or node.children[0].blank_before
    ):
        return "container"
    return "objective"


def _childless_objective(text: str, node: _Line, index: int, kinds: list[str], titled: bool) -> bool:
    """An objective with no key results yet, among siblings that are objectives."""
    if node.label == _KR_HEADER or _header_like(text, node) or _prose_like(text, node):
        return False
    if node.marked:
        return titled or "objective" in kinds
    return "objective" in kinds[:index] and "objective" in kinds[index + 1 :] and not node.blank_before


def _objective_with_children(text: str, node: _Line) -> _Group:
    """Its key results are its children, read like a labelled objective's list."""
    children = node.children
    first_marked = next((i for i, child in enumerate(children) if child.marked), 0)
    group = _Group(node, node.key)
    for child in children[first_marked:]:  # a description line may come before the bullets
        _add_to_group(text, group, child)
    return group


# --------------------------------------------------------------------------------------------
# Cycle


def _cycle_of(words: str, titled: bool) -> str | None:
    """The cycle a line names ('Q3 2026' -> '2026-Q3'); a bare year counts only in a title."""
    if _CYCLE_HINT_RE.search(words) is None:
        return None
    match = _CYCLE_YEAR_FIRST_RE.search(words)
    if match:
        return f"{match.group('year')}-{match.group('kind').upper()}{match.group('n')}"
    lone = None  # "Q3 OKRs for 2026": a period whose year stands elsewhere
    for match in _CYCLE_PERIOD_FIRST_RE.finditer(words):
        period = f"{match.group('kind').upper()}{match.group('n')}"
        if period in ("H3", "H4"):
            continue
        if match.group("year"):
            return f"{_full_year(match.group('year'))}-{period}"
        lone = lone or period
    match = _CYCLE_HALF_WORDS_RE.search(words)
    if match:
        return f"{match.group('year')}-H{1 if match.group('n').lower() in ('first', '1st') else 2}"
    match = _CYCLE_YEAR_RE.search(words)
    if match is None:
        return None
    year = _full_year(match.group("fy") or match.group("year"))
    if lone:
        return f"{year}-{lone}"
    return year if titled or match.group("fy") else None


def _full_year(year: str) -> str:
    year = year.lstrip("'’")
    return year if len(year) == 4 else f"20{year}"


def _find_cycle(text: str, lines: list[_Line]) -> str | None:
    """The cycle named by a heading or title, else by prose before the first objective."""
    fallback = None
    before_items = True
    for line in lines:
        if line.item:
            before_items = False
            continue
        words = _words(text, line)
        heading = line.marker in (_HEADING, _BOLD) or _TITLE_RE.search(words) is not None
        if not heading and not before_items:
            continue
        cycle = _cycle_of(words, titled=heading)
        if cycle and heading:
            return cycle
        fallback = fallback or cycle
    return fallback


# --------------------------------------------------------------------------------------------
# Entry point


def parse_text(text: str) -> ParsedDraft:
    """Extract the cycle, objectives and key results from a free-text draft; never raises."""
    try:
        return _parse(text)
    except Exception:  # a heuristic gone wrong must not take a request down: an empty draft still checks
        return ParsedDraft(cycle=None, objectives=[])


def _parse(text: str) -> ParsedDraft:
    lines = _split_lines(text)
    labels = {line.label for line in lines}
    if _OBJECTIVE in labels:
        groups = _labelled(text, lines, promote=False)
    elif _KR in labels or _KR_HEADER in labels:
        groups = _labelled(text, lines, promote=True)
    else:
        groups = _structural(text, lines)
        if not groups and len(lines) == 1 and _lone_objective(text, lines[0]):
            groups = [_Group(lines[0], lines[0].key)]
    objectives = []
    for group in groups:
        title = group.title
        if title is None or not title.pieces:
            continue
        title.item = True
        for key_result in group.key_results:
            key_result.item = True
        key_results = [_source(text, k) for k in group.key_results]
        objectives.append(ParsedObjective(_source(text, title, title=True), key_results))
    return ParsedDraft(cycle=_find_cycle(text, lines), objectives=objectives)


def _lone_objective(text: str, line: _Line) -> bool:
    """A single line of a few words pasted on its own is an objective to check."""
    return len(_WORD_RE.findall(line.head)) >= 2 and not _prose_like(text, line) and not _header_like(text, line)


def _source(text: str, line: _Line, title: bool = False) -> SourceText:
    """The item's text and slices; an unlabelled title loses a trailing colon ('Grow revenue:')."""
    pieces = line.pieces
    if title and line.label == _NO_LABEL and _ends_with_colon(text, line):
        start, stop = pieces[-1]
        stop = _rstrip(text, start, stop - 1)
        if stop > start:
            return SourceText.from_slices(text, [*pieces[:-1], (start, stop)])
    if len(pieces) == 1:
        return SourceText(line.head, (pieces[0],))
    return SourceText.from_slices(text, pieces)
