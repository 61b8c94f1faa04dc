"""Benchmark the production layers: /v1/check with API keys, rate limits, metrics and JSON access logs
on, next to all of them off, over real HTTP on loopback, in one run.

Run: python bench/bench_hardening.py [--seconds 4] [--rounds 2] [--requests 1000]
Goal (issue 6): throughput overhead under 15%. Both servers run `okr-coach serve` (one worker);
rounds alternate off/on so drift on a shared machine hits both sides alike; the best round counts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import free_port, latency, throughput, wait_until_up
from synthetic import as_text, synthetic_set

from coach.core.keys import key_digest

CLIENT_THREADS = 8
KEYS = [f"bench-key-{n}" for n in range(CLIENT_THREADS)]
OFF = {"OKR_COACH_METRICS": "false", "OKR_COACH_LOG_LEVEL": "WARNING"}
ON = {"OKR_COACH_API_KEYS": ",".join(key_digest(k) for k in KEYS), "OKR_COACH_RATE_LIMIT": "100000/minute",
      "OKR_COACH_METRICS": "true", "OKR_COACH_LOG_LEVEL": "INFO"}


def start(settings: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OKR_COACH_")} | settings
    env["OKR_COACH_DATA_DIR"] = str(log.parent)
    with log.open("w") as stderr:  # the JSON access log goes to a file, as in production
        proc = subprocess.Popen([sys.executable, "-m", "coach", "serve", "--port", str(port), "--workers", "1"],
                                env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    return wait_until_up(proc, f"http://127.0.0.1:{port}/healthz", f"server did not start; see {log}")


def keyed_throughput(url: str, bodies: list[bytes], seconds: float, keyed: bool) -> float:
    """Requests/s from CLIENT_THREADS clients, each with its own API key when `keyed`."""
    return throughput(url, bodies, seconds, workers=CLIENT_THREADS,
                      headers_for=lambda worker: {"x-api-key": KEYS[worker]} if keyed else {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0, help="length of one throughput round per side")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--requests", type=int, default=1200, help="sequential requests per side for the p50")
    args = parser.parse_args()
    rng = random.Random(11)
    bodies = [json.dumps({"text": as_text(synthetic_set(rng))}).encode() for _ in range(500)]
    sides = ("off", "on")
    with tempfile.TemporaryDirectory(prefix="okr-coach-bench-") as tmp:
        ports = {side: free_port() for side in sides}
        servers = [start(ON if side == "on" else OFF, ports[side], Path(tmp) / f"{side}.log") for side in sides]
        try:
            urls = {side: f"http://127.0.0.1:{ports[side]}/v1/check" for side in sides}
            headers = {"off": {}, "on": {"x-api-key": KEYS[0]}}
            samples: dict[str, list[float]] = {side: [] for side in sides}
            rates: dict[str, list[float]] = {side: [] for side in sides}
            for side in sides:  # warm up
                latency(urls[side], bodies, 200, headers[side])
            chunk = max(1, args.requests // 10)
            for n in range(10):  # interleaved, so load from other processes hits both sides alike
                for side in (sides if n % 2 == 0 else sides[::-1]):
                    samples[side] += latency(urls[side], bodies, chunk, headers[side])
            for n in range(args.rounds):
                for side in (sides if n % 2 == 0 else sides[::-1]):
                    rates[side].append(keyed_throughput(urls[side], bodies, args.seconds, side == "on"))
            logged = sum(1 for _ in (Path(tmp) / "on.log").open())
        finally:
            for server in servers:
                server.terminate()
                server.wait()
    for side in sides:
        print(f"/v1/check hardening {side:3}: p50 {statistics.median(samples[side]) * 1e3:.2f} ms  throughput "
              f"median {statistics.median(rates[side]):.0f} req/s, best {max(rates[side]):.0f} req/s "
              f"({args.rounds} rounds x {args.seconds:.1f} s, {CLIENT_THREADS} client threads)")
    print(f"'on' = API keys ({len(KEYS)} keys) + rate limit + Prometheus metrics + JSON access log "
          f"({logged} lines written); 'off' = none of them")
    ratios = [on / off for off, on in zip(rates["off"], rates["on"], strict=True)]
    p50 = statistics.median(samples["on"]) / statistics.median(samples["off"]) - 1
    print(f"throughput overhead: median of paired rounds {1 - statistics.median(ratios):.1%}, best vs best "
          f"{1 - max(rates['on']) / max(rates['off']):.1%}; p50 latency overhead {p50:.1%}  (goal: < 15%)")


if __name__ == "__main__":
    main()
