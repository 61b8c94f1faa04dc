"""Benchmark the interop surfaces over their real transports: /v2/check next to /v1/check on one
`okr-coach serve`, `okr-coach check --format sarif` on many files, and MCP check_okrs over stdio.

Run: python bench/bench_interop.py [--requests 500] [--files 200] [--calls 100]
Prints figures; asserts nothing (timing goals live here, never in tests).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))
from servers import free_port, wait_until_healthy  # noqa: E402
from synthetic import as_text, synthetic_set  # noqa: E402


def _command() -> list[str]:
    script = shutil.which("okr-coach", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "coach"]


def _summary(label: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[int(len(ms) * 0.95) - 1]
    print(f"  {label:<28} p50 {statistics.median(ms):6.2f} ms   p95 {p95:6.2f} ms   n={len(ms)}")


def http_endpoints(texts: list[str]) -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "OKR_COACH_DATA_DIR": data, "OKR_COACH_LOG_LEVEL": "WARNING"}
        process = subprocess.Popen([*_command(), "serve", "--port", str(port)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(url, process, lambda: "", 30)
            with httpx.Client(base_url=url) as client:
                endpoints = (
                    ("/v1/check (JSON)", lambda t: client.post("/v1/check", json={"text": t})),
                    ("/v2/check (LanguageTool)",
                     lambda t: client.post("/v2/check", data={"text": t, "language": "en"})),
                )
                for text in texts[:20]:
                    for _, send in endpoints:
                        send(text)  # warm up both, on texts neither is timed on
                for offset, (label, send) in enumerate(endpoints):
                    timings = []
                    for text in texts[20 + offset::2]:  # different drafts each: no answer comes from the other's cache
                        started = time.perf_counter()
                        assert send(text).status_code == 200
                        timings.append(time.perf_counter() - started)
                    _summary(label, timings)
        finally:
            process.terminate()
            process.wait(10)


def cli_sarif(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, text in enumerate(texts):
            path = Path(folder) / f"okrs-{i}.md"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        for fmt in ("text", "sarif"):
            started = time.perf_counter()
            subprocess.run([*_command(), "check", *paths, "--format", fmt], stdout=subprocess.DEVNULL, check=False)
            seconds = time.perf_counter() - started
            print(f"  okr-coach check --format {fmt:<6} {len(paths)} files in {seconds:.2f} s "
                  f"({len(paths) / seconds:,.0f} files/s, process start included)")


def mcp_calls(texts: list[str]) -> None:
    from mcp.client.session import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client

    command = _command()
    params = StdioServerParameters(command=command[0], args=[*command[1:], "mcp"], env=dict(os.environ))

    async def run() -> tuple[float, list[float]]:
        started = time.perf_counter()
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            ready = time.perf_counter() - started
            timings = []
            for text in texts:
                begun = time.perf_counter()
                result = await session.call_tool("check_okrs", {"text": text})
                assert not result.is_error
                timings.append(time.perf_counter() - begun)
        return ready, timings

    ready, timings = anyio.run(run)
    print(f"  MCP stdio: start + initialize {ready * 1000:.0f} ms")
    _summary("MCP check_okrs over stdio", timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--calls", type=int, default=100)
    args = parser.parse_args()
    rng = random.Random(11)
    texts = [as_text(synthetic_set(rng)) for _ in range(max(args.requests, args.files, args.calls))]
    print(f"Typical sets (3 objectives x 4 key results, ~{statistics.mean(map(len, texts)):.0f} characters)")
    http_endpoints(texts[:args.requests])
    cli_sarif(texts[:args.files])
    mcp_calls(texts[:args.calls])


if __name__ == "__main__":
    main()
