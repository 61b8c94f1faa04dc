"""The server's background reviewer: claims queued sets, reviews them, commits each result at once.

One runner per server process, started with the app. It picks up whatever is open in the store,
so a restarted server finishes the jobs its predecessor left, and several servers on one data
directory share the work without reviewing a set twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid

from coach.batch.assemble import assemble_report
from coach.batch.models import ReviewOptions, ReviewReport, RowError, SetReview
from coach.batch.review import review_or_record
from coach.batch.store import Claim, JobStore
from coach.batch.suggest import Suggester
from coach.core.settings import Settings
from coach.llm.base import LLMClient

log = logging.getLogger(__name__)
CLAIM_SIZE = 8  # sets claimed at once: small, so a crash strands few sets until their lease ends
IDLE_POLL = 1.0  # seconds between looks at the store when nothing woke the runner


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def assemble_job(reviews: list[SetReview], options: ReviewOptions, row_errors: list[RowError],
                 warnings: list[str]) -> ReviewReport:
    return assemble_report(reviews, options.policy, company=options.company_objectives, row_errors=row_errors,
                           warnings=warnings)


class ReviewRunner:
    def __init__(self, store: JobStore, settings: Settings, client: LLMClient | None) -> None:
        self.store, self.settings, self.client = store, settings, client
        self.worker = worker_id()
        self._wake = asyncio.Event()
        self._suggesters: dict[str, Suggester] = {}

    def wake(self) -> None:
        """A job was queued: look now rather than at the next poll."""
        self._wake.set()

    async def run_forever(self) -> None:
        while True:
            try:
                worked = await self.run_once()
            except Exception:  # the store or a bug: log it and keep serving the other jobs
                log.exception("review runner failed; retrying")
                worked = False
            if not worked:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), IDLE_POLL)

    async def run_once(self) -> bool:
        """Review one claim of sets; False when there was nothing to do."""
        claims = await asyncio.to_thread(self.store.claim, self.worker, self.settings.review_lease_seconds,
                                         CLAIM_SIZE)
        if not claims:
            return False
        if claims[0].options.suggest:  # model calls wait on the network: run them side by side
            await asyncio.gather(*(self.review(claim) for claim in claims))
        else:
            for claim in claims:
                await self.review(claim)
        if await asyncio.to_thread(self.store.finish, claims[0].job_id, assemble_job):
            self._suggesters.pop(claims[0].job_id, None)
        return True

    async def review(self, claim: Claim) -> None:
        """Review one claimed set (with suggestions if the job asks) and commit its result."""
        review = await asyncio.to_thread(review_or_record, claim.index, claim.submission, claim.options.policy,
                                         claim.job_id)
        if claim.options.suggest and review.error is None:
            await self._suggester(claim).add_suggestions(review)
        recorded = await asyncio.to_thread(self.store.save, claim.job_id, review, self.worker,
                                           self.settings.review_lease_seconds)
        log.debug("review set done", extra={"review_id": claim.job_id, "review_set": claim.index,
                                             "worker": self.worker, "recorded": recorded})
        if self.settings.review_set_delay:
            await asyncio.sleep(self.settings.review_set_delay)

    def _suggester(self, claim: Claim) -> Suggester:
        if claim.job_id not in self._suggesters:
            self._suggesters[claim.job_id] = Suggester(self.client, self.settings, claim.options.policy)
        return self._suggesters[claim.job_id]
