"""Markdown or plain text with one section per owner ("## Alice Chen", "## Bob Li (Platform)").

Each section is a free-text draft: the rubric's parser reads it, and its findings keep their
spans. A title may name the cycle for every section ("# Q3 2026 OKRs"); OKRs above the first
owner heading form a set without an owner.
"""

from __future__ import annotations

import re

from coach.batch.models import ImportResult, RowError, Submission
from rubric.parser import parse_text

_HEADING = re.compile(r"^(#{1,2})[ \t]+(.+?)[ \t#]*$", re.M)
_NOT_AN_OWNER = re.compile(r"^(?:objectives?|obj\b|o\d|key results?|krs?\b|okrs?\b)", re.I)
_TEAM_SUFFIX = re.compile(r"^(?P<owner>.+?)\s*(?:\((?P<paren>[^)]+)\)|\s[—–|]\s*(?P<dash>.+))$")


def import_text(text: str) -> ImportResult:
    level = _owner_level(text)
    headings = [m for m in _HEADING.finditer(text) if len(m.group(1)) == level and _is_owner(m.group(2))]
    if not headings:
        return _whole_text(text)
    preamble = text[: headings[0].start()]
    default_cycle = parse_text(text).cycle  # a title such as "# Q3 2026 OKRs" names it for every section
    submissions: list[Submission] = []
    errors: list[RowError] = []
    if any(o.key_results for o in parse_text(preamble).objectives):
        submissions.append(Submission(text=preamble, cycle=default_cycle, line=1))
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        body = text[heading.end(): following.start() if following else len(text)]
        line = text.count("\n", 0, heading.start()) + 1
        owner, team = _owner_and_team(heading.group(2))
        draft = parse_text(body)
        if not draft.objectives:
            errors.append(RowError(line=line, location=f"section '{heading.group(0).strip()}'",
                                   message=f"Line {line}: the section for {owner} holds no objective; write them "
                                   "as 'Objective: ...' with key results below, or remove the section."))
            continue
        submissions.append(Submission(owner=owner, team=team, cycle=draft.cycle or default_cycle, text=body,
                                      line=line))
    return ImportResult(submissions=submissions, errors=errors)


def _owner_level(text: str) -> int:
    """Owners are '##' sections; a document that only uses '#' headings uses those."""
    levels = [len(m.group(1)) for m in _HEADING.finditer(text) if _is_owner(m.group(2))]
    return 2 if 2 in levels or levels.count(1) < 2 else 1


def _is_owner(heading: str) -> bool:
    return not _NOT_AN_OWNER.match(heading.strip("*_ "))


def _owner_and_team(heading: str) -> tuple[str, str | None]:
    heading = heading.strip("*_ ")
    if (match := _TEAM_SUFFIX.match(heading)) is not None:
        return match.group("owner").strip(), (match.group("paren") or match.group("dash")).strip()
    return heading, None


def _whole_text(text: str) -> ImportResult:
    """No owner headings: the whole text is one draft."""
    draft = parse_text(text)
    if not draft.objectives:
        return ImportResult(submissions=[], errors=[RowError(line=1, location="file", message=(
            "No objectives found; give each owner a '## Name' section with 'Objective: ...' lines below."))])
    return ImportResult(submissions=[Submission(text=text, cycle=draft.cycle, line=1)])
