"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff."""

from __future__ import annotations

from coach.interop.render.files import CheckedFile, LineIndex

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(files: list[CheckedFile]) -> str:
    """`::error file=okrs.md,line=4,col=3,endLine=4,endColumn=27,title=vague-change::message`, one per line."""
    out: list[str] = []
    for checked in files:
        lines = LineIndex(checked.source)
        for finding in checked.response.findings:
            properties = {"file": checked.label}
            if (region := lines.region(finding)) is not None:
                properties |= {"line": str(region.start_line), "col": str(region.start_column),
                               "endLine": str(region.end_line), "endColumn": str(region.end_column)}
            properties["title"] = f"okr-coach ({finding.rule})"
            fields = ",".join(f"{key}={_escape(value, property=True)}" for key, value in properties.items())
            out.append(f"::{_COMMAND[finding.severity]} {fields}::{_escape(f'{finding.message} {finding.hint}')}\n")
    return "".join(out)


def _escape(value: str, *, property: bool = False) -> str:
    """The escaping the Actions runner undoes (toolkit's `escapeData`/`escapeProperty`)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property else value
