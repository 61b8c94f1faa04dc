"""Durable jobs across a crash: kill a real `okr-coach serve` mid-review, start another on the same data dir."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import httpx
import servers

from coach.batch.store.sqlite import SqliteJobStore

SETS = 24
DELAY = 0.15  # seconds per set, so the first server is still working when it is killed


def serve(data_dir: Path, log: Path) -> tuple[subprocess.Popen, str]:
    return servers.serve({"OKR_COACH_DATA_DIR": str(data_dir), "OKR_COACH_REVIEW_SET_DELAY": str(DELAY),
                          "OKR_COACH_REVIEW_LEASE_SECONDS": "1.5", "OKR_COACH_LOG_LEVEL": "DEBUG",
                          "OKR_COACH_LLM": "offline", "OKR_COACH_REVIEW_CHUNK_SETS": "8"}, log)


def reviewed_sets(log: Path) -> list[tuple[int, str]]:
    """(set index, worker) for every set a server reviewed, from its JSON debug log."""
    entries = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    return [(e["review_set"], e["worker"]) for e in entries if e.get("message") == "review set done"]


def test_a_job_survives_a_killed_server_with_no_set_lost_or_reviewed_twice(tmp_path: Path) -> None:
    data = tmp_path / "data"
    body = {"sets": [{"owner": f"Owner {i}", "objectives": [
        {"title": f"Make deploys boring for team {i}", "key_results": [f"Failed deploys from {i + 5}% to 3% by Q3"]}]}
        for i in range(SETS)]}
    first, url = serve(data, tmp_path / "first.log")
    try:
        review_id = httpx.post(f"{url}/v1/reviews", json=body, timeout=10).json()["id"]
        deadline = time.monotonic() + 30
        while (done := httpx.get(f"{url}/v1/reviews/{review_id}", timeout=5).json()["done"]) < 6:
            assert time.monotonic() < deadline, "the first server made no progress"
            time.sleep(0.05)
    finally:
        first.send_signal(signal.SIGKILL)  # a crash: no shutdown, no cleanup
        first.wait(10)
    killed_at = SqliteJobStore(data).status(review_id)
    assert killed_at is not None and done <= killed_at.done < SETS  # killed mid-job

    second, url = serve(data, tmp_path / "second.log")
    try:
        deadline = time.monotonic() + 60
        while (status := httpx.get(f"{url}/v1/reviews/{review_id}", timeout=5).json())["status"] != "done":
            assert time.monotonic() < deadline, f"the second server did not finish the job: {status}"
            time.sleep(0.1)
        report = httpx.get(f"{url}/v1/reviews/{review_id}/report", timeout=10).json()
    finally:
        second.terminate()
        second.wait(10)

    assert status["done"] == status["total"] == SETS
    assert [s["index"] for s in report["sets"]] == list(range(SETS))  # none lost
    assert [s["owner"] for s in report["sets"]] == [f"Owner {i}" for i in range(SETS)]
    recorded_by = SqliteJobStore(data).reviewed_by(review_id)
    first_worker, second_worker = (reviewed_sets(tmp_path / "first.log")[0][1],
                                   reviewed_sets(tmp_path / "second.log")[0][1])
    assert Counter(recorded_by) == {first_worker: killed_at.done, second_worker: SETS - killed_at.done}
    # The second server only reviewed what the first had not committed: nothing was reviewed twice.
    redone = [i for i, _ in reviewed_sets(tmp_path / "second.log") if recorded_by[i] == first_worker]
    assert redone == []
    assert sorted(i for i, _ in reviewed_sets(tmp_path / "second.log")) == [
        i for i, worker in enumerate(recorded_by) if worker == second_worker]
