"""Review jobs in Postgres (OKR_COACH_DATABASE_URL), shared by every API replica and worker.

psycopg 3 with a connection pool. Creating a job queues its chunks for `okr-coach worker` in the
same transaction, so a job is never stored without its work queued, nor queued without its sets.
Migrations run at start-up under an advisory lock, so replicas starting together apply them once.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import Connection
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from coach.batch import queue
from coach.batch.store.sql import Cursor, SqlJobStore, applied, pending_migrations

_MIGRATION_LOCK = 0x6F6B72  # pg_advisory_xact_lock key: "okr"


class PostgresJobStore(SqlJobStore):
    backend = "postgres"
    lock_job = " FOR UPDATE"  # finishing waits for (and then sees) a concurrent finisher

    def __init__(self, url: str, pool_size: int, chunk_sets: int) -> None:
        self.url, self.chunk_sets = url, chunk_sets
        self.pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=True, name="okr-coach-jobs")
        try:
            with self.pool.connection(timeout=15) as conn:
                migrate(conn)
        except (psycopg.OperationalError, PoolTimeout) as exc:
            self.pool.close()
            where = conninfo_to_dict(url)
            raise RuntimeError(
                f"cannot use the job database {where.get('dbname', '?')!r} on {where.get('host', '?')} "
                f"(OKR_COACH_DATABASE_URL): {exc}. Start Postgres, fix the URL, or unset it to keep jobs in "
                "SQLite.") from exc

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    @contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            yield cur

    def _stream(self, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            yield from self._read_in(cur, sql, params)

    def _read_in(self, db: Cursor, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        """A server-side cursor: rows arrive in batches, never the whole job at once (a plain psycopg
        cursor would fetch every row into memory on execute)."""
        conn = db.connection  # type: ignore[attr-defined]
        with conn.cursor(name=f"stream_{uuid.uuid4().hex[:12]}") as named:
            named.itersize = 500
            named.execute(sql, params)
            yield from named

    def _created(self, db: Cursor, job_id: str, total: int, claim: tuple[str, float] | None) -> None:
        """Queue the job's chunks; a synchronous review's only after its lease, should its server die."""
        if total:
            queue.defer_chunks(db, job_id, total, self.chunk_sets, delay=claim[1] if claim else 0.0)

    def ping(self) -> str:
        with self.pool.connection(timeout=5) as conn:
            conn.execute("SELECT 1")
        return "Postgres answered"  # no host or database name: /readyz is open to anyone

    def close(self) -> None:
        self.pool.close()


def migrate(conn: Connection[Any]) -> None:
    """The queue's schema if absent, then each of our migrations not applied yet, in order."""
    with conn.transaction(), conn.cursor() as db:
        db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        queue.apply_schema(conn)
        for name, script in pending_migrations(db):
            db.execute(script)  # type: ignore[call-overload]
            db.execute("INSERT INTO okr_coach_migrations (name, applied_at) VALUES (%s, %s)", applied(name))
