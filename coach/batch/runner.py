"""The server's in-process reviewer for the SQLite store (no queue configured): claims queued sets,
reviews them, commits each claim at once.

One runner per server process, started with the app. It picks up whatever is open in the store,
so a restarted server finishes the jobs its predecessor left, and several servers on one data
directory share the work without recording a set twice (leases, see `SqliteJobStore.claim`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from coach.batch.jobs import Jobs
from coach.batch.store.sqlite import SqliteJobStore

log = logging.getLogger(__name__)
IDLE_POLL = 1.0  # seconds between looks at the store when nothing woke the runner


class ReviewRunner:
    def __init__(self, jobs: Jobs, store: SqliteJobStore) -> None:
        self.jobs, self.store = jobs, store
        self._wake = asyncio.Event()

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
        """Review one claim of sets, or finish the jobs a dead server left complete; False when there was
        nothing to do."""
        settings = self.jobs.settings  # a claim is a chunk: committed at once, and all a crash can strand
        claims = await asyncio.to_thread(self.store.claim, self.jobs.worker, settings.review_lease_seconds,
                                         settings.review_chunk_sets)
        if not claims:
            return any([await self.jobs.finish(job_id) for job_id in await asyncio.to_thread(self.store.finishable)])
        await self.jobs.review_claims(claims)
        await self.jobs.finish(claims[0].job_id)
        return True
