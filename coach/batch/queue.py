"""The review queue: procrastinate on the job store's own Postgres, so no other server to run.

A job is split into chunks of `review_chunk_sets` sets; each chunk is one procrastinate job that
any `okr-coach worker` may take. A worker commits a chunk's results in one transaction, so one
killed mid-chunk (even SIGKILL) has committed nothing of it; its heartbeat stops, another worker's
sweep sees the chunk stalled and queues it again. Each failure or death counts as an attempt;
after `review_max_attempts` the chunk's sets are recorded as not reviewed, with the reason, and
the job still finishes: nothing is dropped silently.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import procrastinate
from procrastinate import sql
from procrastinate.jobs import Status
from procrastinate.schema import SchemaManager
from psycopg.types.json import Jsonb

from coach.batch.store.sql import Cursor
from coach.core.settings import Settings

log = logging.getLogger(__name__)
QUEUE = "okr_coach_reviews"
TASK = "okr_coach.review_chunk"
ReviewChunk = Callable[[str, int, int], Awaitable[None]]  # (job id, first set, past the last set)
GiveUp = Callable[[str, int, int, str], Awaitable[None]]  # ... and why: record the sets as not reviewed


def defer_chunks(db: Cursor, job_id: str, total: int, chunk: int, delay: float = 0.0) -> None:
    """Queue a job's chunks inside the caller's transaction (procrastinate's own defer statement)."""
    at = datetime.now(UTC) + timedelta(seconds=delay) if delay else None
    jobs = [(QUEUE, TASK, 0, None, None, Jsonb({"job_id": job_id, "start": start, "stop": min(start + chunk, total)}),
             at) for start in range(0, total, chunk)]
    db.execute(sql.queries["defer_jobs"], {"jobs": jobs})


def apply_schema(conn: Any) -> None:
    """procrastinate's tables and functions, the first time (call under the migration lock)."""
    if conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()[0] is None:
        conn.execute(SchemaManager.get_schema())


def build_app(settings: Settings, review_chunk: ReviewChunk, give_up: GiveUp) -> procrastinate.App:
    """The procrastinate app of a worker: one task, retried `review_max_attempts - 1` times."""
    assert settings.database_url is not None
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(
        conninfo=settings.database_url, min_size=1, max_size=max(2, settings.worker_concurrency + 1)))
    attempts = settings.review_max_attempts

    @app.task(name=TASK, queue=QUEUE, pass_context=True, retry=procrastinate.RetryStrategy(
        max_attempts=attempts - 1, wait=1) if attempts > 1 else False)
    async def review_chunk_task(context: procrastinate.JobContext, job_id: str, start: int, stop: int) -> None:
        try:
            await review_chunk(job_id, start, stop)
        except Exception as exc:
            tries = (context.job.attempts or 0) + 1
            if tries >= attempts:
                await give_up(job_id, start, stop, f"the chunk failed {tries} times, last with "
                              f"{type(exc).__name__}: {exc}")
            raise

    return app


async def sweep_stalled(app: procrastinate.App, settings: Settings, give_up: GiveUp) -> None:
    """Forever: queue again the chunks of workers whose heartbeat stopped, or give them up after the last try."""
    while True:
        await asyncio.sleep(settings.worker_heartbeat_seconds)
        try:
            stalled = await app.job_manager.get_stalled_jobs(
                task_name=TASK, seconds_since_heartbeat=settings.worker_stalled_seconds)
        except Exception:  # the database is away: try at the next beat
            log.exception("could not look for stalled review chunks")
            continue
        for job in stalled:
            with contextlib.suppress(Exception):  # another worker's sweep took it first
                await _requeue_or_give_up(app, job, settings.review_max_attempts, give_up)


async def _requeue_or_give_up(app: procrastinate.App, job: procrastinate.jobs.Job, attempts: int,
                              give_up: GiveUp) -> None:
    kwargs = job.task_kwargs
    job_id, start, stop = str(kwargs["job_id"]), kwargs["start"], kwargs["stop"]
    assert isinstance(start, int) and isinstance(stop, int), kwargs
    tries = (job.attempts or 0) + 1
    if tries < attempts:
        log.warning("review chunk stalled (its worker died); queued again",
                    extra={"review_id": job_id, "chunk_start": start, "attempt": tries})
        await app.job_manager.retry_job(job)
        return
    await give_up(job_id, start, stop, f"the worker reviewing it died {tries} times")
    await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=False)


async def run_worker(settings: Settings, name: str, review_chunk: ReviewChunk, give_up: GiveUp) -> None:
    """Take chunks until SIGINT/SIGTERM (procrastinate finishes the chunks in hand first), sweeping as it goes."""
    app = build_app(settings, review_chunk, give_up)
    async with app.open_async():
        sweeper = asyncio.create_task(sweep_stalled(app, settings, give_up), name="stalled-chunk-sweeper")
        try:
            await app.run_worker_async(
                queues=[QUEUE], name=name, concurrency=settings.worker_concurrency, delete_jobs="successful",
                update_heartbeat_interval=settings.worker_heartbeat_seconds,
                stalled_worker_timeout=settings.worker_stalled_seconds)
        finally:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper
