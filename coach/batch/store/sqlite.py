"""Review jobs in SQLite (WAL) under the data directory: the embedded default, no server to run.

A server that dies mid-job loses nothing: every reviewed set was committed with its result, and
the sets it had claimed come back once its lease runs out, so several servers may share one
data directory. BEGIN IMMEDIATE gives one writer at a time: claims and results never interleave.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coach.batch.models import ReviewOptions, Submission
from coach.batch.store.base import Claim
from coach.batch.store.sql import Cursor, SqlJobStore, applied, pending_migrations


class SqliteJobStore(SqlJobStore):
    backend = "sqlite"

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / "reviews.sqlite3"
        self._ready = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection of its own per call (callers run in worker threads); the file is made on first use."""
        if not self._ready:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            if not self._ready:
                db.execute("PRAGMA journal_mode=WAL")
                self._migrate(db)
                self._ready = True
            db.execute("PRAGMA synchronous=FULL")
            yield db
        finally:
            db.close()

    @contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db.cursor()
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Apply the schema migrations this file lacks (BEGIN IMMEDIATE: one server at a time)."""
        db.execute("BEGIN IMMEDIATE")
        try:
            for name, script in pending_migrations(db.cursor()):
                # executescript would commit mid-way; our migrations hold no ";" inside a statement
                for statement in filter(str.strip, script.split(";")):
                    db.execute(statement)
                db.execute("INSERT INTO okr_coach_migrations (name, applied_at) VALUES (?, ?)", applied(name))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _stream(self, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        with self._connect() as db:
            yield from db.execute(sql, params)

    def claim(self, worker: str, lease: float, limit: int) -> list[Claim]:
        """Up to `limit` unreviewed sets of the oldest open job that no live lease holds; marks the job running.

        Reads the partial index of open sets, where only other servers' live claims are skipped."""
        now = time.time()
        with self._transaction() as db:
            db.execute("SELECT id, options FROM review_jobs WHERE status IN ('queued', 'running') "
                       "ORDER BY created_at, id")
            for job_id, options in db.fetchall():
                db.execute("SELECT idx, submission FROM review_sets WHERE job_id = ? AND result IS NULL "
                           "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY idx LIMIT ?",
                           (job_id, now, limit))
                if not (rows := db.fetchall()):
                    continue
                db.executemany("UPDATE review_sets SET claimed_by = ?, claimed_until = ? WHERE job_id = ? AND idx = ?",
                               [(worker, now + lease, job_id, idx) for idx, _ in rows])
                db.execute("UPDATE review_jobs SET status = 'running' WHERE id = ?", (job_id,))
                parsed = ReviewOptions.model_validate_json(options)
                return [Claim(job_id, idx, Submission.model_validate_json(s), parsed) for idx, s in rows]
        return []

    def finishable(self) -> list[str]:
        """Jobs with every result in but not finished: their server died between the last commit and finishing."""
        with self._transaction() as db:
            db.execute("SELECT id FROM review_jobs WHERE status IN ('queued', 'running') AND done = total")
            return [job_id for (job_id,) in db.fetchall()]

    def ping(self) -> str:
        self._one("SELECT 1", ())
        return "SQLite answered"

    def close(self) -> None:
        """Nothing held between calls."""
