"""Account for every line: each non-empty line that became no item is reported with a reason.

The strategies mark the lines they knowingly leave out (`Line.reason`); the rest are told by
their look and by the section they sit in ("Notes:", "Initiatives:").
"""

from __future__ import annotations

import re

from rubric.models import IgnoredLine, IgnoreReason, unvalidated
from rubric.parser.lines import Lexed, Line, Row, trim
from rubric.parser.looks import header_word, title_like
from rubric.parser.patterns import DETAIL_RE, HEADER_WORDS_RE

_ROW_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")


def ignored_lines(text: str, lexed: Lexed) -> list[IgnoredLine]:
    """Every row of `lexed` outside the items, in line order, with its reason."""
    found = [_ignored(text, row, reason) for row, reason in lexed.bare]
    section: IgnoreReason | None = None  # the reason a "Notes:" or "Initiatives:" header passes on
    for line in lexed.lines:
        if line.item:
            section = None
            continue
        if line.marker in ("heading", "bold") or (line.blank_before and not line.marked):
            section = None  # a heading or a paragraph after a blank line ends the section
        if header_word(line):
            section = _section(line)
        reason = line.reason or _reason(text, line, section)
        found.extend(_ignored(text, row, reason) for row in line.rows)
    if lexed.bare:
        found.sort(key=lambda ignored: ignored.line)
    return found


def every_line(text: str, reason: IgnoreReason) -> list[IgnoredLine]:
    """Each non-empty line of `text` with one reason (when the parser could not read the draft)."""
    found = []
    for number, match in enumerate(_ROW_RE.finditer(text), 1):
        if match.group().strip():
            found.append(_ignored(text, (number, match.start(), match.end()), reason))
    return found


def _section(line: Line) -> IgnoreReason:
    if line.label == "initiative":
        return "initiative"
    match = HEADER_WORDS_RE.fullmatch(line.head)
    return "initiative" if match is not None and match["work"] else "note"


def _reason(text: str, line: Line, section: IgnoreReason | None) -> IgnoreReason:
    """Why a line no stage claimed is not an item, from its label, its look and its section."""
    if line.label == "initiative":
        return "initiative"
    if (line.label != "unlabelled" and not line.pieces) or line.label == "key_results_header":
        return "label"
    if section is not None:
        return section
    if line.marker in ("heading", "bold") or (line.label == "unlabelled" and title_like(text, line)):
        return "heading"
    if DETAIL_RE.match(line.head):
        return "note"
    return "comment"


def _ignored(text: str, row: Row, reason: IgnoreReason) -> IgnoredLine:
    number, start, stop = row
    start, stop = trim(text, start, stop)
    return unvalidated(IgnoredLine, {"line": number, "start": start, "end": stop, "text": text[start:stop],
                                     "reason": reason})
