"""The job store written once in SQL both engines speak; each engine supplies connections, locking
and streaming. Every per-set statement touches one row by primary key or reads the partial index
of open sets, and progress is a counter on the job: a set costs the same in a job of 10 or 10,000.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from importlib import resources
from typing import Any, Protocol

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
from coach.batch.store.base import Assemble, Claim, IdempotencyConflict, View

_ERRORS = TypeAdapter(list[RowError])
_WARNINGS = TypeAdapter(list[str])
_STATUS = ("SELECT id, status, created_at, finished_at, total, done, options, report_head, row_errors, warnings "
           "FROM review_jobs WHERE id = ?")


MIGRATIONS_TABLE = "CREATE TABLE IF NOT EXISTS okr_coach_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"


def migrations() -> list[tuple[str, str]]:
    """(name, SQL) of each schema migration, in order; the statements run on SQLite and Postgres alike.
    Existing SQLite files from before this table get 001 as a no-op (its statements say IF NOT EXISTS)."""
    folder = resources.files("coach.batch.store") / "migrations"
    scripts = sorted((f for f in folder.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return [(f.name, f.read_text(encoding="utf-8")) for f in scripts]


def pending_migrations(db: Cursor) -> list[tuple[str, str]]:
    """The migrations not applied yet to the database of `db` (whose caller holds the migration lock)."""
    db.execute(MIGRATIONS_TABLE)
    db.execute("SELECT name FROM okr_coach_migrations")
    applied = {name for (name,) in db.fetchall()}
    return [(name, script) for name, script in migrations() if name not in applied]


class Cursor(Protocol):
    """The DB-API cursor methods used here (sqlite3 and psycopg both have them)."""

    @property
    def rowcount(self) -> int: ...

    def execute(self, sql: Any, params: Any = ..., /) -> Any: ...
    def executemany(self, sql: Any, params: Any, /) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def fetchmany(self, size: int, /) -> list[Any]: ...


class SqlJobStore:
    backend = "sql"
    lock_job = ""  # appended to the job row read that starts `finish` (Postgres: FOR UPDATE)

    def _transaction(self) -> AbstractContextManager[Cursor]:
        """A cursor in a write transaction: committed on exit, rolled back on error."""
        raise NotImplementedError

    def _stream(self, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        """Rows of a read-only query, fetched in batches rather than all at once."""
        raise NotImplementedError

    def _read_in(self, db: Cursor, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        """Rows of a query inside `db`'s transaction, in batches (Postgres overrides: a server-side cursor)."""
        db.execute(sql, params)
        while rows := db.fetchmany(500):
            yield from rows

    def _sql(self, sql: str) -> str:
        """Statements are written with `?` placeholders; an engine with another style converts them."""
        return sql

    def _one(self, sql: str, params: Sequence[Any]) -> Any:
        with self._transaction() as db:
            db.execute(self._sql(sql), params)
            return db.fetchone()

    def create(self, imported: ImportResult, options: ReviewOptions, fingerprint: str,
               idempotency_key: str | None = None, claim: tuple[str, float] | None = None) -> tuple[str, bool]:
        with self._transaction() as db:
            if idempotency_key is not None:
                db.execute(self._sql("SELECT id, fingerprint FROM review_jobs WHERE idempotency_key = ?"),
                           (idempotency_key,))
                if (row := db.fetchone()) is not None:
                    if row[1] != fingerprint:
                        raise IdempotencyConflict(idempotency_key)
                    return row[0], False
            job_id = uuid.uuid4().hex
            db.execute(self._sql(
                "INSERT INTO review_jobs (id, idempotency_key, fingerprint, status, options, row_errors, warnings, "
                "total, done, created_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, 0, ?)"),
                (job_id, idempotency_key, fingerprint, options.model_dump_json(),
                 _ERRORS.dump_json(imported.errors).decode(), _WARNINGS.dump_json(imported.warnings).decode(),
                 len(imported.submissions), _now()))
            worker, until = (claim[0], time.time() + claim[1]) if claim else (None, None)
            db.executemany(self._sql(
                "INSERT INTO review_sets (job_id, idx, submission, claimed_by, claimed_until) VALUES (?, ?, ?, ?, ?)"),
                [(job_id, i, s.model_dump_json(), worker, until) for i, s in enumerate(imported.submissions)])
            self._created(db, job_id, len(imported.submissions), claim)
            return job_id, True

    def _created(self, db: Cursor, job_id: str, total: int, claim: tuple[str, float] | None) -> None:
        """Hook inside `create`'s transaction (Postgres queues the job's chunks there)."""

    def status(self, job_id: str) -> ReviewStatus | None:
        row = self._one(_STATUS, (job_id,))
        if row is None:
            return None
        id_, status, created, finished, total, done, options, head, errors, warnings = row
        return ReviewStatus(
            id=id_, status=status, created_at=created, finished_at=finished, total=total, done=done,
            progress=done / total if total else 1.0, suggest=ReviewOptions.model_validate_json(options).suggest,
            summary=ReviewReport.model_validate_json(head).summary if head else None,
            row_errors=_ERRORS.validate_json(errors), warnings=_WARNINGS.validate_json(warnings),
        )

    def _claims(self, db: Cursor, job_id: str, where: str, params: Sequence[Any]) -> list[Claim]:
        db.execute(self._sql("SELECT options FROM review_jobs WHERE id = ?"), (job_id,))
        if (options := db.fetchone()) is None:
            return []
        db.execute(self._sql(f"SELECT idx, submission FROM review_sets WHERE job_id = ? AND result IS NULL AND "
                             f"{where} ORDER BY idx"), (job_id, *params))
        parsed = ReviewOptions.model_validate_json(options[0])
        return [Claim(job_id, idx, Submission.model_validate_json(s), parsed) for idx, s in db.fetchall()]

    def claims_of(self, job_id: str, worker: str) -> list[Claim]:
        with self._transaction() as db:
            return self._claims(db, job_id, "claimed_by = ?", (worker,))

    def open_sets(self, job_id: str, start: int, stop: int) -> list[Claim]:
        with self._transaction() as db:
            return self._claims(db, job_id, "idx >= ? AND idx < ?", (start, stop))

    def save(self, job_id: str, reviews: Sequence[SetReview], worker: str, lease: float = 0.0,
             holding: Sequence[int] = ()) -> int:
        with self._transaction() as db:
            saved = 0
            for review in reviews:  # one by one: executemany's rowcount differs between drivers
                db.execute(self._sql("UPDATE review_sets SET result = ?, reviewed_by = ?, claimed_until = NULL "
                                     "WHERE job_id = ? AND idx = ? AND result IS NULL"),
                           (review.model_dump_json(), worker, job_id, review.index))
                saved += db.rowcount
            db.execute(self._sql("UPDATE review_jobs SET done = done + ?, status = CASE status WHEN 'queued' "
                                 "THEN 'running' ELSE status END WHERE id = ?"), (saved, job_id))
            if holding:
                until = time.time() + lease
                db.executemany(self._sql("UPDATE review_sets SET claimed_until = ? WHERE job_id = ? AND idx = ? "
                                         "AND claimed_by = ? AND result IS NULL"),
                               [(until, job_id, idx, worker) for idx in holding])
            return saved

    def finish(self, job_id: str, assemble: Assemble) -> bool:
        with self._transaction() as db:
            db.execute(self._sql("SELECT status, total, done, options, row_errors, warnings FROM review_jobs "
                                 "WHERE id = ?" + self.lock_job), (job_id,))
            job = db.fetchone()
            if job is None or job[0] == "done" or job[2] < job[1]:
                return False
            _, _, _, options, errors, warnings = job

            def read(view: type[View]) -> Iterator[View]:
                rows = self._read_in(db, self._sql("SELECT result FROM review_sets WHERE job_id = ? ORDER BY idx"),
                                     (job_id,))
                return (view.model_validate_json(r) for (r,) in rows)

            head, changed = assemble(read, ReviewOptions.model_validate_json(options), _ERRORS.validate_json(errors),
                                     _WARNINGS.validate_json(warnings))
            db.executemany(self._sql("UPDATE review_sets SET result = ? WHERE job_id = ? AND idx = ?"),
                           [(r.model_dump_json(), job_id, r.index) for r in changed])
            db.execute(self._sql("UPDATE review_jobs SET status = 'done', report_head = ?, finished_at = ? "
                                 "WHERE id = ?"),
                       (head.model_copy(update={"id": job_id, "sets": []}).model_dump_json(), _now(), job_id))
            return True

    def report_head(self, job_id: str) -> ReviewReport | None:
        row = self._one("SELECT report_head FROM review_jobs WHERE id = ?", (job_id,))
        if row is None or row[0] is None:
            return None
        return ReviewReport.model_validate_json(row[0])

    def results(self, job_id: str) -> Iterator[SetReview]:
        for (result,) in self._stream(self._sql(
                "SELECT result FROM review_sets WHERE job_id = ? AND result IS NOT NULL ORDER BY idx"), (job_id,)):
            yield SetReview.model_validate_json(result)

    def reviewed_by(self, job_id: str) -> list[str | None]:
        return [w for (w,) in self._stream(self._sql(
            "SELECT reviewed_by FROM review_sets WHERE job_id = ? ORDER BY idx"), (job_id,))]


def applied(name: str) -> tuple[str, str]:
    """The parameters recording migration `name` as applied now."""
    return name, _now()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
