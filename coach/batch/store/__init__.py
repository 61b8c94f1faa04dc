"""Durable review jobs: one interface, two engines. SQLite under OKR_COACH_DATA_DIR is the embedded
default; Postgres (OKR_COACH_DATABASE_URL) lets several API replicas and workers share the jobs.

Both keep the submission and each set's result as soon as it is reviewed, and write a result
only while the set has none, so a set is recorded once however often a crash makes it reviewed.
"""

from __future__ import annotations

from coach.batch.store.base import Assemble, Claim, IdempotencyConflict, JobStore
from coach.core.settings import Settings

__all__ = ["Assemble", "Claim", "IdempotencyConflict", "JobStore", "open_store"]


def open_store(settings: Settings) -> JobStore:
    """Postgres when OKR_COACH_DATABASE_URL is set (imported only then), else SQLite in the data directory."""
    if settings.database_url:
        from coach.batch.store.postgres import PostgresJobStore

        return PostgresJobStore(settings.database_url, settings.database_pool_size, settings.review_chunk_sets)
    from coach.batch.store.sqlite import SqliteJobStore

    return SqliteJobStore(settings.data_dir)
