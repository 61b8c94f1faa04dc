"""Read an upload in whichever layout it comes: CSV, JSON, or Markdown/text sections per owner."""

from __future__ import annotations

from pathlib import PurePath
from typing import Literal

from pydantic import ValidationError

from coach.batch.imports.decode import decode_upload
from coach.batch.imports.from_csv import import_csv, sniff_delimiter
from coach.batch.imports.from_json import import_json, parse_json
from coach.batch.imports.from_text import import_text
from coach.batch.imports.from_xlsx import XLSX_MAGIC, import_xlsx
from coach.batch.imports.headers import map_headers
from coach.batch.imports.problems import ImportFailure
from coach.batch.models import CompanyObjectiveInput, ImportResult, RowError
from rubric.team import company_objective

Format = Literal["csv", "json", "text", "xlsx"]
_BY_SUFFIX: dict[str, Format] = {".csv": "csv", ".tsv": "csv", ".json": "json", ".md": "text", ".markdown": "text",
                                 ".txt": "text", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def read_upload(data: bytes, filename: str | None = None, format: Format | None = None) -> ImportResult:
    """Decode and import; the format comes from `format`, else the file name, else the content."""
    by_name = _BY_SUFFIX.get(PurePath(filename or "").suffix.lower())
    if (format or by_name) == "xlsx" or (format is None and by_name is None and data.startswith(XLSX_MAGIC)):
        return import_xlsx(data)  # a workbook is binary: it is never decoded as text
    decoded = decode_upload(data)
    chosen = format or by_name or guess_format(decoded.text)
    importer = {"csv": import_csv, "json": import_json, "text": import_text}[chosen]
    result = importer(decoded.text)
    result.errors = sorted([*_undecodable(decoded.bad_lines), *result.errors], key=lambda e: e.line or 0)
    result.warnings = [*decoded.warnings, *result.warnings]
    return result


def guess_format(text: str) -> Format:
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        return "json"
    header = next((line for line in stripped.splitlines() if line.strip()), "")
    cells = header.split(sniff_delimiter(header))
    return "csv" if len(cells) > 1 and "objective" in map_headers(cells).fields else "text"


def _undecodable(lines: list[int]) -> list[RowError]:
    return [RowError(line=n, location=f"line {n}", message=f"Line {n} is not valid UTF-8 text and was skipped; "
                     "save the file as UTF-8 (in Excel: 'CSV UTF-8') and upload again.") for n in lines]




def read_company_objectives(text: str) -> list[CompanyObjectiveInput]:
    """Company (parent) objectives: a JSON list (strings or {id, title}), or one per line ('CO-1: Grow revenue')."""
    if text.lstrip().startswith("["):
        items = parse_json(text, "company_objectives")
        try:
            return [CompanyObjectiveInput.model_validate(i if isinstance(i, dict) else {"title": i}) for i in items]
        except ValidationError as exc:
            raise ImportFailure("company_objectives", f"Each company objective needs a title: {exc}") from exc
    objectives = []
    for line in text.splitlines():
        line = line.strip().lstrip("-*• ").strip()
        if not line or line.startswith("#"):
            continue
        parsed = company_objective(line)
        objectives.append(CompanyObjectiveInput(title=parsed.title, id=parsed.id))
    return objectives
