"""An objective that names none of the company objectives supplied for the review."""

from collections.abc import Iterator, Sequence

from rubric.registry import Hit, team_rule
from rubric.text import similar, word_set
from rubric.views import CompanyObjective, TeamView


@team_rule(
    "unaligned-objective", severity="info",
    title="Unaligned objective",
    rationale="When a review comes with the company's objectives, each team objective should say which one it "
    "supports; an objective with no (or an unknown) parent may still be right, but it should say so.",
    hint="Name the company objective this one supports (its parent), or say why it stands on its own.",
    good=["Company: CO-1: Win the mid-market\nAlice Chen: Make onboarding effortless (parent: CO-1)"],
    bad=["Company: CO-1: Win the mid-market\nAlice Chen: Repaint the office",
         "Company: Win the mid-market\nAlice Chen: Make onboarding effortless (parent: Grow in Asia)"],
)
def check(team: TeamView) -> Iterator[tuple[int, Hit]]:
    if not team.company:
        return
    threshold = team.thresholds.duplicate_similarity
    for s, team_set in enumerate(team.sets):
        for o, parent in enumerate(team_set.parents):
            named = (parent or "").strip()
            if named and _names_company_objective(named, team.company, threshold):
                continue
            if named:
                message = (f"Its parent, '{named}', is none of the {len(team.company)} company objectives "
                           "supplied for this review.")
            else:
                message = f"It names none of the {len(team.company)} company objectives as its parent."
            yield s, Hit(message, objective=o)


def _names_company_objective(parent: str, company: Sequence[CompanyObjective], threshold: float) -> bool:
    """A parent names a company objective by its id ('CO-1', 'CO-1: Grow revenue') or by (nearly) its title."""
    named = parent.casefold()
    words = word_set(parent)
    for objective in company:
        if objective.id:
            code = objective.id.strip().casefold()
            if named == code or (named.startswith(code) and not named[len(code)].isalnum()):
                return True
        if similar(words, word_set(objective.title), threshold):
            return True
    return False
