"""The one owner of a review job's lifecycle: submit, review claimed sets, finish, report.

The API route, the in-process runner, the queue worker and `okr-coach review` all go through
here, so how a set is reviewed, suggested on, committed and how a job is finished is written once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections.abc import Iterator, Sequence
from typing import Protocol

from coach.batch.assemble import assemble_job, assemble_report
from coach.batch.models import ImportResult, ReviewOptions, ReviewReport, ReviewStatus, SetReview
from coach.batch.review import review_or_record, review_sets, unreviewable
from coach.batch.store import Claim, JobStore
from coach.batch.suggest import Suggester
from coach.core.settings import Settings
from coach.llm import close_client
from coach.llm.base import LLMClient

log = logging.getLogger(__name__)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Jobs:
    def __init__(self, store: JobStore, settings: Settings, client: LLMClient | None) -> None:
        self.store, self.settings, self.client = store, settings, client
        self.worker = worker_id()

    async def submit(self, imported: ImportResult, options: ReviewOptions, fingerprint: str,
                     idempotency_key: str | None, inline: bool) -> tuple[str, bool]:
        """Store the job (queued for the workers or the runner); `inline` reviews it here and now, holding a
        lease so another worker takes over should this process die. Returns (id, created)."""
        claim = (self.worker, self.settings.review_lease_seconds) if inline else None
        job_id, created = await asyncio.to_thread(self.store.create, imported, options, fingerprint,
                                                  idempotency_key, claim)
        if inline and created:
            await self.review_claims(await asyncio.to_thread(self.store.claims_of, job_id, self.worker))
        await self.finish(job_id)  # an empty job, or the inline one
        return job_id, created

    async def review_claims(self, claims: Sequence[Claim]) -> int:
        """Review claimed sets of one job and commit them; returns how many results were new.

        Rubric-only sets are reviewed off the event loop and committed together (one transaction);
        with suggestions each set is committed as soon as the coach is done with it, renewing the
        lease on the rest. The Suggester lives only as long as this call."""
        if not claims:
            return 0
        job_id, lease = claims[0].job_id, self.settings.review_lease_seconds
        if not claims[0].options.suggest:
            reviews = await asyncio.to_thread(self._review, claims)
            return await self._save(job_id, reviews, lease, ())
        suggester = Suggester(self.client, self.settings, claims[0].options.policy)
        pending = {claim.index for claim in claims}

        async def one(claim: Claim) -> int:
            (review,) = await asyncio.to_thread(self._review, [claim])
            if review.error is None:
                await suggester.add_suggestions(review)
            pending.discard(claim.index)
            return await self._save(job_id, [review], lease, sorted(pending))

        return sum(await asyncio.gather(*(one(claim) for claim in claims)))

    def _review(self, claims: Sequence[Claim]) -> list[SetReview]:
        reviews = []
        for claim in claims:
            reviews.append(review_or_record(claim.index, claim.submission, claim.options.policy, claim.job_id))
            if self.settings.review_set_delay:
                time.sleep(self.settings.review_set_delay)
        return reviews

    async def _save(self, job_id: str, reviews: list[SetReview], lease: float, holding: Sequence[int]) -> int:
        saved = await asyncio.to_thread(self.store.save, job_id, reviews, self.worker, lease, holding)
        if log.isEnabledFor(logging.DEBUG):
            for review in reviews:
                log.debug("review set done", extra={"review_id": job_id, "review_set": review.index,
                                                     "worker": self.worker})
        return saved

    async def finish(self, job_id: str) -> bool:
        """Team findings and summary once every set has its result; a cheap no-op until then."""
        return await asyncio.to_thread(self.store.finish, job_id, assemble_job)

    async def review_chunk(self, job_id: str, start: int, stop: int) -> None:
        """A queued chunk: review its sets that have no result yet (all of them, unless a previous try
        committed), then finish the job if this was the last chunk."""
        log.debug("review chunk started", extra={"review_id": job_id, "chunk_start": start, "chunk_stop": stop,
                                                 "worker": self.worker})
        await self.review_claims(await asyncio.to_thread(self.store.open_sets, job_id, start, stop))
        await self.finish(job_id)

    async def give_up(self, job_id: str, start: int, stop: int, reason: str) -> None:
        """A chunk that ran out of tries: its sets without a result are recorded as not reviewed, with why."""
        claims = await asyncio.to_thread(self.store.open_sets, job_id, start, stop)
        failure = RuntimeError(reason)
        reviews = [unreviewable(c.index, c.submission, failure) for c in claims]
        # The reason goes into the report (its readers own the drafts), not the log: an error message may quote input.
        log.error("review chunk given up", extra={"review_id": job_id, "chunk_start": start, "chunk_stop": stop})
        await self._save(job_id, reviews, 0.0, ())
        await self.finish(job_id)

    async def status(self, job_id: str) -> ReviewStatus | None:
        return await asyncio.to_thread(self.store.status, job_id)

    async def report_head(self, job_id: str) -> ReviewReport | None:
        return await asyncio.to_thread(self.store.report_head, job_id)

    def results(self, job_id: str) -> Iterator[SetReview]:
        """The sets of a done job, streamed from the store (iterate off the event loop)."""
        return self.store.results(job_id)


class Tally(Protocol):
    """Progress of one phase (the CLI draws a bar)."""

    def advance(self) -> None: ...
    def close(self) -> None: ...


def review_in_memory(imported: ImportResult, settings: Settings, client: LLMClient | None, suggest: bool,
                     workers: int | None, reviewing: Tally, coaching: Tally) -> ReviewReport:
    """`okr-coach review`: every set through the rubric (spread over processes when large), suggestions if
    asked, then the report, all in this process and without a store."""
    policy = settings.policy
    reviews = []
    for review in review_sets(imported.submissions, policy, workers):
        reviews.append(review)
        reviewing.advance()
    reviewing.close()
    if suggest:
        suggester = Suggester(client, settings, policy)

        async def one(review: SetReview) -> None:
            await suggester.add_suggestions(review)
            coaching.advance()

        async def all_sets() -> None:
            await asyncio.gather(*(one(review) for review in reviews))
            await close_client(client)

        asyncio.run(all_sets())
        coaching.close()
    return assemble_report(reviews, policy, company=imported.company_objectives, row_errors=imported.errors,
                           warnings=imported.warnings)
