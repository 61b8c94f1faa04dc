"""Benchmark batch reviews through the API: the in-process SQLite path, then Postgres with 1, 2 and 4
`okr-coach worker` processes, on the same 10,000 synthetic sets (3 objectives x 4 key results each).

Run: python bench/bench_scale.py [--sets 10000] [--workers 1,2,4] [--sqlite-command PATH]
Needs the PostgreSQL of the development machine (OKR_COACH_TEST_POSTGRES, as for the tests); each
run uses a database of its own, dropped after.
`--sqlite-command` runs the SQLite path with another checkout's okr-coach (a "before" figure).
Prints wall time from POST to done, sets/s, and sets/s per worker; and the CPU seconds each role
used, which a busy shared machine disturbs far less than wall time: sets per CPU-second of the
reviewing processes is the figure to compare between runs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from backends import scratch_database
from synthetic import synthetic_set

PORT = 18_500


def body(count: int) -> dict:
    rng = random.Random(7)
    return {"sets": [{"owner": f"Person {i:05d}", "team": f"Team {i % 7}", "cycle": "2026-Q3", "objectives": [
        {"title": title, "key_results": krs} for title, krs in synthetic_set(rng)]} for i in range(count)]}


def start(command: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([command, *args], env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def review(url: str, payload: dict, timeout: float) -> float:
    """Seconds from POST /v1/reviews to the job being done."""
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
    started = time.perf_counter()
    reply = httpx.post(f"{url}/v1/reviews", json=payload, timeout=120)
    assert reply.status_code == 202, reply.text[:500]
    review_id = reply.json()["id"]
    while (status := httpx.get(f"{url}/v1/reviews/{review_id}", timeout=30).json())["status"] != "done":
        assert time.perf_counter() - started < timeout, f"not done after {timeout} s: {status['done']}"
        time.sleep(0.1)
    return time.perf_counter() - started


def wait_for_workers(database: str, count: int) -> None:
    """Until every worker has registered with the queue, so the clock does not run while they start."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with contextlib.suppress(psycopg.Error), psycopg.connect(database) as conn:
            if conn.execute("SELECT count(*) FROM procrastinate_workers").fetchone()[0] >= count:  # type: ignore[index]
                return
        time.sleep(0.2)
    raise RuntimeError(f"{count} workers did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_path(label: str, command: str, env: dict[str, str], payload: dict, workers: int, timeout: float) -> None:
    url = f"http://127.0.0.1:{PORT}"
    processes = [start(command, ["serve", "--host", "127.0.0.1", "--port", str(PORT)], env)]
    processes += [start(command, ["worker"], env) for _ in range(workers)]
    try:
        if workers:
            wait_for_workers(env["OKR_COACH_DATABASE_URL"], workers)
        idle = [cpu_seconds(p.pid) for p in processes]
        seconds = review(url, payload, timeout)
        used = [cpu_seconds(p.pid) - before for p, before in zip(processes, idle, strict=True)]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(30)
    sets = len(payload["sets"])
    per = f"{sets / seconds / workers:5,.0f} sets/s per worker" if workers else "(reviewed inside the API)"
    reviewing = sum(used[1:]) if workers else used[0]
    print(f"{label:<34} {seconds:6.1f} s {sets / seconds:6,.0f} sets/s  {per:<25}  CPU: API {used[0]:5.1f} s, "
          f"workers {sum(used[1:]):5.1f} s; {sets / reviewing:4,.0f} sets per reviewing CPU-second", flush=True)


def main(args: argparse.Namespace) -> None:
    payload = body(args.sets)
    local = shutil.which("okr-coach", path=str(Path(sys.executable).parent)) or "okr-coach"
    base = {"OKR_COACH_LLM": "offline", "OKR_COACH_MAX_REVIEW_SUBMISSIONS": str(args.sets),
            "OKR_COACH_MAX_BODY_BYTES": str(200_000_000), "OKR_COACH_LOG_LEVEL": "WARNING"}
    print(f"{args.sets:,} sets, {sum(len(o['key_results']) for s in payload['sets'] for o in s['objectives']):,} "
          f"key results; {os.cpu_count()} cores; wall time from POST to done")
    with tempfile.TemporaryDirectory() as tmp:
        if args.sqlite_command:
            run_path("SQLite in-process (--sqlite-command)", args.sqlite_command,
                     {**base, "OKR_COACH_DATA_DIR": f"{tmp}/before"}, payload, 0, args.timeout)
        run_path("SQLite in-process (this checkout)", local, {**base, "OKR_COACH_DATA_DIR": f"{tmp}/after"},
                 payload, 0, args.timeout)
    for workers in args.workers:
        with scratch_database() as url:
            run_path(f"Postgres, {workers} worker{'s' if workers > 1 else ''}", local,
                     {**base, "OKR_COACH_DATABASE_URL": url}, payload, workers, args.timeout)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=10_000)
    parser.add_argument("--workers", type=lambda s: [int(n) for n in s.split(",")], default=[1, 2, 4])
    parser.add_argument("--sqlite-command", help="another okr-coach (e.g. main's) for a before figure")
    parser.add_argument("--timeout", type=float, default=900)
    main(parser.parse_args())
