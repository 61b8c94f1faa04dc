"""Excel and Google Sheets `.xlsx` exports, read with openpyxl and imported like their CSV.

The first sheet whose header row names an objective column is read (a workbook often starts with
a cover or instructions sheet). Cells become the text a CSV export of the sheet would hold:
whole numbers without '.0', dates as ISO dates, formulas as their last computed value.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from coach.batch.imports.from_csv import import_rows
from coach.batch.imports.headers import expected_headers, map_headers
from coach.batch.imports.problems import ImportFailure
from coach.batch.models import ImportResult

XLSX_MAGIC = b"PK\x03\x04"  # a zip archive, as every .xlsx is


def import_xlsx(data: bytes) -> ImportResult:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFailure("file", f"Not a readable .xlsx workbook ({exc}); save it again from Excel or "
                            "Google Sheets as .xlsx, or export the sheet as CSV.") from exc
    try:
        for sheet in workbook.worksheets:
            header = next((row for _, row in _rows(sheet) if any(row)), None)
            if header is not None and "objective" in map_headers(header).fields:
                result = import_rows(_rows(sheet))
                if len(workbook.worksheets) > 1:
                    result.warnings.append(f"Read the sheet '{sheet.title}' of {len(workbook.worksheets)}.")
                return result
    finally:
        workbook.close()
    names = ", ".join(repr(sheet.title) for sheet in workbook.worksheets)
    raise ImportFailure("file", f"No sheet ({names}) has an objective column in its first row; name one of "
                        f"{expected_headers('objective')}.")


def _rows(sheet: Worksheet) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text); the row number is what Excel shows, so errors point at the right row."""
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, [_text(value) for value in row]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
