"""One person holding too many objectives across a review moves none of them."""

from collections import defaultdict
from collections.abc import Iterator

from rubric.registry import Hit, team_rule
from rubric.views import TeamView, owner_key


@team_rule(
    "owner-overloaded", severity="warning",
    title="Owner overloaded",
    rationale="Focus applies to people as much as to sets: an owner who holds more objectives than one set "
    "may have (counted across every set they submitted) is spread too thin to move any of them.",
    hint="Keep the objectives that matter most for this person; hand the rest to a co-owner or drop them this cycle.",
    good=["Alice Chen: Win the mid-market\nAlice Chen: Make onboarding effortless\nBob Li: Calm the on-call rota"],
    bad=["Alice Chen: Win the mid-market\nAlice Chen: Make onboarding effortless\n"
         "alice chen: Calm the on-call rota\nAlice Chen: Open the Berlin office"],
)
def check(team: TeamView) -> Iterator[tuple[int, Hit]]:
    by_owner: dict[str, list[int]] = defaultdict(list)
    for index, team_set in enumerate(team.sets):
        if (key := owner_key(team_set.owner)) is not None:
            by_owner[key].append(index)
    limit = team.thresholds.max_objectives
    for indices in by_owner.values():
        total = sum(len(team.sets[i].titles) for i in indices)
        if total <= limit:
            continue
        where = f" in {len(indices)} sets" if len(indices) > 1 else ""
        for i in indices:
            yield i, Hit(f"{team.sets[i].owner} holds {total} objectives across this review{where}; more than "
                         f"{limit} spreads one person too thin to move any of them.")
