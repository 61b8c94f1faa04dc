"""The batch review's contract: what an import yields and what a review reports (API, CLI JSON, HTML, CSV)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from coach.coaching.schemas import Suggestion
from rubric.models import Finding, Summary
from rubric.policy import Policy

JobStatus = Literal["queued", "running", "done"]


class SubmittedObjective(BaseModel):
    title: str = Field(..., description="The objective as written.")
    key_results: list[str] = Field(default_factory=list, description="Its key results as written.")
    parent: str | None = Field(None, description="The company objective it aligns to (its id or title).")


class Submission(BaseModel):
    """One owner's OKR set as submitted: structured objectives, or a free-text draft in `text`."""

    owner: str | None = Field(None, description="Who is accountable for the set.")
    team: str | None = None
    cycle: str | None = Field(None, description="The period the set covers, e.g. '2026-Q3'.", max_length=40)
    objectives: list[SubmittedObjective] = Field(default_factory=list)
    text: str | None = Field(None, description="A free-text draft, parsed by the rubric (then `objectives` is empty).")
    line: int | None = Field(None, description="1-based line in the uploaded file where the set starts.")


class CompanyObjectiveInput(BaseModel):
    title: str = Field(..., min_length=1, description="A company (parent) objective.")
    id: str | None = Field(None, description="Its short code, e.g. 'CO-1', if objectives name it that way.")


class RowError(BaseModel):
    """Input that could not be reviewed; every other row of the upload still is."""

    line: int | None = Field(None, description="1-based line in the uploaded file (null for JSON bodies).")
    location: str = Field(..., description="Where: 'line 7', 'sets.2.objectives.0', \"section '## Bob Li'\".")
    message: str = Field(..., description="What is wrong and what to do about it.")


class ImportResult(BaseModel):
    submissions: list[Submission]
    errors: list[RowError] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    columns: dict[str, str] = Field(default_factory=dict, description="Spreadsheet uploads: each header as "
                                    "written -> the field it was read as (owner, team, cycle, objective, "
                                    "key_result, parent).")
    company_objectives: list[CompanyObjectiveInput] = Field(default_factory=list)


class SetReview(BaseModel):
    """One submitted set, reviewed: its draft as read, rubric and team findings, and coach suggestions."""

    index: int = Field(..., description="0-based position of the set in the submission.")
    owner: str | None = None
    team: str | None = None
    cycle: str | None = None
    line: int | None = None
    objectives: list[SubmittedObjective] = Field(..., description="The draft as reviewed; finding indices point here.")
    findings: list[Finding]
    summary: Summary
    suggestions: list[Suggestion] | None = Field(
        None, description="The coach's suggestions (review with suggest=true), each re-checked by the rubric.",
    )
    suggestion_error: str | None = Field(
        None, description="Why this set's suggestions are missing or offline only; other sets are not affected.",
    )
    error: str | None = Field(None, description="Set when this set could not be reviewed at all (a bug to report).")


class TeamFields(BaseModel):
    """What the team rules read of a reviewed set: parsing only this from a stored result is an order of
    magnitude cheaper than the whole `SetReview` (the first pass of finishing a job)."""

    owner: str | None = None
    objectives: list[SubmittedObjective]


class RuleCount(BaseModel):
    rule: str
    severity: str
    findings: int


class OwnerCount(BaseModel):
    owner: str
    sets: int
    objectives: int
    findings: int
    by_rule: dict[str, int] = Field(..., description="Findings per rule id.")


class ReviewSummary(Summary):
    """A set's summary counts, over the whole review, plus what only a batch has."""

    sets: int = 0
    owners: int = 0
    teams: int = 0
    row_errors: int = 0
    clean_sets: int = Field(0, description="Sets with no error and no warning.")
    by_rule: list[RuleCount] = Field(default_factory=list, description="Findings per rule, most frequent first.")
    by_owner: list[OwnerCount] = Field(default_factory=list, description="Findings per owner, most first.")


class ReviewOptions(BaseModel):
    """How a review runs; stored with the job so a restarted server reviews the rest the same way."""

    policy: Policy = Field(default_factory=Policy)
    suggest: bool = False
    company_objectives: list[CompanyObjectiveInput] = Field(default_factory=list)


class ReviewStatus(BaseModel):
    id: str
    status: JobStatus
    created_at: str
    finished_at: str | None = None
    total: int = Field(..., description="Sets to review.")
    done: int = Field(..., description="Sets reviewed so far.")
    progress: float = Field(..., ge=0, le=1)
    suggest: bool = False
    summary: ReviewSummary | None = Field(None, description="Set when the review is done.")
    row_errors: list[RowError] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class ReviewReport(BaseModel):
    """The whole review: GET /v1/reviews/{id}/report, `okr-coach review --json`, and the HTML report's data."""

    id: str | None = None
    cycle: str | None = None
    summary: ReviewSummary
    company_objectives: list[CompanyObjectiveInput] = Field(default_factory=list)
    row_errors: list[RowError] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    sets: list[SetReview]
