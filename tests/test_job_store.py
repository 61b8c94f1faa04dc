"""The job store's contract, run against both engines: SQLite (embedded) and the real Postgres."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from coach.batch.assemble import assemble_job
from coach.batch.models import ImportResult, ReviewOptions, RowError, SetReview, Submission, SubmittedObjective
from coach.batch.review import review_set
from coach.batch.store import IdempotencyConflict, JobStore
from coach.batch.store.sqlite import SqliteJobStore
from rubric.policy import Policy


def submissions(count: int) -> list[Submission]:
    """Sets by `count` owners; every set shares one objective title, so team findings appear on all."""
    return [Submission(owner=f"Owner {i}", objectives=[SubmittedObjective(
        title="Make deploys boring", key_results=[f"Failed deploys from {i % 40 + 5}% to 3% by Q3"])])
        for i in range(count)]


def imported(count: int) -> ImportResult:
    return ImportResult(submissions=submissions(count), warnings=["one row was blank"],
                        errors=[RowError(line=3, location="line 3", message="no objective")])


def reviewed(store: JobStore, job_id: str, start: int, stop: int) -> list[SetReview]:
    return [review_set(c.index, c.submission, c.options.policy) for c in store.open_sets(job_id, start, stop)]


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[JobStore]:
    if request.param == "sqlite":
        made: JobStore = SqliteJobStore(tmp_path / "data")
    else:
        from coach.batch.store.postgres import PostgresJobStore

        made = PostgresJobStore(request.getfixturevalue("postgres_url"), pool_size=4, chunk_sets=50)
    yield made
    made.close()


def test_a_new_job_is_queued_with_nothing_reviewed(store: JobStore) -> None:
    job_id, created = store.create(imported(3), ReviewOptions(), "f1")
    status = store.status(job_id)
    assert created and status is not None
    assert (status.status, status.total, status.done, status.progress) == ("queued", 3, 0, 0.0)
    assert [e.line for e in status.row_errors] == [3] and status.warnings == ["one row was blank"]
    assert store.report_head(job_id) is None and list(store.results(job_id)) == []
    assert store.status("no-such-job") is None and store.report_head("no-such-job") is None


def test_an_idempotency_key_returns_its_job_and_rejects_another_upload(store: JobStore) -> None:
    first, created = store.create(imported(2), ReviewOptions(), "same", idempotency_key="key-1")
    assert store.create(imported(2), ReviewOptions(), "same", idempotency_key="key-1") == (first, False)
    with pytest.raises(IdempotencyConflict):
        store.create(imported(1), ReviewOptions(), "other", idempotency_key="key-1")
    assert created and store.status(first).total == 2  # type: ignore[union-attr]


def test_a_result_is_recorded_once_and_counted_once(store: JobStore) -> None:
    job_id, _ = store.create(imported(4), ReviewOptions(), "f")
    first = reviewed(store, job_id, 0, 2)
    assert [r.index for r in first] == [0, 1]
    assert store.save(job_id, first, "worker-a") == 2
    assert store.save(job_id, first, "worker-b") == 0  # a redone chunk records nothing
    assert [c.index for c in store.open_sets(job_id, 0, 4)] == [2, 3]
    status = store.status(job_id)
    assert (status.status, status.done) == ("running", 2)  # type: ignore[union-attr]
    assert store.reviewed_by(job_id) == ["worker-a", "worker-a", None, None]


def test_finish_waits_for_every_set_then_adds_team_findings_and_the_summary_once(store: JobStore) -> None:
    job_id, _ = store.create(imported(3), ReviewOptions(), "f")
    store.save(job_id, reviewed(store, job_id, 0, 2), "w")
    assert not store.finish(job_id, assemble_job)
    store.save(job_id, reviewed(store, job_id, 2, 3), "w")
    assert store.finish(job_id, assemble_job)
    assert not store.finish(job_id, assemble_job)  # done already: team findings are not added twice
    head = store.report_head(job_id)
    assert head is not None and head.id == job_id and head.sets == []
    assert (head.summary.sets, head.summary.row_errors, head.warnings) == (3, 1, ["one row was blank"])
    sets = list(store.results(job_id))
    assert [s.index for s in sets] == [0, 1, 2]
    assert all([f.rule for f in s.findings].count("duplicate-across-owners") == 1 for s in sets)
    assert store.status(job_id).status == "done"  # type: ignore[union-attr]


def test_an_empty_job_finishes_at_once(store: JobStore) -> None:
    job_id, _ = store.create(ImportResult(submissions=[]), ReviewOptions(), "empty")
    assert store.finish(job_id, assemble_job)
    assert store.report_head(job_id).summary.sets == 0  # type: ignore[union-attr]


def test_a_synchronous_job_is_held_by_its_worker(store: JobStore) -> None:
    job_id, _ = store.create(imported(2), ReviewOptions(policy=Policy()), "f", claim=("api-1", 30.0))
    assert [c.index for c in store.claims_of(job_id, "api-1")] == [0, 1]
    assert store.claims_of(job_id, "api-2") == []


def test_two_finishers_at_once_finish_the_job_exactly_once(store: JobStore) -> None:
    job_id, _ = store.create(imported(40), ReviewOptions(), "f")
    store.save(job_id, reviewed(store, job_id, 0, 40), "w")
    outcomes: list[bool] = []
    threads = [threading.Thread(target=lambda: outcomes.append(store.finish(job_id, assemble_job)))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False, True]
    sets = list(store.results(job_id))
    assert all([f.rule for f in s.findings].count("duplicate-across-owners") == 1 for s in sets)


def test_results_stream_in_order_past_one_fetch_batch(store: JobStore) -> None:
    job_id, _ = store.create(imported(1_100), ReviewOptions(), "f")
    store.save(job_id, reviewed(store, job_id, 0, 1_100), "w")
    assert store.finish(job_id, assemble_job)
    results = store.results(job_id)
    assert next(results).index == 0  # lazily: the first set before the rest is read
    assert [s.index for s in results] == list(range(1, 1_100))


class CountingStore(SqliteJobStore):
    """Counts SQLite virtual-machine steps, a measure of work that does not depend on the machine's speed."""

    steps = 0

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with super()._connect() as db:
            db.set_progress_handler(self._count, 100)
            yield db

    def _count(self) -> int:
        self.steps += 1
        return 0


def steps_per_claim(tmp_path: Path, sets: int) -> float:
    """SQLite work for one claim of 8 sets (claim, save, the finish check) halfway through a job of `sets`."""
    store = CountingStore(tmp_path / f"n{sets}")
    job_id, _ = store.create(imported(sets), ReviewOptions(), "f")
    while (store.status(job_id).done or 0) < sets // 2:  # type: ignore[union-attr]
        claims = store.claim("w", 30.0, 8)
        store.save(job_id, [review_set(c.index, c.submission, c.options.policy) for c in claims], "w")
    store.steps = 0
    for _ in range(5):
        claims = store.claim("w", 30.0, 8)
        held = [c.index for c in claims]
        store.save(job_id, [review_set(claims[0].index, claims[0].submission, Policy())], "w", 30.0, held[1:])
        store.save(job_id, [review_set(c.index, c.submission, Policy()) for c in claims[1:]], "w")
        store.finish(job_id, assemble_job)
    return store.steps / 5


def test_sqlite_work_per_set_does_not_grow_with_the_job(tmp_path: Path) -> None:
    """Issue 14 item 10: claims, results and the finish check cost the same at set 100 of 200 as at
    set 2,000 of 4,000 (before, each scanned the whole job: O(N²) per review)."""
    small, large = steps_per_claim(tmp_path, 200), steps_per_claim(tmp_path, 4_000)
    assert large < small * 1.5, (small, large)
