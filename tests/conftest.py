"""Shared pytest fixtures."""

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_llm import FaultServer

REPO_ROOT = Path(__file__).resolve().parent.parent
ENSURE_CHROMIUM = REPO_ROOT / "scripts" / "ensure-chromium.sh"
CHROMIUM_PATH = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of Debian's Chromium, installed on first use; skips the test when it cannot be had.

    Playwright cannot download its own browsers here, so browser tests drive this binary.
    """
    result = subprocess.run(["bash", str(ENSURE_CHROMIUM)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip() or f"exit code {result.returncode}"
        pytest.skip(f"Chromium is not available ({CHROMIUM_PATH}) and could not be installed: {reason}")
    return CHROMIUM_PATH


@pytest.fixture(autouse=True)
def no_external_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that reaches past loopback: model calls must be mocked (respx), never real."""
    import ipaddress
    import socket

    def is_local(host: object) -> bool:
        if not isinstance(host, str):
            return True
        if host in {"localhost", "testserver"}:
            return True
        try:
            return ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            return False

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def refuse(address: object) -> None:
        raise RuntimeError(f"a test tried to reach the network ({address!r}); mock it instead")

    def connect(self: socket.socket, address: object) -> None:
        if isinstance(address, tuple) and not is_local(address[0]):
            refuse(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        if isinstance(address, tuple) and not is_local(address[0]):
            refuse(address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> list:
        if host is not None and not is_local(host.decode() if isinstance(host, bytes) else host):
            refuse(host)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(scope="session")
def fault_llm() -> Iterator[FaultServer]:
    """A misbehaving OpenAI-compatible server on 127.0.0.1 (tests/fault_llm.py), one for the whole run."""
    server = FaultServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A database of this test session's own on the real PostgreSQL (skips, or fails under CI=true)."""
    from backends import scratch_database

    with scratch_database() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The real Redis (skips, or fails under CI=true)."""
    from backends import redis_url as reachable_redis

    return reachable_redis()
