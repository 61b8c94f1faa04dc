"""Durable review jobs in SQLite (WAL): the submission, and each set's result as soon as it is reviewed.

A server that dies mid-job loses nothing: every reviewed set was committed with its result, and
the sets it had claimed come back once its lease runs out. A result is only written while the
set has none, so no set is ever recorded twice, even with several servers on one data directory.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import TypeAdapter

from coach.batch.models import (
    ImportResult,
    ReviewOptions,
    ReviewReport,
    ReviewStatus,
    RowError,
    SetReview,
    Submission,
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS review_jobs (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT UNIQUE,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL,
    options TEXT NOT NULL,
    row_errors TEXT NOT NULL,
    warnings TEXT NOT NULL,
    total INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    report_head TEXT,
    created_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE TABLE IF NOT EXISTS review_sets (
    job_id TEXT NOT NULL REFERENCES review_jobs(id),
    idx INTEGER NOT NULL,
    submission TEXT NOT NULL,
    result TEXT,
    claimed_by TEXT,
    claimed_until REAL,
    reviewed_by TEXT,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX IF NOT EXISTS review_jobs_open ON review_jobs(status, created_at);
"""
_ERRORS = TypeAdapter(list[RowError])
# Builds a finished job's report from its reviewed sets, options, row errors and warnings.
Assemble = Callable[[list[SetReview], ReviewOptions, list[RowError], list[str]], ReviewReport]
_WARNINGS = TypeAdapter(list[str])


class IdempotencyConflict(Exception):
    """An Idempotency-Key came back with a different upload."""


@dataclass(frozen=True, slots=True)
class Claim:
    job_id: str
    index: int
    submission: Submission
    options: ReviewOptions


class JobStore:
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
                db.executescript(_SCHEMA)
                self._ready = True
            db.execute("PRAGMA synchronous=FULL")
            yield db
        finally:
            db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE: one writer at a time, so claims and results never interleave."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def create(self, imported: ImportResult, options: ReviewOptions, fingerprint: str,
               idempotency_key: str | None = None, claim: tuple[str, float] | None = None) -> tuple[str, bool]:
        """Store a new job with all its sets; returns (id, created). A known idempotency key returns its job.

        `claim` (worker, lease seconds) hands every set to that worker at once: a synchronous review.
        """
        with self._transaction() as db:
            if idempotency_key is not None:
                row = db.execute("SELECT id, fingerprint FROM review_jobs WHERE idempotency_key = ?",
                                 (idempotency_key,)).fetchone()
                if row is not None:
                    if row[1] != fingerprint:
                        raise IdempotencyConflict(idempotency_key)
                    return row[0], False
            job_id = uuid.uuid4().hex
            db.execute(
                "INSERT INTO review_jobs (id, idempotency_key, fingerprint, status, options, row_errors, warnings, "
                "total, created_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?)",
                (job_id, idempotency_key, fingerprint, options.model_dump_json(),
                 _ERRORS.dump_json(imported.errors).decode(), _WARNINGS.dump_json(imported.warnings).decode(),
                 len(imported.submissions), _now()),
            )
            worker, until = (claim[0], time.time() + claim[1]) if claim else (None, None)
            db.executemany(
                "INSERT INTO review_sets (job_id, idx, submission, claimed_by, claimed_until) VALUES (?, ?, ?, ?, ?)",
                ((job_id, i, s.model_dump_json(), worker, until) for i, s in enumerate(imported.submissions)),
            )
            return job_id, True

    def status(self, job_id: str) -> ReviewStatus | None:
        with self._connect() as db:
            row = db.execute("SELECT id, status, created_at, finished_at, total, done, options, report_head, "
                             "row_errors, warnings FROM review_jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            return None
        id_, status, created, finished, total, done, options, head, errors, warnings = row
        return ReviewStatus(
            id=id_, status=status, created_at=created, finished_at=finished, total=total, done=done,
            progress=done / total if total else 1.0, suggest=ReviewOptions.model_validate_json(options).suggest,
            summary=ReviewReport.model_validate_json(head).summary if head else None,
            row_errors=_ERRORS.validate_json(errors), warnings=_WARNINGS.validate_json(warnings),
        )

    def claim(self, worker: str, lease: float, limit: int) -> list[Claim]:
        """Up to `limit` unreviewed sets of the oldest open job that no live lease holds; marks the job running."""
        now = time.time()
        with self._transaction() as db:
            for job_id, options in db.execute(
                "SELECT id, options FROM review_jobs WHERE status != 'done' ORDER BY created_at, id"
            ).fetchall():
                rows = db.execute(
                    "SELECT idx, submission FROM review_sets WHERE job_id = ? AND result IS NULL "
                    "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY idx LIMIT ?", (job_id, now, limit),
                ).fetchall()
                if not rows:
                    continue
                db.executemany("UPDATE review_sets SET claimed_by = ?, claimed_until = ? WHERE job_id = ? AND idx = ?",
                               ((worker, now + lease, job_id, idx) for idx, _ in rows))
                db.execute("UPDATE review_jobs SET status = 'running' WHERE id = ?", (job_id,))
                parsed = ReviewOptions.model_validate_json(options)
                return [Claim(job_id, idx, Submission.model_validate_json(s), parsed) for idx, s in rows]
        return []

    def claims_of(self, job_id: str, worker: str) -> list[Claim]:
        """The sets of a job that `worker` holds and has not reviewed yet."""
        with self._connect() as db:
            options = db.execute("SELECT options FROM review_jobs WHERE id = ?", (job_id,)).fetchone()
            rows = db.execute("SELECT idx, submission FROM review_sets WHERE job_id = ? AND claimed_by = ? "
                              "AND result IS NULL ORDER BY idx", (job_id, worker)).fetchall()
        if options is None:
            return []
        parsed = ReviewOptions.model_validate_json(options[0])
        return [Claim(job_id, idx, Submission.model_validate_json(s), parsed) for idx, s in rows]

    def save(self, job_id: str, review: SetReview, worker: str, lease: float) -> bool:
        """Commit one set's result, once: False if it already has one. Extends the worker's other claims."""
        with self._transaction() as db:
            saved = db.execute(
                "UPDATE review_sets SET result = ?, reviewed_by = ?, claimed_until = NULL "
                "WHERE job_id = ? AND idx = ? AND result IS NULL",
                (review.model_dump_json(), worker, job_id, review.index),
            ).rowcount
            db.execute("UPDATE review_jobs SET done = done + ? WHERE id = ?", (saved, job_id))
            db.execute("UPDATE review_sets SET claimed_until = ? "
                       "WHERE job_id = ? AND claimed_by = ? AND result IS NULL", (time.time() + lease, job_id, worker))
            return bool(saved)

    def finish(self, job_id: str, assemble: Assemble) -> bool:
        """When every set has its result: add the team findings and the summary, and mark the job done."""
        with self._transaction() as db:
            job = db.execute("SELECT status, options, row_errors, warnings FROM review_jobs WHERE id = ?",
                             (job_id,)).fetchone()
            if job is None or job[0] == "done":
                return False
            pending = db.execute("SELECT COUNT(*) FROM review_sets WHERE job_id = ? AND result IS NULL",
                                 (job_id,)).fetchone()[0]
            if pending:
                return False
            reviews = [SetReview.model_validate_json(r) for (r,) in db.execute(
                "SELECT result FROM review_sets WHERE job_id = ? ORDER BY idx", (job_id,))]
            report = assemble(reviews, ReviewOptions.model_validate_json(job[1]), _ERRORS.validate_json(job[2]),
                              _WARNINGS.validate_json(job[3]))
            db.executemany("UPDATE review_sets SET result = ? WHERE job_id = ? AND idx = ?",
                           ((r.model_dump_json(), job_id, r.index) for r in report.sets))
            db.execute("UPDATE review_jobs SET status = 'done', report_head = ?, finished_at = ? WHERE id = ?",
                       (report.model_copy(update={"id": job_id, "sets": []}).model_dump_json(), _now(), job_id))
            return True

    def report_head(self, job_id: str) -> ReviewReport | None:
        """A done job's report without its sets (stream those with `results`); None until it is done."""
        with self._connect() as db:
            row = db.execute("SELECT report_head FROM review_jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None or row[0] is None:
            return None
        return ReviewReport.model_validate_json(row[0])

    def results(self, job_id: str) -> Iterator[SetReview]:
        """A job's reviewed sets in order, read lazily."""
        with self._connect() as db:
            for (result,) in db.execute(
                "SELECT result FROM review_sets WHERE job_id = ? AND result IS NOT NULL ORDER BY idx", (job_id,)
            ):
                yield SetReview.model_validate_json(result)

    def reviewed_by(self, job_id: str) -> list[str | None]:
        """Which worker reviewed each set (for operators, and for tests of restarts)."""
        with self._connect() as db:
            return [w for (w,) in db.execute(
                "SELECT reviewed_by FROM review_sets WHERE job_id = ? ORDER BY idx", (job_id,))]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
