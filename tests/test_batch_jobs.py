"""The job lifecycle's owner (coach/batch/jobs.py) and the app's lifespan: no suggester outlives its
review, the model client is closed, reports are written whole or not at all, and a chunk that keeps
failing is reported, never dropped."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import respx
from coach_llm_fakes import COMPLETIONS, llm_client, llm_settings, proposal, reply
from fastapi.testclient import TestClient

from coach.api.app import create_app
from coach.batch.jobs import Jobs
from coach.batch.models import ImportResult, ReviewOptions, Submission, SubmittedObjective
from coach.batch.suggest import Suggester
from coach.cli.review import write_atomically
from coach.core.settings import Settings

SET = {"owner": "Alice", "objectives": [{"title": "Win the mid-market", "key_results": ["Increase awareness"]}]}


def live_suggesters() -> int:
    gc.collect()
    return sum(isinstance(o, Suggester) for o in gc.get_objects())


def test_sync_reviews_with_suggestions_keep_no_suggester(tmp_path: Path) -> None:
    """Issue 14 item 4: the runner kept one Suggester per sync job (about 1 MB each), never freed."""
    with respx.mock, TestClient(create_app(llm_settings(data_dir=tmp_path), llm_client=llm_client())) as api:
        respx.post(COMPLETIONS).mock(return_value=reply(proposal()))
        before = live_suggesters()
        for n in range(5):
            body = {"sets": [{**SET, "owner": f"Owner {n}"}]}
            assert api.post("/v1/reviews?sync=true&suggest=true", json=body).status_code == 200
        assert live_suggesters() == before


class ClosingClient:
    """A model client that records being closed."""

    provider, model = "fake", "fake-model"

    def __init__(self) -> None:
        self.closed = False

    async def complete(self, messages: object, schema: object) -> object:
        raise AssertionError("not called in this test")

    async def aclose(self) -> None:
        self.closed = True


def test_the_lifespan_closes_the_model_client(tmp_path: Path) -> None:
    client = ClosingClient()
    with TestClient(create_app(Settings(data_dir=tmp_path), llm_client=client)) as api:  # type: ignore[arg-type]
        assert api.get("/healthz").status_code == 200
        assert not client.closed
    assert client.closed


def test_a_report_interrupted_mid_write_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    """Issue 14 item 14: writing in place left a truncated report.html that looked whole."""
    report = tmp_path / "report.html"
    report.write_text("<html>the previous report</html>")

    def chunks() -> Iterator[str]:
        yield "<html>half of the new"
        raise KeyboardInterrupt  # the user pressed Ctrl-C (a kill leaves only the temporary file)

    with pytest.raises(KeyboardInterrupt):
        write_atomically(report, chunks())
    assert report.read_text() == "<html>the previous report</html>"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    write_atomically(report, iter(["<html>new</html>"]))
    assert report.read_text() == "<html>new</html>"


def submissions(count: int) -> ImportResult:
    return ImportResult(submissions=[Submission(owner=f"Owner {i}", objectives=[SubmittedObjective(
        title=f"Make deploys boring {i}", key_results=["Failed deploys from 8% to 3% by Q3"])]) for i in range(count)])


def test_a_chunk_that_keeps_failing_is_given_up_with_its_sets_reported(postgres_url: str) -> None:
    """Bounded retries: after `review_max_attempts` tries the chunk's sets are recorded as not reviewed, with
    the reason, and the job finishes; the chunk that works is reviewed as usual."""
    from coach.batch import queue
    from coach.batch.store.postgres import PostgresJobStore

    settings = Settings(database_url=postgres_url, review_max_attempts=2, review_chunk_sets=3, llm="offline")
    store = PostgresJobStore(postgres_url, pool_size=4, chunk_sets=3)
    jobs = Jobs(store, settings, None)
    job_id, _ = store.create(submissions(5), ReviewOptions(), "f")
    tries: list[int] = []

    async def flaky(job: str, start: int, stop: int) -> None:
        if job != job_id:  # chunks other tests left in this session's queue
            return await jobs.review_chunk(job, start, stop)
        if start == 3:
            tries.append(start)
            raise ConnectionError("the database went away")
        await jobs.review_chunk(job, start, stop)

    async def work() -> None:
        app = queue.build_app(settings, flaky, jobs.give_up)
        async with app.open_async():
            deadline = time.monotonic() + 30
            while store.status(job_id).status != "done":  # type: ignore[union-attr]
                assert time.monotonic() < deadline, store.status(job_id)
                await app.run_worker_async(queues=[queue.QUEUE], wait=False, install_signal_handlers=False)
                await asyncio.sleep(0.2)  # the retry is scheduled a second later

    try:
        asyncio.run(work())
        sets = list(store.results(job_id))
    finally:
        store.close()
    assert tries == [3, 3]  # tried twice, then given up
    assert [s.index for s in sets] == [0, 1, 2, 3, 4]
    assert [s.error is None for s in sets] == [True, True, True, False, False]
    assert "failed 2 times" in (sets[3].error or "") and "ConnectionError" in (sets[3].error or "")


def test_the_cli_review_and_a_stored_job_give_the_same_report(tmp_path: Path) -> None:
    """One lifecycle: `okr-coach review` (in memory) and a job through the store agree set for set."""
    from coach.batch.jobs import review_in_memory

    class Quiet:
        def advance(self) -> None: ...
        def close(self) -> None: ...

    imported = submissions(6)
    settings = Settings(data_dir=tmp_path)
    in_memory = review_in_memory(imported, settings, None, False, 1, Quiet(), Quiet())
    with TestClient(create_app(settings)) as api:
        body = {"sets": [s.model_dump(exclude_none=True) for s in imported.submissions]}
        stored = api.post("/v1/reviews?sync=true", json=body).json()
    assert stored["summary"] == in_memory.summary.model_dump(mode="json")
    assert [s["findings"] for s in stored["sets"]] == [
        [f.model_dump(mode="json") for f in s.findings] for s in in_memory.sets]



def test_a_chunk_whose_worker_died_on_its_last_try_is_given_up_not_retried(postgres_url: str) -> None:
    """The sweep's other branch: a stalled chunk out of tries is failed, its sets reported, the job done."""
    import psycopg

    from coach.batch import queue
    from coach.batch.store.postgres import PostgresJobStore

    settings = Settings(database_url=postgres_url, review_max_attempts=3, llm="offline")
    store = PostgresJobStore(postgres_url, pool_size=4, chunk_sets=50)
    jobs = Jobs(store, settings, None)
    job_id, _ = store.create(submissions(2), ReviewOptions(), "f")

    async def never(job: str, start: int, stop: int) -> None:
        raise AssertionError("a chunk out of tries is not run again")

    async def sweep() -> str:
        app = queue.build_app(settings, never, jobs.give_up)
        async with app.open_async():
            worker = await app.job_manager.register_worker()
            while (chunk := await app.job_manager.fetch_job([queue.QUEUE], worker)) is not None:
                if chunk.task_kwargs["job_id"] == job_id:
                    break  # the doomed worker takes our chunk (others are left by earlier tests)
            assert chunk is not None
            with psycopg.connect(postgres_url, autocommit=True) as conn:  # two deaths already, and now a third
                conn.execute("UPDATE procrastinate_jobs SET attempts = 2 WHERE id = %s", (chunk.id,))
                conn.execute("DELETE FROM procrastinate_workers WHERE id = %s", (worker,))
            (stalled,) = [j for j in await app.job_manager.get_stalled_jobs(task_name=queue.TASK)
                          if j.id == chunk.id]
            await queue._requeue_or_give_up(app, stalled, settings.review_max_attempts, jobs.give_up)
            return (await app.job_manager.get_job_status_async(chunk.id)).value

    try:
        status = asyncio.run(sweep())
        sets = list(store.results(job_id))
        done = store.status(job_id)
    finally:
        store.close()
    assert status == "failed"
    assert done is not None and done.status == "done"
    assert [s.error is not None and "died 3 times" in s.error for s in sets] == [True, True]


def test_the_runner_finishes_a_job_whose_server_died_before_finishing_it(tmp_path: Path) -> None:
    """Every result committed, then a crash before the team findings and summary: the next runner finishes it."""
    from coach.batch.review import review_set
    from coach.batch.runner import ReviewRunner
    from coach.batch.store.sqlite import SqliteJobStore

    store = SqliteJobStore(tmp_path)
    job_id, _ = store.create(submissions(3), ReviewOptions(), "f")
    claims = store.claim("dead-server", 30.0, 10)
    store.save(job_id, [review_set(c.index, c.submission, c.options.policy) for c in claims], "dead-server")
    runner = ReviewRunner(Jobs(store, Settings(data_dir=tmp_path), None), store)
    assert asyncio.run(runner.run_once()) is True
    assert store.status(job_id).status == "done"  # type: ignore[union-attr]
    assert asyncio.run(runner.run_once()) is False  # and then there is nothing left to do
