"""Organisation-wide figures of a review, accumulated set by set so a report can be streamed."""

from __future__ import annotations

from collections import Counter, defaultdict

from coach.batch.models import OwnerCount, ReviewSummary, RuleCount, SetReview
from rubric.team import owner_key

NO_OWNER = "(no owner)"


class SummaryBuilder:
    def __init__(self) -> None:
        self._summary = ReviewSummary()
        self._by_rule: Counter[str] = Counter()
        self._severity: dict[str, str] = {}
        self._owners: dict[str, OwnerCount] = {}
        self._owner_rules: dict[str, Counter[str]] = defaultdict(Counter)
        self._teams: set[str] = set()

    def add(self, review: SetReview) -> None:
        s, counts = self._summary, review.summary
        s.sets += 1
        s.objectives += counts.objectives
        s.key_results += counts.key_results
        s.errors += counts.errors
        s.warnings += counts.warnings
        s.infos += counts.infos
        s.clean_sets += not (counts.errors or counts.warnings)
        if review.team:
            self._teams.add(review.team.casefold())
        key = owner_key(review.owner) or NO_OWNER
        owner = self._owners.get(key)
        if owner is None:
            owner = self._owners[key] = OwnerCount(owner=review.owner or NO_OWNER, sets=0, objectives=0, findings=0,
                                                   by_rule={})
        owner.sets += 1
        owner.objectives += counts.objectives
        owner.findings += len(review.findings)
        for finding in review.findings:
            self._by_rule[finding.rule] += 1
            self._severity.setdefault(finding.rule, finding.severity)
            self._owner_rules[key][finding.rule] += 1

    def build(self, row_errors: int = 0) -> ReviewSummary:
        summary = self._summary.model_copy()
        summary.row_errors = row_errors
        summary.owners = sum(1 for key in self._owners if key != NO_OWNER)
        summary.teams = len(self._teams)
        summary.by_rule = [RuleCount(rule=rule, severity=self._severity[rule], findings=n)
                           for rule, n in sorted(self._by_rule.items(), key=lambda item: (-item[1], item[0]))]
        for key, owner in self._owners.items():
            owner.by_rule = dict(sorted(self._owner_rules[key].items()))
        summary.by_owner = sorted(self._owners.values(), key=lambda o: (-o.findings, o.owner.casefold()))
        return summary
