"""Starting real `okr-coach serve` processes for tests: a free loopback port and a health wait."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, output: Callable[[], str], timeout: float) -> None:
    """Poll `url`/healthz until it answers 200; raise with the server's `output()` if it exits or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"okr-coach serve exited with {process.returncode}: {output()[-2000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"okr-coach serve did not answer {url}/healthz within {timeout} s")


def serve(env: dict[str, str], log: Path, timeout: float = 30) -> tuple[subprocess.Popen, str]:
    """Start `okr-coach serve` on a free loopback port with `env` added to this process's; stderr goes to `log`."""
    port = free_port()
    process = okr_coach("serve", "--host", "127.0.0.1", "--port", str(port), env=env, log=log)
    url = f"http://127.0.0.1:{port}"
    wait_until_healthy(url, process, log.read_text, timeout)
    return process, url


def okr_coach(*args: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """`okr-coach ARGS` from this interpreter's environment, its stderr (the JSON log) written to `log`."""
    script = shutil.which("okr-coach", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "coach"]
    return subprocess.Popen([*command, *args], env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=log.open("w"))
