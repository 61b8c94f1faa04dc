"""Team rules: checks that only make sense across a whole batch of OKR sets (many owners).

Pure functions over plain data, like the rest of the rubric. They return the same `Finding`
model as the per-set rules, at level "team", one list per submitted set, so a report can show
them next to that set's own findings.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rubric.engine import finding_order
from rubric.models import Finding, Severity, rubric_finding
from rubric.policy import Thresholds
from rubric.text import near_duplicate, similar, word_set


@dataclass(frozen=True, slots=True)
class TeamRule:
    id: str
    severity: Severity
    title: str
    hint: str


OWNER_OVERLOADED = TeamRule(
    "owner-overloaded", "warning", "Owner overloaded",
    "Keep the objectives that matter most for this person; hand the rest to a co-owner or drop them this cycle.",
)
DUPLICATE_ACROSS_OWNERS = TeamRule(
    "duplicate-across-owners", "info", "Duplicate across owners",
    "Agree on one shared objective with one accountable owner, and let the others contribute key results to it.",
)
UNALIGNED_OBJECTIVE = TeamRule(
    "unaligned-objective", "info", "Unaligned objective",
    "Name the company objective this one supports (its parent), or say why it stands on its own.",
)
MISSING_OWNER = TeamRule(
    "missing-owner", "warning", "Missing owner",
    "Name the one person accountable for this set.",
)
TEAM_RULES: dict[str, TeamRule] = {
    r.id: r for r in (OWNER_OVERLOADED, DUPLICATE_ACROSS_OWNERS, UNALIGNED_OBJECTIVE, MISSING_OWNER)
}


@dataclass(frozen=True, slots=True)
class TeamSet:
    """What the team rules need from one submitted set."""

    owner: str | None
    titles: Sequence[str]
    parents: Sequence[str | None]  # the parent each objective names, aligned with `titles`


@dataclass(frozen=True, slots=True)
class CompanyObjective:
    """A parent objective that team objectives may align to; `id` is an optional short code (CO-1)."""

    title: str
    id: str | None = None


def check_team(
    sets: Sequence[TeamSet], company: Sequence[CompanyObjective] = (), thresholds: Thresholds | None = None,
    disable: Iterable[str] = (),
) -> list[list[Finding]]:
    """Team findings for every set, in input order; `disable` switches team rules off by id."""
    thresholds = thresholds or Thresholds()
    off = set(disable)
    found: list[list[Finding]] = [[] for _ in sets]
    if OWNER_OVERLOADED.id not in off:
        _owner_overloaded(sets, thresholds.max_objectives, found)
    if DUPLICATE_ACROSS_OWNERS.id not in off:
        _duplicates_across_owners(sets, thresholds.duplicate_similarity, found)
    if UNALIGNED_OBJECTIVE.id not in off and company:
        _unaligned(sets, company, thresholds.duplicate_similarity, found)
    if MISSING_OWNER.id not in off:
        _missing_owner(sets, found)
    for findings in found:
        findings.sort(key=finding_order)
    return found


def owner_key(owner: str | None) -> str | None:
    """Owners compare case- and spacing-insensitively: 'alice  chen' is 'Alice Chen'."""
    if owner is None or not owner.strip():
        return None
    return " ".join(owner.split()).casefold()


def _finding(rule: TeamRule, message: str, objective: int | None = None, excerpt: str | None = None) -> Finding:
    return rubric_finding(rule.id, rule.severity, "team", message, rule.hint, objective, None, excerpt=excerpt)


def _owner_overloaded(sets: Sequence[TeamSet], limit: int, found: list[list[Finding]]) -> None:
    by_owner: dict[str, list[int]] = defaultdict(list)
    for index, team_set in enumerate(sets):
        if (key := owner_key(team_set.owner)) is not None:
            by_owner[key].append(index)
    for indices in by_owner.values():
        total = sum(len(sets[i].titles) for i in indices)
        if total <= limit:
            continue
        where = f" in {len(indices)} sets" if len(indices) > 1 else ""
        for i in indices:
            message = (f"{sets[i].owner} holds {total} objectives across this review{where}; more than {limit} "
                       "spreads one person too thin to move any of them.")
            found[i].append(_finding(OWNER_OVERLOADED, message))


def _duplicates_across_owners(sets: Sequence[TeamSet], threshold: float, found: list[list[Finding]]) -> None:
    """Objectives whose words (nearly) match another owner's; distinct word sets are joined once, not pairwise."""
    groups: dict[frozenset[str], list[tuple[str, int, int]]] = defaultdict(list)
    for s, team_set in enumerate(sets):
        owner = owner_key(team_set.owner) or f"#set {s}"  # sets without an owner count as separate owners
        for o, title in enumerate(team_set.titles):
            if words := word_set(title):
                groups[words].append((owner, s, o))
    word_sets = list(groups)
    neighbours = _similar_pairs(word_sets, threshold)
    for g, words in enumerate(word_sets):
        members = [m for c in (g, *neighbours[g]) for m in groups[word_sets[c]]]
        owners = {owner for owner, _, _ in members}
        if len(owners) < 2:
            continue
        first = members[0]
        second = next(m for m in members if m[0] != first[0])
        for owner, s, o in groups[words]:
            example = second if owner == first[0] else first
            who = sets[example[1]].owner or f"set {example[1] + 1}"
            title = sets[example[1]].titles[example[2]]
            more = f" ({len(owners)} owners in all)" if len(owners) > 2 else ""
            message = (f"{who} submitted the same or nearly the same objective, '{title}'{more}: "
                       "a chance to share one OKR.")
            found[s].append(_finding(DUPLICATE_ACROSS_OWNERS, message, o, sets[s].titles[o]))


def _similar_pairs(word_sets: list[frozenset[str]], threshold: float) -> list[list[int]]:
    """For each word set, the others with Jaccard overlap >= threshold (prefix-filtered similarity join)."""
    frequency = Counter(word for words in word_sets for word in words)
    index: dict[str, list[int]] = defaultdict(list)
    neighbours: list[list[int]] = [[] for _ in word_sets]
    for i, words in enumerate(word_sets):
        ordered = sorted(words, key=lambda w: (frequency[w], w))
        prefix = ordered[: len(ordered) - math.ceil(threshold * len(ordered)) + 1]
        candidates = {j for word in prefix for j in index[word]}
        for j in sorted(candidates):
            if near_duplicate(words, word_sets[j], threshold):
                neighbours[i].append(j)
                neighbours[j].append(i)
        for word in prefix:
            index[word].append(i)
    return neighbours


def _unaligned(sets: Sequence[TeamSet], company: Sequence[CompanyObjective], threshold: float,
               found: list[list[Finding]]) -> None:
    for s, team_set in enumerate(sets):
        for o, (title, parent) in enumerate(zip(team_set.titles, team_set.parents, strict=True)):
            if parent and parent.strip() and _names_company_objective(parent, company, threshold):
                continue
            if parent and parent.strip():
                message = (f"Its parent, '{parent.strip()}', is none of the {len(company)} company objectives "
                           "supplied for this review.")
            else:
                message = f"It names none of the {len(company)} company objectives as its parent."
            found[s].append(_finding(UNALIGNED_OBJECTIVE, message, o, title))


def _names_company_objective(parent: str, company: Sequence[CompanyObjective], threshold: float) -> bool:
    """A parent names a company objective by its id ('CO-1', 'CO-1: Grow revenue') or by (nearly) its title."""
    named = parent.strip().casefold()
    words = word_set(parent)
    for objective in company:
        if objective.id:
            code = objective.id.strip().casefold()
            if named == code or (named.startswith(code) and not named[len(code)].isalnum()):
                return True
        if similar(words, word_set(objective.title), threshold):
            return True
    return False


def _missing_owner(sets: Sequence[TeamSet], found: list[list[Finding]]) -> None:
    if all(owner_key(s.owner) is None for s in sets):
        return
    for i, team_set in enumerate(sets):
        if owner_key(team_set.owner) is None:
            message = "This set names no owner while the rest of the review does: no one is accountable for it."
            found[i].append(_finding(MISSING_OWNER, message))
