"""Markdown tables, as Notion, Confluence and Google Docs export OKRs.

`| Objective | Key Result | Owner | Due |`, a separator row, then one row per key result with the
objective repeated (or left empty where the editor merged the cells). The header names the
columns; a "Due" column gives each key result its deadline. Items are the cells' own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rubric.draft import ParsedKeyResult, ParsedObjective
from rubric.parser.groups import title_source
from rubric.parser.lines import Line, trim
from rubric.parser.looks import header_word, prose_like, title_like
from rubric.parser.patterns import TABLE_COLUMNS, TABLE_SEPARATOR_RE
from rubric.spans import SourceText

Cell = tuple[int, int]  # code points of a cell's trimmed text; empty when start == end

_MARKUP_RE = re.compile(r"[*_`]+|\s*\([^)]*\)\s*$")  # "**Key result (KR)**" names the key-result column
_BREAK_RE = re.compile(r"<br\s*/?>", re.I)
_NO_DATE_RE = re.compile(r"[-–—?]*|n/?a|tbd|tbc|none", re.I)


@dataclass(slots=True)
class Tables:
    """What the tables of a draft hold, and the lines that are not part of any table."""

    objectives: list[ParsedObjective]
    rest: list[Line]


def read_tables(text: str, lines: list[Line]) -> Tables:
    """Take every OKR table out of `lines`; rows become items, header and separator rows get a reason."""
    objectives: list[ParsedObjective] = []
    rest: list[Line] = []
    index = 0
    while index < len(lines):
        columns = _columns(text, lines, index)
        if columns is None:
            rest.append(lines[index])
            index += 1
            continue
        lines[index].reason, lines[index + 1].reason = "table-header", "table-separator"
        end = index + 2
        while end < len(lines) and _row_of_table(text, lines[end]):
            end += 1
        above = _titled_by(text, rest) if "objective" not in columns else None
        objectives.extend(_read_rows(text, lines[index + 2 : end], columns, above))
        index = end
    return Tables(objectives, rest)


def _columns(text: str, lines: list[Line], index: int) -> dict[str, int] | None:
    """The column of each role the header at `index` names, if it heads an OKR table."""
    if index + 1 >= len(lines) or "|" not in lines[index].head:
        return None
    separator = lines[index + 1]
    if not _row_of_table(text, separator) or not TABLE_SEPARATOR_RE.fullmatch(_row_text(text, separator)):
        return None
    columns: dict[str, int] = {}
    for position, (start, stop) in enumerate(_cells(text, lines[index])):
        name = _MARKUP_RE.sub("", text[start:stop]).strip()
        role = next((r for r, pattern in TABLE_COLUMNS.items() if pattern.fullmatch(name)), None)
        if role is not None:
            columns.setdefault(role, position)
    return columns if "key_result" in columns else None  # a table of owners or risks holds no OKRs


def _row_of_table(text: str, line: Line) -> bool:
    return not line.blank_before and len(line.rows) == 1 and "|" in _row_text(text, line)


def _titled_by(text: str, rest: list[Line]) -> ParsedObjective | None:
    """A table of key results only belongs to the line above it ('## Grow the base'), if that can
    be an objective; the line is taken out of the rest of the draft."""
    if not rest or not rest[-1].pieces or rest[-1].label not in ("unlabelled", "objective"):
        return None
    if prose_like(text, rest[-1]) or header_word(rest[-1]) or title_like(text, rest[-1]):
        return None
    title = rest.pop()
    title.item = True
    return ParsedObjective(title_source(text, title))


def _read_rows(text: str, rows: list[Line], columns: dict[str, int],
               current: ParsedObjective | None) -> list[ParsedObjective]:
    """One key result per row; a row's objective cell opens an objective, or names one seen before;
    `current` takes the rows that name none."""
    objectives: dict[str, ParsedObjective] = {}
    if current is not None:
        objectives[_name(current.title.text)] = current
    for row in rows:
        cells = _cells(text, row)
        title, key_result, due = (_cell(cells, columns.get(role)) for role in ("objective", "key_result", "due"))
        if title[0] < title[1]:
            name = _name(text[title[0] : title[1]])
            if name not in objectives:
                objectives[name] = ParsedObjective(SourceText(text[title[0] : title[1]], (title,)))
                row.item = True
            current = objectives[name]
        if current is not None:
            for start, stop in _lines_of(text, key_result):
                current.key_results.append(ParsedKeyResult(text[start:stop], ((start, stop),), _due(text, due)))
                row.item = True
        if not row.item:
            row.reason = "table-row"
    return list(objectives.values())


def _lines_of(text: str, cell: Cell) -> list[Cell]:
    """The non-empty lines of a cell: exports write a line break inside a cell as '<br>'."""
    start, stop = cell
    if "<br" not in text[start:stop]:
        return [cell] if start < stop else []
    bounds = [start, *(i for m in _BREAK_RE.finditer(text, start, stop) for i in m.span()), stop]
    spans = (trim(text, bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2))
    return [span for span in spans if span[0] < span[1]]


def _name(title: str) -> str:
    """An objective's title as rows repeat it, whatever the spacing and case."""
    return " ".join(title.split()).casefold()


def _due(text: str, cell: Cell) -> SourceText | None:
    """The due date's text, unless the cell holds none ('-', 'TBD', 'n/a')."""
    if cell[0] == cell[1] or _NO_DATE_RE.fullmatch(text[cell[0] : cell[1]]):
        return None
    return SourceText(text[cell[0] : cell[1]], (cell,))


def _cell(cells: list[Cell], position: int | None) -> Cell:
    if position is None or position >= len(cells):
        return (0, 0)
    return cells[position]


def _row_text(text: str, line: Line) -> str:
    start, stop = trim(text, *line.rows[0][1:])
    return text[start:stop]


def _cells(text: str, line: Line) -> list[Cell]:
    """The trimmed spans between the pipes of a row ('| a | b |' and 'a | b' alike)."""
    start, stop = trim(text, *line.rows[0][1:])
    if text.startswith("|", start):
        start += 1
    if stop > start and text[stop - 1] == "|":
        stop -= 1
    cells: list[Cell] = []
    cell_start = start
    for position in [*(m.start() + start for m in re.finditer(r"(?<!\\)\|", text[start:stop])), stop]:
        cells.append(trim(text, cell_start, position))
        cell_start = position + 1
    return cells
