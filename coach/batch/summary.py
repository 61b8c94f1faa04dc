"""Organisation-wide figures of a review, accumulated set by set so a report can be streamed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from coach.batch.models import OwnerCount, ReviewSummary, RuleCount, SetReview
from rubric.views import owner_key

NO_OWNER = "(no owner)"


@dataclass(slots=True)
class _Owner:
    name: str
    sets: int = 0
    objectives: int = 0
    findings: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)


class SummaryBuilder:
    def __init__(self) -> None:
        self._totals: Counter[str] = Counter()
        self._by_rule: Counter[str] = Counter()
        self._severity: dict[str, str] = {}
        self._owners: dict[str, _Owner] = {}
        self._teams: set[str] = set()

    def add(self, review: SetReview) -> None:
        counts = review.summary
        self._totals.update(sets=1, objectives=counts.objectives, key_results=counts.key_results,
                            errors=counts.errors, warnings=counts.warnings, infos=counts.infos,
                            clean_sets=not (counts.errors or counts.warnings))
        if review.team:
            self._teams.add(review.team.casefold())
        key = owner_key(review.owner) or NO_OWNER
        owner = self._owners.get(key)
        if owner is None:
            owner = self._owners[key] = _Owner(review.owner or NO_OWNER)
        owner.sets += 1
        owner.objectives += counts.objectives
        owner.findings += len(review.findings)
        for finding in review.findings:
            self._by_rule[finding.rule] += 1
            self._severity.setdefault(finding.rule, finding.severity)
            owner.by_rule[finding.rule] += 1

    def build(self, row_errors: int = 0) -> ReviewSummary:
        by_rule = [RuleCount(rule=rule, severity=self._severity[rule], findings=n)
                   for rule, n in sorted(self._by_rule.items(), key=lambda item: (-item[1], item[0]))]
        owners = sorted(self._owners.values(), key=lambda o: (-o.findings, o.name.casefold()))
        return ReviewSummary(
            **self._totals, row_errors=row_errors, owners=sum(1 for key in self._owners if key != NO_OWNER),
            teams=len(self._teams), by_rule=by_rule,
            by_owner=[OwnerCount(owner=o.name, sets=o.sets, objectives=o.objectives, findings=o.findings,
                                 by_rule=dict(sorted(o.by_rule.items()))) for o in owners],
        )
