"""The job store's interface: what the API, the in-process runner and the queue workers rely on."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from pydantic import BaseModel

from coach.batch.models import ImportResult, ReviewOptions, ReviewReport, ReviewStatus, RowError, SetReview, Submission

View = TypeVar("View", bound=BaseModel)


class ReadResults(Protocol):
    """A finishing job's results in order, each parsed as `view` (SetReview, or a cheaper part of it)."""

    def __call__(self, view: type[View], /) -> Iterator[View]: ...


# Builds a finished job's report head from its reviewed sets (read in order, as often as it needs),
# options, row errors and warnings; returns it with the reviews whose findings changed.
Assemble = Callable[[ReadResults, ReviewOptions, list[RowError], list[str]], tuple[ReviewReport, list[SetReview]]]


class IdempotencyConflict(Exception):
    """An Idempotency-Key came back with a different upload."""


@dataclass(frozen=True, slots=True)
class Claim:
    job_id: str
    index: int
    submission: Submission
    options: ReviewOptions


class JobStore(Protocol):
    """What the API, the in-process runner and the queue workers need from a job store."""

    backend: str  # "sqlite" or "postgres", for /readyz and logs

    def create(self, imported: ImportResult, options: ReviewOptions, fingerprint: str,
               idempotency_key: str | None = None, claim: tuple[str, float] | None = None) -> tuple[str, bool]:
        """Store a new job with all its sets; returns (id, created). A known idempotency key returns its job.

        `claim` (worker, lease seconds) hands every set to that worker at once: a synchronous review."""
        ...

    def status(self, job_id: str) -> ReviewStatus | None: ...

    def claims_of(self, job_id: str, worker: str) -> list[Claim]:
        """The sets of a job that `worker` holds and has not reviewed yet."""
        ...

    def open_sets(self, job_id: str, start: int, stop: int) -> list[Claim]:
        """The sets with index in [start, stop) that have no result yet (a queued chunk's work)."""
        ...

    def save(self, job_id: str, reviews: Sequence[SetReview], worker: str, lease: float = 0.0,
             holding: Sequence[int] = ()) -> int:
        """Commit results in one transaction, each only if its set has none; returns how many were new.
        Extends the worker's lease on the sets in `holding` (the rest of its claim) by `lease` seconds."""
        ...

    def finish(self, job_id: str, assemble: Assemble) -> bool:
        """When every set has its result: add the team findings and the summary, mark the job done. Cheap
        (one row read) while sets are missing; True only for the call that finished it."""
        ...

    def report_head(self, job_id: str) -> ReviewReport | None:
        """A done job's report without its sets (stream those with `results`); None until it is done."""
        ...

    def results(self, job_id: str) -> Iterator[SetReview]:
        """A job's reviewed sets in order, read lazily."""
        ...

    def reviewed_by(self, job_id: str) -> list[str | None]:
        """Which worker reviewed each set (for operators, and for tests of restarts)."""
        ...

    def ping(self) -> str:
        """Raise if the store cannot be used; else a short description for /readyz."""
        ...

    def close(self) -> None: ...

