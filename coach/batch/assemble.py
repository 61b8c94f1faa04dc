"""Assemble a finished review: team findings on top of each set's, then the organisation summary."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import cast

from coach.batch.models import CompanyObjectiveInput, ReviewOptions, ReviewReport, RowError, SetReview, TeamFields
from coach.batch.review import add_findings, team_findings
from coach.batch.store.base import ReadResults, View
from coach.batch.summary import SummaryBuilder
from rubric.policy import Policy


def assemble_report(
    reviews: list[SetReview], policy: Policy, *, company: Sequence[CompanyObjectiveInput] = (),
    row_errors: Sequence[RowError] = (), warnings: Sequence[str] = (), id: str | None = None,
) -> ReviewReport:
    """The report of reviewed sets held in memory (in order); adds the team findings to `reviews` in place."""

    def read(view: type[View]) -> Iterator[View]:
        return cast(Iterator[View], iter(reviews))  # a SetReview has every field of any view of it

    head, _ = assemble_streamed(read, policy, company, row_errors, warnings)
    return head.model_copy(update={"id": id, "sets": reviews})


def assemble_job(read: ReadResults, options: ReviewOptions, row_errors: list[RowError],
                 warnings: list[str]) -> tuple[ReviewReport, list[SetReview]]:
    """A stored job's report head (`JobStore.finish` writes back the reviews that changed)."""
    return assemble_streamed(read, options.policy, options.company_objectives, row_errors, warnings)


def assemble_streamed(
    read: ReadResults, policy: Policy, company: Sequence[CompanyObjectiveInput],
    row_errors: Sequence[RowError], warnings: Sequence[str],
) -> tuple[ReviewReport, list[SetReview]]:
    """The report without its sets, from two passes over the results: team findings need every set's owner
    and titles first (a cheap view), then each set is counted. Only the reviews that gained findings are
    kept (returned)."""
    found = team_findings(read(TeamFields), company, policy)
    builder, cycles, changed = SummaryBuilder(), set(), []
    for review, extra in zip(read(SetReview), found, strict=True):
        if extra:
            add_findings(review, extra)
            changed.append(review)
        builder.add(review)
        cycles.add(review.cycle)
    head = ReviewReport.model_construct(
        id=None, cycle=cycles.pop() if len(cycles) == 1 else None, summary=builder.build(len(row_errors)),
        company_objectives=list(company), row_errors=list(row_errors), warnings=list(warnings), sets=[],
    )
    return head, changed
