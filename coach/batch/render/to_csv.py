"""The review as CSV, one row per finding, safe to open in a spreadsheet.

Cells starting with = + - @ (or a tab or carriage return) would run as formulas in Excel,
LibreOffice and Google Sheets: such cells get a leading apostrophe, as OWASP recommends. Spreadsheets
skip leading spaces and read the full-width signs (＝ ＋ － ＠) as their ASCII twins, so the test is on
the first character that is not whitespace, in either width.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from coach.batch.models import SetReview

COLUMNS = ["owner", "team", "cycle", "set", "objective", "objective_title", "key_result", "key_result_text",
           "rule", "severity", "level", "message", "hint", "excerpt"]
_FORMULA_START = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
_CONTROL_START = ("\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    risky = text.startswith(_CONTROL_START) or text.lstrip().startswith(_FORMULA_START)
    return "'" + text if risky else text


def iter_csv(sets: Iterable[SetReview]) -> Iterator[str]:
    """The CSV, one set's rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for review in sets:
        for finding in review.findings:
            objective = review.objectives[finding.objective] if finding.objective is not None else None
            key_result = (objective.key_results[finding.key_result]
                          if objective is not None and finding.key_result is not None else None)
            row = [review.owner, review.team, review.cycle, review.index + 1,
                   None if finding.objective is None else finding.objective + 1, objective and objective.title,
                   None if finding.key_result is None else finding.key_result + 1, key_result, finding.rule,
                   finding.severity, finding.level, finding.message, finding.hint, finding.excerpt]
            writer.writerow([safe_cell(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
