"""The same objective submitted by several owners: a chance to share one OKR."""

import math
from collections import Counter, defaultdict
from collections.abc import Iterator

from rubric.registry import Hit, team_rule
from rubric.text import near_duplicate, word_set
from rubric.views import TeamView, owner_key


@team_rule(
    "duplicate-across-owners", severity="info",
    title="Duplicate across owners",
    rationale="Two owners pursuing the same objective split the accountability and the effort; one shared "
    "objective with one owner, and key results contributed by the others, keeps both.",
    hint="Agree on one shared objective with one accountable owner, and let the others contribute key results to it.",
    good=["Alice Chen: Win the mid-market\nBob Li: Calm the on-call rota"],
    bad=["Alice Chen: Win the mid-market segment\nBob Li: Win the mid-market segment!"],
)
def check(team: TeamView) -> Iterator[tuple[int, Hit]]:
    groups: dict[frozenset[str], list[tuple[str, int, int]]] = defaultdict(list)
    for s, team_set in enumerate(team.sets):
        owner = owner_key(team_set.owner) or f"#set {s}"  # sets without an owner count as separate owners
        for o, title in enumerate(team_set.titles):
            if words := word_set(title):
                groups[words].append((owner, s, o))
    word_sets = list(groups)
    neighbours = _similar_pairs(word_sets, team.thresholds.duplicate_similarity)
    for g, words in enumerate(word_sets):
        members = [m for c in (g, *neighbours[g]) for m in groups[word_sets[c]]]
        owners = {owner for owner, _, _ in members}
        if len(owners) < 2:
            continue
        first = members[0]
        second = next(m for m in members if m[0] != first[0])
        for owner, s, o in groups[words]:
            example = second if owner == first[0] else first
            who = team.sets[example[1]].owner or f"set {example[1] + 1}"
            title = team.sets[example[1]].titles[example[2]]
            more = f" ({len(owners)} owners in all)" if len(owners) > 2 else ""
            yield s, Hit(f"{who} submitted the same or nearly the same objective, '{title}'{more}: "
                         "a chance to share one OKR.", objective=o)


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
