"""Map the column headers of spreadsheet and OKR-tool exports to the fields a review needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Field = Literal["owner", "team", "cycle", "objective", "key_result", "parent"]

_ALIASES: dict[Field, tuple[str, ...]] = {
    "owner": ("owner", "owner name", "okr owner", "objective owner", "assignee", "assigned to", "employee",
              "employee name", "name", "person", "responsible", "accountable", "author", "submitted by",
              "submitter", "lead", "dri", "user", "member", "goal owner", "owners"),
    "team": ("team", "team name", "department", "dept", "group", "squad", "tribe", "unit", "business unit",
             "org", "organisation", "organization", "function", "division", "teams", "team(s)", "groups"),
    "cycle": ("cycle", "okr cycle", "quarter", "period", "okr period", "time period", "timeframe", "time frame",
              "session", "term", "half", "fiscal quarter", "okr session", "time period name", "timeframe name"),
    "objective": ("objective", "objectives", "objective title", "objective name", "objective description",
                  "goal", "goal title", "goal name", "o", "okr", "okr title"),
    "key_result": ("key result", "key results", "key result title", "key result name", "key result description",
                   "kr", "krs", "kr title", "kr description", "result", "results", "measure", "measurable result"),
    "parent": ("parent", "parent objective", "parent goal", "parent okr", "aligned to", "aligned with",
               "alignment", "aligns to", "company objective", "company goal", "supports", "contributes to",
               "linked to", "parent id", "parent goal(s)", "parent goals", "parent objective title",
               "aligned objective", "aligned goal"),
}
_LOOKUP: dict[str, Field] = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
# "Key Result 1", "KR2", "key_result_3", "KR #4", "Key Results (5)"
_NUMBERED_KR = re.compile(r"^(?:key results?|krs?)\s*#?\s*\(?(\d{1,2})\)?$")


def normalise_header(header: str) -> str:
    """'Objective_Title ' and 'objective-title' both read 'objective title'."""
    return " ".join(re.sub(r"[^0-9a-z#()]+", " ", header.casefold()).split())


@dataclass(slots=True)
class ColumnMap:
    """Which column holds which field; key results may span several numbered columns."""

    fields: dict[Field, int] = field(default_factory=dict)
    key_results: list[int] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def described(self, headers: list[str]) -> dict[str, str]:
        """Each mapped header as written -> the field it is read as, in column order (what an import reports)."""
        used = {position: name for name, position in self.fields.items()}
        used |= {position: "key_result" for position in self.key_results}
        return {headers[position].strip(): used[position] for position in sorted(used) if position < len(headers)}

    @property
    def wide(self) -> bool:
        """One row per objective with key_result_1..N columns (rather than one row per key result)."""
        return len(self.key_results) > 1


def map_headers(headers: list[str]) -> ColumnMap:
    """The first column for each field wins; numbered key-result columns keep their numeric order."""
    columns = ColumnMap()
    numbered: list[tuple[int, int]] = []
    for position, header in enumerate(headers):
        name = normalise_header(header)
        if (match := _NUMBERED_KR.match(name)) is not None:
            numbered.append((int(match.group(1)), position))
        elif (known := _LOOKUP.get(name)) is not None and known not in columns.fields:
            columns.fields[known] = position
        elif header.strip():
            columns.ignored.append(header.strip())
    if "key_result" in columns.fields:
        columns.key_results.append(columns.fields.pop("key_result"))
    columns.key_results.extend(position for _, position in sorted(numbered))
    return columns


def expected_headers(name: Field) -> str:
    return ", ".join(repr(alias) for alias in _ALIASES[name][:6])


def columns_text(columns: dict[str, str]) -> str:
    """'Read columns: "Assignee" as owner, "KR 1", "KR 2" as key result' (what an import says it understood)."""
    by_field: dict[str, list[str]] = {}
    for header, name in columns.items():
        by_field.setdefault(name, []).append(f'"{header}"')
    return "Read columns: " + "; ".join(f"{', '.join(headers)} as {name.replace('_', ' ')}"
                                        for name, headers in by_field.items()) + "."
