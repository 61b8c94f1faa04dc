"""CSV exports: one row per key result, or one row per objective with key_result_1..N columns.

Rows are grouped into sets by owner, team and cycle, and into objectives by title, in file
order. A row that leaves owner, team, cycle and objective blank continues the objective above
(merged cells export that way). A bad row becomes a `RowError` with its line; the rest is read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from coach.batch.imports.headers import ColumnMap, Field, expected_headers, map_headers
from coach.batch.imports.problems import ImportFailure
from coach.batch.models import ImportResult, RowError, Submission, SubmittedObjective

_DELIMITERS = ",;\t|"
_BULLET = re.compile(r"^\s*(?:[-*•▪◦·–]|\d{1,2}[.)]|[a-z][.)])\s+")


def sniff_delimiter(text: str) -> str:
    """The delimiter the header line uses most (quoted text aside); ',' when it names none."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {d: unquoted.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def split_key_results(cell: str) -> list[str]:
    """A key-result cell may hold several, one per line, often bulleted."""
    if "\n" not in cell and "\r" not in cell and not _BULLET.match(cell):  # the usual cell: one plain key result
        return [cell] if cell else []
    return [_BULLET.sub("", line).strip() for line in cell.splitlines() if _BULLET.sub("", line).strip()]


@dataclass(slots=True)
class _Set:
    submission: Submission
    objectives: dict[str, SubmittedObjective] = dataclass_field(default_factory=dict)


def import_csv(text: str) -> ImportResult:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    errors: list[RowError] = []

    def rows() -> Iterator[tuple[int, list[str]]]:
        """(first line of the row, cells); a quoting error ends the file with a row error saying so."""
        last_line = 0
        try:
            for row in reader:
                yield last_line + 1, row
                last_line = reader.line_num
        except csv.Error as exc:
            errors.append(RowError(line=last_line + 1, location=f"line {last_line + 1}",
                                   message=f"Unreadable CSV from here on ({exc}); fix the quoting and upload again."))

    return import_rows(rows(), errors)


def import_rows(rows: Iterable[tuple[int, list[str]]], errors: list[RowError] | None = None) -> ImportResult:
    """A table's rows (line number, cells), the first non-empty one the header: CSV and spreadsheets alike."""
    errors = [] if errors is None else errors
    header: list[str] | None = None
    columns = ColumnMap()
    sets: dict[tuple[str, str, str], _Set] = {}
    current: SubmittedObjective | None = None
    for line, row in rows:
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if header is None:
            header, columns = row, _columns(row)
            continue
        current = _read_row(cells, columns, line, sets, current, errors)
    warnings = [f"Ignored columns: {', '.join(columns.ignored)}."] if columns.ignored else []
    return ImportResult(submissions=[s.submission for s in sets.values()], errors=errors, warnings=warnings,
                        columns=columns.described(header or []))


def _columns(header: list[str]) -> ColumnMap:
    columns = map_headers(header)
    if "objective" not in columns.fields:
        raise ImportFailure("file", f"No objective column among the headers {header}; name one of "
                            f"{expected_headers('objective')}.")
    return columns


def _read_row(cells: list[str], columns: ColumnMap, line: int, sets: dict[tuple[str, str, str], _Set],
              current: SubmittedObjective | None, errors: list[RowError]) -> SubmittedObjective | None:
    """Add one row; returns the objective a following continuation row would extend."""
    width = len(cells)
    fields = columns.fields

    def value(name: Field) -> str:
        position = fields.get(name)
        return cells[position] if position is not None and position < width else ""

    key_results = [kr for position in columns.key_results if position < width
                   for kr in split_key_results(cells[position])]
    title, owner, team, cycle = value("objective"), value("owner"), value("team"), value("cycle")
    if not title:
        names_set = bool(owner or team or cycle)
        if key_results and not names_set and current is not None:
            current.key_results.extend(key_results)
            return current
        if key_results:
            message = (f"Line {line} has a key result but no objective; fill in the objective it belongs to"
                       + (" (or leave owner, team and cycle blank to continue the objective above)." if names_set
                          else "."))
        else:
            message = f"Line {line} has an empty objective; write the objective or delete the row."
        errors.append(RowError(line=line, location=f"line {line}", message=message))
        return None
    key = (owner.casefold(), team.casefold(), cycle.casefold())
    group = sets.get(key)
    if group is None:
        group = sets[key] = _Set(Submission(owner=owner or None, team=team or None, cycle=cycle or None, line=line))
    title_key = " ".join(title.split()).casefold()
    objective = group.objectives.get(title_key)
    if objective is None:
        objective = group.objectives[title_key] = SubmittedObjective(title=title)
        group.submission.objectives.append(objective)
    objective.key_results.extend(key_results)
    if objective.parent is None and (parent := value("parent")):
        objective.parent = parent
    return objective
