"""Linter-style text output: file:line:col, severity, rule, message, and the line with the span marked."""

from __future__ import annotations

import os
import sys

from coach.interop.render.files import item_name
from rubric.models import CheckResult, Finding

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"


def render_findings(label: str, source: str, result: CheckResult, *, color: str = "auto") -> str:
    use_color = color == "always" or (color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    out: list[str] = []
    for finding in result.findings:
        out.extend(_render_one(label, lines, starts, result, finding, use_color))
    summary = result.summary
    total = summary.errors + summary.warnings + summary.infos
    out.append(
        f"{total} finding{'s' * (total != 1)}: {summary.errors} error(s), {summary.warnings} warning(s), "
        f"{summary.infos} info — {summary.objectives} objective(s), {summary.key_results} key result(s)\n"
    )
    return "".join(out)


def _render_one(label: str, lines: list[str], starts: list[int], result: CheckResult, finding: Finding,
                use_color: bool) -> list[str]:
    severity: str = finding.severity
    if use_color:
        severity = f"{_COLORS[finding.severity]}{severity}{_RESET}"
    if finding.start is not None and finding.end is not None and lines:
        row = _row(starts, finding.start)
        col = finding.start - starts[row]
        line = lines[row].rstrip("\r\n")
        width = max(1, min(finding.end, starts[row] + len(line)) - finding.start)
        marker = " " * _display_width(line[:col]) + "^" * _display_width(line[col : col + width]) or "^"
        head = f"{label}:{row + 1}:{col + 1}: {severity} [{finding.rule}] {finding.message}\n"
        return [head, f"    {line}\n", f"    {marker}\n", _hint(finding, use_color)]
    where = item_name(finding)
    head = f"{label}: {where}: {severity} [{finding.rule}] {finding.message}\n"
    return [head, _hint(finding, use_color)]


def _hint(finding: Finding, use_color: bool) -> str:
    hint = f"    = hint: {finding.hint}\n"
    return f"{_DIM}{hint}{_RESET}" if use_color else hint


def _row(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 2
    while low < high:
        mid = (low + high + 1) // 2
        if starts[mid] <= offset:
            low = mid
        else:
            high = mid - 1
    return low


def _display_width(text: str) -> int:
    """Terminal columns: wide East Asian characters and emoji take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
