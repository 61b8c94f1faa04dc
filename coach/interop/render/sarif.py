"""SARIF 2.1.0, the format code-scanning dashboards (GitHub, GitLab, Azure DevOps) import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coach import __version__
from coach.interop.render.files import CheckedFile, LineIndex
from rubric.models import Finding
from rubric.registry import all_rules

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(files: list[CheckedFile]) -> str:
    """One run of okr-coach over `files`; every rule of the catalog is described once in the driver."""
    rules = list(all_rules().values())
    index = {rule.id: position for position, rule in enumerate(rules)}
    driver = {
        "name": "okr-coach", "version": __version__, "semanticVersion": __version__,
        "rules": [{
            "id": rule.id, "name": rule.id.replace("-", " ").title().replace(" ", ""),
            "shortDescription": {"text": rule.title}, "fullDescription": {"text": rule.rationale},
            "help": {"text": rule.hint}, "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            "properties": {"level": rule.level},
        } for rule in rules],
    }
    results = [_result(checked.label, lines, finding, index) for checked in files
               for lines in [LineIndex(checked.source)] for finding in checked.response.findings]
    run = {
        "tool": {"driver": driver}, "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": {"uri": _uri(checked.label)}} for checked in files],
        "results": results,
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False) + "\n"


def _result(label: str, lines: LineIndex, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": _uri(label)}}
    if (region := lines.region(finding)) is not None:
        location["region"] = {
            "startLine": region.start_line, "startColumn": region.start_column,
            "endLine": region.end_line, "endColumn": region.end_column,
        }
        if finding.excerpt:
            location["region"]["snippet"] = {"text": finding.excerpt}
    where = {"objective": finding.objective, "keyResult": finding.key_result}
    return {
        "ruleId": finding.rule, "ruleIndex": index.get(finding.rule, -1), "level": _LEVEL[finding.severity],
        "message": {"text": f"{finding.message} {finding.hint}"},
        "locations": [{"physicalLocation": location}],
        "properties": {key: value for key, value in where.items() if value is not None},
    }


def _uri(label: str) -> str:
    """A relative path stays relative (dashboards resolve it against the repository); stdin is '-'."""
    path = Path(label)
    return path.as_uri() if path.is_absolute() else path.as_posix()
