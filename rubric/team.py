"""Run the team rules: checks that only make sense across a whole batch of OKR sets (many owners).

The rules themselves are registered in `rubric/rules/` with `@team_rule`, like every other rule,
and obey the same policy (disable, enable_only, severity, thresholds). Their findings use the
same `Finding` model at level "team", one list per submitted set, so a report can show them next
to that set's own findings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rubric.engine import finding_order
from rubric.models import Finding, rubric_finding
from rubric.policy import Policy
from rubric.registry import TeamRule, active_rules
from rubric.views import CompanyObjective, TeamSet, TeamView

__all__ = ["CompanyObjective", "TeamSet", "check_team", "company_objective", "read_team_listing"]

_LISTING_LINE = re.compile(r"^(?P<owner>[^:]+):\s*(?P<title>.+?)(?:\s*\(parent:\s*(?P<parent>[^)]*)\))?\s*$")
_COMPANY_CODE = re.compile(r"^(?P<id>(?=[\w.-]*\d)[A-Za-z][\w.-]{0,15})\s*[:–—-]\s+(?P<title>.+)$")  # 'CO-1: ...'


def check_team(sets: Sequence[TeamSet], company: Sequence[CompanyObjective] = (),
               policy: Policy | None = None) -> list[list[Finding]]:
    """Team findings for every set, in input order, for the team rules the policy leaves on."""
    policy = policy or Policy()
    team = TeamView(sets, company, policy.thresholds)
    found: list[list[Finding]] = [[] for _ in sets]
    for rule in active_rules(policy):
        if not isinstance(rule, TeamRule):
            continue
        severity = policy.severity.get(rule.id)
        for index, hit in rule.check(team):
            excerpt = sets[index].titles[hit.objective] if hit.objective is not None else None
            found[index].append(rubric_finding(rule.id, severity or hit.severity or rule.severity, "team",
                                               hit.message, rule.hint, hit.objective, None, excerpt=excerpt))
    for findings in found:
        findings.sort(key=finding_order)
    return found


def company_objective(line: str) -> CompanyObjective:
    """A company objective written on one line, with or without its short code ('CO-1: Grow revenue')."""
    code = _COMPANY_CODE.match(line)
    return CompanyObjective(code["title"], code["id"]) if code else CompanyObjective(line)


def read_team_listing(text: str) -> tuple[list[TeamSet], list[CompanyObjective]]:
    """A batch written one objective per line, the format of the team rules' examples.

    `Owner: Objective title (parent: CO-1)`; consecutive lines of the same owner form one set, and
    `-` as the owner means none. `Company: CO-1: Title` (or `Company: Title`) names a company objective.
    """
    owners: list[str | None] = []
    titles: list[list[str]] = []
    parents: list[list[str | None]] = []
    company: list[CompanyObjective] = []
    last: str | None = None
    for line in filter(None, map(str.strip, text.splitlines())):
        match = _LISTING_LINE.match(line)
        if match is None:
            raise ValueError(f"not 'Owner: objective title': {line!r}")
        owner, title = match["owner"].strip(), match["title"]
        if owner.casefold() == "company":
            company.append(company_objective(title))
            continue
        if owner != last:
            owners.append(None if owner == "-" else owner)
            titles.append([])
            parents.append([])
            last = owner
        titles[-1].append(title)
        parents[-1].append(match["parent"])
    return [TeamSet(*fields) for fields in zip(owners, titles, parents, strict=True)], company
