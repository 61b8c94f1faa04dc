"""Assemble a finished review: team findings on top of each set's, then the organisation summary."""

from __future__ import annotations

from collections.abc import Sequence

from coach.batch.models import CompanyObjectiveInput, ReviewReport, RowError, SetReview
from coach.batch.review import add_team_findings
from coach.batch.summary import SummaryBuilder
from rubric.policy import Policy


def assemble_report(
    reviews: list[SetReview], policy: Policy, *, company: Sequence[CompanyObjectiveInput] = (),
    row_errors: Sequence[RowError] = (), warnings: Sequence[str] = (), id: str | None = None,
) -> ReviewReport:
    """The report of reviewed sets (in order); adds the team findings to `reviews` in place."""
    add_team_findings(reviews, company, policy)
    builder = SummaryBuilder()
    for review in reviews:
        builder.add(review)
    cycles = {review.cycle for review in reviews}
    return ReviewReport.model_construct(
        id=id, cycle=cycles.pop() if len(cycles) == 1 else None, summary=builder.build(len(row_errors)),
        company_objectives=list(company), row_errors=list(row_errors), warnings=list(warnings), sets=reviews,
    )
