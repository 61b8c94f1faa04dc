"""Several replicas on real engines: two `okr-coach serve` and two `okr-coach worker` on one Postgres,
a worker killed with SIGKILL mid-review; and one API key's rate limit held across two servers by Redis."""

from __future__ import annotations

import json
import signal
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from backends import scratch_database
from servers import free_port, okr_coach, wait_until_healthy

from coach.core.keys import key_digest

SETS = 2_000


@pytest.fixture
def database() -> Iterator[str]:
    """A database for this test alone: no chunks left queued by other tests for the workers to take."""
    with scratch_database() as url:
        yield url


def start_api(env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    return okr_coach("serve", "--host", "127.0.0.1", "--port", str(port), env=env, log=log), f"http://127.0.0.1:{port}"


def log_entries(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]


def chunks_started(log: Path) -> int:
    """Read while the worker writes: count the message, without parsing a line that may be half written."""
    return log.read_text().count('"message": "review chunk started"')


def worker_name(log: Path, process: subprocess.Popen, timeout: float = 30) -> str:
    """The id a worker records its sets under, from its start-up log line."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()[-2000:]
        for entry in log_entries(log):
            if entry.get("message") == "review worker started":
                return entry["worker"]
        time.sleep(0.1)
    raise AssertionError(f"the worker did not start: {log.read_text()[-2000:]}")


def test_two_apis_and_two_workers_survive_a_killed_worker_with_every_set_reviewed_once(
        tmp_path: Path, database: str) -> None:
    env = {"OKR_COACH_DATABASE_URL": database, "OKR_COACH_LLM": "offline", "OKR_COACH_LOG_LEVEL": "DEBUG",
           "OKR_COACH_DATA_DIR": str(tmp_path / "data"), "OKR_COACH_MAX_REVIEW_SUBMISSIONS": str(SETS),
           "OKR_COACH_MAX_BODY_BYTES": "5000000", "OKR_COACH_REVIEW_CHUNK_SETS": "40",
           "OKR_COACH_REVIEW_SET_DELAY": "0.003",  # so a chunk takes a while and the kill lands inside one
           "OKR_COACH_WORKER_HEARTBEAT_SECONDS": "0.5", "OKR_COACH_WORKER_STALLED_SECONDS": "2"}
    (first, first_url), (second, second_url) = (start_api(env, tmp_path / f"api{n}.log") for n in (1, 2))
    workers = [okr_coach("worker", env=env, log=tmp_path / f"worker{n}.log") for n in (1, 2)]
    processes = [first, second, *workers]
    try:
        for process, url, n in ((first, first_url, 1), (second, second_url, 2)):
            wait_until_healthy(url, process, (tmp_path / f"api{n}.log").read_text, 60)
        doomed, survivor = (worker_name(tmp_path / f"worker{n}.log", w) for n, w in ((1, workers[0]), (2, workers[1])))

        body = {"sets": [{"owner": f"Owner {i}", "team": f"Team {i % 9}", "objectives": [
            {"title": f"Make deploys boring for service {i}",
             "key_results": [f"Failed deploys from {i % 40 + 5}% to 3% by Q3", "Increase awareness"]}]}
            for i in range(SETS)]}
        queued = httpx.post(f"{first_url}/v1/reviews", json=body, timeout=30)
        assert queued.status_code == 202, queued.text
        review_id = queued.json()["id"]

        deadline = time.monotonic() + 40
        while (done := httpx.get(f"{first_url}/v1/reviews/{review_id}", timeout=5).json()["done"]) < SETS // 5:
            assert time.monotonic() < deadline, "the workers made no progress"
            time.sleep(0.05)
        # Kill it just after it took a new chunk (~40 sets x 3 ms of work in hand): no cleanup at all.
        started = chunks_started(tmp_path / "worker1.log")
        while chunks_started(tmp_path / "worker1.log") == started:
            assert time.monotonic() < deadline, "the first worker took no further chunk"
            time.sleep(0.005)
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(10)
        assert done < SETS

        while (status := httpx.get(f"{second_url}/v1/reviews/{review_id}", timeout=5).json())["status"] != "done":
            assert time.monotonic() < deadline, f"the review did not finish after the kill: {status}"
            time.sleep(0.1)
        report = httpx.get(f"{second_url}/v1/reviews/{review_id}/report", timeout=30).json()
        ready = httpx.get(f"{second_url}/readyz", timeout=10).json()
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            process.wait(15)

    assert status["done"] == status["total"] == SETS
    assert [s["index"] for s in report["sets"]] == list(range(SETS))  # every set, each once
    assert [s["owner"] for s in report["sets"]] == [f"Owner {i}" for i in range(SETS)]
    assert not any(s["error"] for s in report["sets"])  # retried, not given up
    assert report["summary"]["sets"] == SETS
    # Each set is recorded by exactly one worker; the killed one's committed chunks stand.
    from coach.batch.store.postgres import PostgresJobStore

    store = PostgresJobStore(database, pool_size=1, chunk_sets=40)
    try:
        recorded = Counter(store.reviewed_by(review_id))
    finally:
        store.close()
    assert set(recorded) == {doomed, survivor} and sum(recorded.values()) == SETS
    # The killed worker died holding a chunk: the survivor found it stalled and queued it again.
    requeued = [e for e in log_entries(tmp_path / "worker2.log") if e.get("message", "").startswith(
        "review chunk stalled")]
    assert requeued and all(e["review_id"] == review_id for e in requeued)
    assert ready["checks"]["job_store"]["ok"] and ready["status"] == "ready"


def test_one_keys_rate_limit_holds_across_two_servers_sharing_redis(tmp_path: Path, redis_url: str) -> None:
    key = f"scale-test-{uuid.uuid4().hex}"  # a key of its own: other runs on this Redis count other keys
    env = {"OKR_COACH_REDIS_URL": redis_url, "OKR_COACH_RATE_LIMIT": "4/minute", "OKR_COACH_LLM": "offline",
           "OKR_COACH_API_KEYS": key_digest(key), "OKR_COACH_DATA_DIR": str(tmp_path / "data")}
    servers = [start_api(env, tmp_path / f"api{n}.log") for n in (1, 2)]
    try:
        for n, (process, url) in enumerate(servers, 1):
            wait_until_healthy(url, process, (tmp_path / f"api{n}.log").read_text, 60)
        headers = {"Authorization": f"Bearer {key}"}
        codes = [httpx.post(f"{servers[i % 2][1]}/v1/check", json={"text": "Objective: Grow\nKR: 5 logos by Q3"},
                            headers=headers, timeout=10).status_code for i in range(6)]
        ready = httpx.get(f"{servers[0][1]}/readyz", timeout=10).json()
    finally:
        for process, _ in servers:
            process.terminate()
            process.wait(15)
    assert codes == [200, 200, 200, 200, 429, 429]  # 2 + 2 allowed in total, not 4 per server
    assert ready["checks"]["redis"]["ok"]


def test_an_api_on_postgres_reviews_sync_batches_itself_and_queues_the_rest(database: str) -> None:
    """No runner in the API: a queued review waits for workers (its chunks queued with it), while a sync
    review is answered at once, its chunks queued only for after the lease, should this replica die."""
    import psycopg
    from fastapi.testclient import TestClient

    from coach.api.app import create_app
    from coach.core.settings import Settings

    settings = Settings(database_url=database, review_chunk_sets=2, review_lease_seconds=600)
    sets = [{"owner": f"Owner {i}", "objectives": [{"title": "Ship it", "key_results": ["Ship 3 releases by Q3"]}]}
            for i in range(5)]
    with TestClient(create_app(settings)) as api:
        assert api.app.state.review_runner is None  # type: ignore[attr-defined]
        queued = api.post("/v1/reviews", json={"sets": sets}).json()
        answered = api.post("/v1/reviews?sync=true", json={"sets": sets})
        time.sleep(0.5)
        assert api.get(f"/v1/reviews/{queued['id']}").json()["status"] == "queued"  # the workers' job
    assert answered.status_code == 200 and len(answered.json()["sets"]) == 5
    with psycopg.connect(database) as conn:
        chunks = conn.execute("SELECT args->>'job_id', (args->>'start')::int, (args->>'stop')::int, "
                              "scheduled_at > now() + interval '5 minutes' FROM procrastinate_jobs "
                              "ORDER BY id").fetchall()
    assert chunks == [(queued["id"], 0, 2, None), (queued["id"], 2, 4, None), (queued["id"], 4, 5, None),
                      *((answered.json()["id"], a, b, True) for a, b in ((0, 2), (2, 4), (4, 5)))]
