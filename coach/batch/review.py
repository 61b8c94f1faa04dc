"""Review submitted sets with the rubric, then add the team findings that need the whole batch."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from functools import partial

from coach.batch.models import CompanyObjectiveInput, SetReview, Submission, SubmittedObjective, TeamFields
from rubric.engine import check_okrs, check_text, finding_order
from rubric.models import Finding, Summary
from rubric.policy import Policy
from rubric.team import CompanyObjective, TeamSet, check_team

log = logging.getLogger(__name__)
PARALLEL_FROM = 400  # sets; below this, starting worker processes costs more than it saves
_CHUNK = 64


def review_set(index: int, submission: Submission, policy: Policy) -> SetReview:
    """One set through the rubric: structured objectives, or a free-text draft (findings then carry spans)."""
    if submission.text is not None:
        result = check_text(submission.text, policy, cycle=submission.cycle, analysis=False)
        objectives = [SubmittedObjective.model_construct(title=o.title, key_results=[k.text for k in o.key_results],
                                                         parent=None) for o in result.okrs.objectives]
    else:
        pairs = [(o.title, o.key_results) for o in submission.objectives]
        result = check_okrs(submission.cycle, pairs, policy, analysis=False)
        objectives = submission.objectives
    return SetReview.model_construct(
        index=index, owner=submission.owner, team=submission.team, cycle=result.okrs.cycle, line=submission.line,
        objectives=objectives, findings=result.findings, summary=result.summary, suggestions=None,
        suggestion_error=None, error=None,
    )


def unreviewable(index: int, submission: Submission, error: BaseException) -> SetReview:
    """A set the rubric failed on: recorded with the reason, so the job still finishes and nothing is lost."""
    return SetReview(index=index, owner=submission.owner, team=submission.team, cycle=submission.cycle,
                     line=submission.line, objectives=submission.objectives, findings=[],
                     summary=Summary(objectives=len(submission.objectives)),
                     error=f"The rubric failed on this set ({type(error).__name__}: {error}); please report it.")


def review_or_record(index: int, submission: Submission, policy: Policy, job: str = "") -> SetReview:
    """`review_set`, or the set recorded as unreviewable (and the error logged) if the rubric fails on
    it: one set that trips a bug must not cost the rest of the batch."""
    try:
        return review_set(index, submission, policy)
    except Exception as exc:
        log.exception("set %s%s could not be reviewed", index, f" of review {job}" if job else "")
        return unreviewable(index, submission, exc)


def review_sets(submissions: Sequence[Submission], policy: Policy, workers: int | None = None) -> Iterator[SetReview]:
    """Every set, in order; large batches are spread over worker processes (one per core by default)."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(submissions) < PARALLEL_FROM:
        yield from (review_or_record(i, s, policy) for i, s in enumerate(submissions))
        return
    chunks = [(start, submissions[start:start + _CHUNK]) for start in range(0, len(submissions), _CHUNK)]
    with multiprocessing.get_context(_start_method()).Pool(workers) as pool:
        for reviews in pool.imap(partial(_review_chunk, policy=policy), chunks):
            yield from reviews


def _review_chunk(chunk: tuple[int, Sequence[Submission]], policy: Policy) -> list[SetReview]:
    start, submissions = chunk
    return [review_or_record(start + i, s, policy) for i, s in enumerate(submissions)]


def _start_method() -> str:
    """fork is fastest where it is safe (Linux); elsewhere the platform default."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() and os.name == "posix" else "spawn"


def team_findings(reviews: Iterable[TeamFields], company: Iterable[CompanyObjectiveInput],
                  policy: Policy) -> list[list[Finding]]:
    """Each set's team findings (owner overloaded, duplicates across owners...), in order. Reads only
    owners and objective titles, so `reviews` may be a stream."""
    sets = [TeamSet(r.owner, [o.title for o in r.objectives], [o.parent for o in r.objectives]) for r in reviews]
    parents = [CompanyObjective(c.title, c.id) for c in company]
    return check_team(sets, parents, policy)


def add_findings(review: SetReview, found: Sequence[Finding]) -> None:
    """Merge `found` into the review's findings, in report order, and count them in its summary."""
    review.findings = sorted([*review.findings, *found], key=finding_order)
    review.summary = recount(review.findings, review.summary)


def recount(findings: Sequence[Finding], summary: Summary) -> Summary:
    """The summary with severities counted again (after findings were added)."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity] += 1
    return Summary.model_construct(errors=counts["error"], warnings=counts["warning"], infos=counts["info"],
                                   objectives=summary.objectives, key_results=summary.key_results)
