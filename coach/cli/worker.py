"""`okr-coach worker`: review queued batch jobs from the shared Postgres (OKR_COACH_DATABASE_URL).

Start as many as there are cores to spare, on any machine that reaches the database; SIGTERM
lets a worker finish the chunk in hand, SIGKILL loses nothing (another worker redoes the chunk).
"""

from __future__ import annotations

import argparse
import asyncio
import logging.config
import sys

from coach.batch.jobs import Jobs
from coach.batch.store import open_store
from coach.core.gc_tuning import tune_gc
from coach.core.logs import logging_config
from coach.core.settings import Settings
from coach.llm import client_from_settings, close_client

EXIT_OK, EXIT_USAGE, EXIT_UNAVAILABLE = 0, 2, 69  # 69: EX_UNAVAILABLE (sysexits)


def add_worker_command(commands: argparse._SubParsersAction) -> None:
    worker = commands.add_parser(
        "worker", help="review queued batch jobs (needs OKR_COACH_DATABASE_URL)",
        description="Take review chunks from the Postgres queue until stopped. `okr-coach serve` queues the "
        "jobs when OKR_COACH_DATABASE_URL is set; without it, the server reviews them itself.",
    )
    worker.add_argument("--concurrency", type=int, default=None,
                        help="chunks reviewed at once (default: OKR_COACH_WORKER_CONCURRENCY)")
    worker.set_defaults(run=run_worker)


def run_worker(args: argparse.Namespace) -> int:
    settings = Settings()
    if args.concurrency:
        settings = settings.model_copy(update={"worker_concurrency": args.concurrency})
    if not settings.database_url:
        print("okr-coach: the worker needs OKR_COACH_DATABASE_URL (postgresql://...); without it "
              "`okr-coach serve` reviews jobs in-process and no worker is needed", file=sys.stderr)
        return EXIT_USAGE
    try:
        client = client_from_settings(settings)
    except ValueError as exc:
        print(f"okr-coach: {exc}", file=sys.stderr)
        return EXIT_USAGE
    config = logging_config(settings)  # the queue's own warnings (a failed chunk) as JSON lines too
    config["loggers"]["procrastinate"] = {"handlers": ["stderr"], "level": "WARNING", "propagate": False}
    logging.config.dictConfig(config)
    tune_gc(settings.gc_threshold)
    try:
        store = open_store(settings)
    except RuntimeError as exc:  # the database is unreachable: say which setting, not a traceback
        print(f"okr-coach: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    asyncio.run(_work(settings, Jobs(store, settings, client)))
    return EXIT_OK


async def _work(settings: Settings, jobs: Jobs) -> None:
    from coach.batch import queue  # procrastinate: imported only by processes that use the queue

    logging.getLogger(__name__).info("review worker started", extra={"worker": jobs.worker})
    try:
        await queue.run_worker(settings, jobs.worker, jobs.review_chunk, jobs.give_up)
    finally:
        await close_client(jobs.client)
        await asyncio.to_thread(jobs.store.close)
