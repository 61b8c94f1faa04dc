"""Lexing: a draft's physical lines read once into logical lines, markers stripped, wraps joined.

Each logical line keeps the code-point slices of its words (its `pieces`) and the physical rows
it came from, so later stages can both extract items and account for every row they did not use.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from rubric.models import IgnoreReason
from rubric.parser.patterns import (
    KR_HEADER_RE,
    LINE_RE,
    RULE_CHARS,
    RULE_RE,
)

# What opens a line, and the label it starts with ("Objective 2:", "KR1 -", "Key Results:", "Initiative:").
# Literals rather than enums: the parser compares kinds on every line, and an enum member lookup
# cost more than the comparison.
Marker = Literal["plain", "number", "subnumber", "bullet", "heading", "bold"]
Label = Literal[
    "unlabelled", "objective", "key_result",
    "key_results_header",  # a label that opens a list of key results and carries no words of its own
    "initiative",  # work planned under a key result: kept out of the key results
]

# A marker's rank within one indentation: "1." nests under a plain line, "1.1" under "1.", bullets under any.
_RANK: dict[Marker, int] = {"plain": 0, "number": 1, "subnumber": 2, "bullet": 3}
_GLYPH_RANK = {"○": 4, "◦": 4, "o": 4, "■": 5, "▪": 5, "□": 5, "\uf0a7": 5}
_EMOJI_RANK = 6  # emoji bullets rank after every glyph, by their first use (see `_rank_emoji`)

_WRAP_WIDTH = 60  # a line at least this long may have been hard-wrapped by a mail client or editor
_LAZY_WRAP_WIDTH = 40  # the same for a wrapped line that lost its indentation

Row = tuple[int, int, int]  # a physical line: its 1-based number, and code points from its first non-blank to its end


@dataclass(slots=True, eq=False)
class Line:
    """One logical line: a physical line without its markers, plus any wrapped continuation lines."""

    marker: Marker
    label: Label
    indent: int
    key: tuple[int, int, int]
    pieces: list[tuple[int, int]]
    head: str  # the words of the first physical line
    width: int  # length of the physical line, to tell hard-wrapped text
    number: str | None  # "2" for "2." or "Objective 2:", to trust "2.1" as numbering
    decimal: str | None  # "2" for a "2.1" marker
    marker_start: int
    rows: list[Row]
    emoji: str | None = None  # the emoji used as this line's bullet
    children: list[Line] = field(default_factory=list)  # filled in by the outline strategy
    blank_before: bool = False
    item: bool = False  # became an objective title or key result
    reason: IgnoreReason | None = None  # why a stage chose to leave the line out, when it knows

    @property
    def marked(self) -> bool:
        return self.marker != "plain" or self.label != "unlabelled"


@dataclass(slots=True)
class Lexed:
    """The logical lines, and the non-blank physical rows that carry no words (rules, bare bullets)."""

    lines: list[Line]
    bare: list[tuple[Row, IgnoreReason]]


def split_lines(text: str) -> Lexed:
    """Logical lines of the draft, in order, with wrapped lines joined to the line they continue."""
    lines: list[Line] = []
    bare: list[tuple[Row, IgnoreReason]] = []
    blank = False
    last: Line | None = None
    numbers: set[str] = set()
    emoji: list[Line] = []
    for number, match in enumerate(LINE_RE.finditer(text), 1):
        line = _read_line(text, match, number)
        if not isinstance(line, Line):
            if line is not None:
                bare.append(line)
            blank = True
            continue
        if not (blank or line.marked or last is None) and _continues(lines[-1], line, last):
            lines[-1].pieces.extend(line.pieces)
            lines[-1].rows.extend(line.rows)
        else:
            line.blank_before = blank
            lines.append(line)
            if line.number:
                numbers.add(line.number)
            if line.emoji:
                emoji.append(line)
        blank = False
        last = line
    for line in lines:
        if line.decimal is not None and line.decimal not in numbers and line.label == "unlabelled":
            _marker_as_words(text, line)
    if emoji:
        _rank_emoji(text, emoji)
    return Lexed(lines, bare)


def _read_line(text: str, match: re.Match[str], number: int) -> Line | tuple[Row, IgnoreReason] | None:
    """One matched physical line as a `Line`; a (row, reason) pair for a line of markers only; None if blank."""
    start, stop = match.span("words")
    label = "unlabelled" if match["label"] is None else _label(match)
    bold = match["bold"]
    words = match["words"]
    if bold:
        start, stop, bold = _unbold(text, match, bold, label, start, stop)
        words = text[start:stop]
    elif label != "unlabelled" and words[:2] in ("**", "__") and stop - start > 4 and words.endswith(words[:2]):
        start, stop = start + 2, rstrip(text, start, stop - 2)  # "Objective: **title**"
        words = text[start:stop]
    row = (number, match.end("lead"), match.end())
    if not words:
        if label == "unlabelled":
            return _bare_row(text, row)
        label = "key_results_header" if label == "key_result" else label
    elif label == "unlabelled":
        if words[0] in RULE_CHARS and RULE_RE.fullmatch(words):
            return _bare_row(text, row)
        if words[0] in "kKmMsShH" and len(words) < 80 and KR_HEADER_RE.fullmatch(words):
            label = "key_results_header"
    lead = match["lead"]
    indent = len(lead) + 3 * lead.count("\t") if lead else 0  # a tab indents like four spaces
    marker, key = _marker(match, bool(bold), label, indent)
    numbered, decimal, emoji = _numbering(match, label)
    return Line(
        marker, label, indent, key, [(start, stop)] if words else [], words, stop - match.start(),
        numbered, decimal, match.start("marker"), [row], emoji if marker == "bullet" else None,
    )


def _label(match: re.Match[str]) -> Label:
    if match["kr"]:
        return "key_result"
    return "objective" if match["objective"] else "initiative"


def _marker(match: re.Match[str], bold: bool, label: Label, indent: int) -> tuple[Marker, tuple[int, int, int]]:
    """The line's marker and its outline key (level kind, indentation, rank within the indentation:
    a marker's value ranks it, so "1." nests under a plain line, "1.1" under "1.", bullets under both)."""
    heading, bullet = match["heading"], match["bullet"]
    if heading:
        return "heading", (0, len(heading), 0)
    if bold and not bullet and label == "unlabelled":
        return "bold", (0, 7, 0)  # a bold line on its own is a heading below any markdown heading
    if not bullet:
        return "plain", (1, indent, 0)
    if glyph := match["glyph"]:
        return "bullet", (1, indent, _GLYPH_RANK.get(glyph, 3))
    if match["emoji"]:  # "🎯 Objective:": an emoji before a label only decorates it
        return ("plain", (1, indent, 0)) if label != "unlabelled" else ("bullet", (1, indent, _EMOJI_RANK))
    marker: Marker = "number" if match["number"] or match["paren"] or match["keycap"] else "subnumber"
    return marker, (1, indent, _RANK[marker])


def _numbering(match: re.Match[str], label: Label) -> tuple[str | None, str | None, str | None]:
    """The number the line's label or marker gives it, its decimal marker's first part, its emoji
    bullet (looked up only for the markers that can have them: most lines have none)."""
    number = match["objnum"] if label == "objective" else None
    if match["bullet"] is None or match["glyph"] is not None:
        return number, None, None
    return number or match["number"] or match["paren"] or match["keycap"], match["decimal"], match["emoji"]


def _bare_row(text: str, row: Row) -> tuple[Row, IgnoreReason] | None:
    """A line of markers only ('---', '- ', '**'): a row to account for, or None when it is blank."""
    _, start, stop = row
    return None if start == stop or text[start:stop].isspace() else (row, "separator")


def _rank_emoji(text: str, lines: list[Line]) -> None:
    """Emoji bullets (`lines`) nest by first use ('🎯 objective' over '✅ key result'); an emoji
    that opens only one line ('🚀 Mobile squad OKRs') is part of its words, not a bullet."""
    uses = Counter(line.emoji for line in lines)
    order: dict[str, int] = {}
    for line in lines:
        if line.emoji is None or uses[line.emoji] < 2:
            line.emoji = None
            _marker_as_words(text, line)
        else:
            line.key = (line.key[0], line.key[1], order.setdefault(line.emoji, _EMOJI_RANK + len(order)))


def _unbold(text: str, match: re.Match[str], mark: str, label: Label, start: int, stop: int,
            ) -> tuple[int, int, str | None]:
    """Drop the bold markup around a line's words; returns (start, stop, mark if the whole line is bold)."""
    if label != "unlabelled":
        if mark in text[match.end("bold") : start]:
            return start, stop, None  # "**Objective 1:** title": the label closed the bold
        if text.endswith(mark, start, stop):
            return start, rstrip(text, start, stop - len(mark)), None  # "**Objective 1: title**"
        return start, stop, None
    if stop - start > len(mark) and text.endswith(mark, start, stop):
        return start, rstrip(text, start, stop - len(mark)), mark
    return match.start("bold"), stop, None  # "**Note:** text" is not a bold title


def words(text: str, line: Line) -> str:
    """The line's words, wrapped pieces joined by a space."""
    if len(line.pieces) == 1:
        return line.head
    return " ".join(text[s:e] for s, e in line.pieces)


def trim(text: str, start: int, stop: int) -> tuple[int, int]:
    """The span [start, stop) without whitespace at either end."""
    while start < stop and text[start].isspace():
        start += 1
    return start, rstrip(text, start, stop)


def rstrip(text: str, start: int, stop: int) -> int:
    """`stop` moved left past whitespace, not beyond `start`."""
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return stop


def _continues(item: Line, line: Line, last: Line) -> bool:
    """Whether `line` wraps the text of `item` (whose latest physical line is `last`)."""
    if line.label == "key_results_header" or not item.pieces or item.label in ("key_results_header", "initiative"):
        return False
    if item.marker in ("heading", "bold") or last.head[-1:] in (":", ".", "!", "?", ";", "|"):
        return False
    lower = line.head[0].islower()
    hanging = item.marked and item.label != "objective" and line.indent > item.indent
    if hanging and (lower or last.width >= _WRAP_WIDTH):
        return True
    # A lower-case line right under a long bulleted or labelled line wraps it; under a bare line it
    # is as likely the next bare item.
    return lower and item.marked and last.width >= _LAZY_WRAP_WIDTH


def _marker_as_words(text: str, line: Line) -> None:
    """A marker that turned out to be words ('3.5 million downloads' under no '3.' item): keep it."""
    stop = line.pieces[0][1] if line.pieces else line.marker_start
    line.pieces[:1] = [(line.marker_start, stop)]
    line.head = text[line.marker_start : stop]
    line.marker = "plain"
    line.key = (1, line.indent, 0)
