"""Text output of the coach for the terminal: suggestions with their verdict, KPI links, warnings."""

from __future__ import annotations

from coach.coaching.schemas import CoachResult, Suggestion


def render_coaching(result: CoachResult) -> str:
    out = [f"coach: {result.provider.name}" + (f" ({result.provider.model})" if result.provider.model else "") + "\n"]
    out.extend(f"warning: {w}\n" for w in result.warnings)
    for suggestion in result.suggestions:
        out.extend(_suggestion(suggestion))
    for link in result.kpi_links:
        kind = "new KPI" if link.new_kpi else link.kpi_id
        disguise = " — holds a level: track it as a KPI" if link.kpi_in_disguise else ""
        out.append(f"{_where(link.objective, link.key_result)}: KPI {link.kpi_name} [{kind}] "
                   f"{link.confidence:.2f}: {link.reason}{disguise}\n")
    for finding in result.advisories:
        out.append(f"{_where(finding.objective, finding.key_result)}: advice [{finding.rule}] {finding.message}\n")
    return "".join(out)


def _suggestion(suggestion: Suggestion) -> list[str]:
    verdict = "verified" if suggestion.verified else "NOT verified"
    lines = [f"{_where(suggestion.objective, suggestion.key_result)}: {suggestion.action} ({verdict}, "
             f"{suggestion.source}) — {suggestion.rationale}\n"]
    if suggestion.original is not None:
        lines.append(f"    - {suggestion.original}\n")
    lines.extend(f"    + {text}\n" for text in suggestion.texts)
    if suggestion.slots:
        lines.append(f"    = fill in: {', '.join(suggestion.slots)}\n")
    lines.extend(f"    = assumption: {a}\n" for a in suggestion.assumptions)
    lines.extend(f"    = still: {f.severity} [{f.rule}] {f.message}\n" for f in suggestion.findings)
    return lines


def _where(objective: int | None, key_result: int | None) -> str:
    if objective is None:
        return "set"
    return f"objective {objective + 1}" + (f", key result {key_result + 1}" if key_result is not None else "")
