"""A set nobody owns, in a review where the others name their owner."""

from collections.abc import Iterator

from rubric.registry import Hit, team_rule
from rubric.views import TeamView, owner_key


@team_rule(
    "missing-owner", severity="warning",
    title="Missing owner",
    rationale="An OKR set needs one accountable person. When the rest of a review names its owners, a set "
    "without one is an oversight, not a convention.",
    hint="Name the one person accountable for this set.",
    good=["Alice Chen: Win the mid-market\nBob Li: Calm the on-call rota",
          "-: Win the mid-market\n-: Calm the on-call rota"],
    bad=["Alice Chen: Win the mid-market\n-: Calm the on-call rota"],
)
def check(team: TeamView) -> Iterator[tuple[int, Hit]]:
    owners = [owner_key(s.owner) for s in team.sets]
    if all(owner is None for owner in owners):
        return
    for i, owner in enumerate(owners):
        if owner is None:
            yield i, Hit("This set names no owner while the rest of the review does: no one is accountable for it.")
