"""The real Postgres and Redis of this machine (and CI's), for the tests that need them.

Each test session gets a database of its own, created here and dropped after, so sessions of
other branches on the same server never see each other's jobs. Unreachable servers skip the
tests with the reason, except under CI=true, where they must be there: the tests fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

ADMIN_URL = os.environ.get("OKR_COACH_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("OKR_COACH_TEST_REDIS", "redis://127.0.0.1:6379/0")


def unavailable(what: str, exc: Exception) -> None:
    """Skip (a developer's machine without the server) or fail (CI, where the server must run)."""
    reason = f"{what} is not reachable ({type(exc).__name__}: {exc})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the tests that need it", pytrace=False)
    pytest.skip(reason)


@contextmanager
def scratch_database() -> Iterator[str]:
    """The URL of a new, empty database on the test server; dropped (with its connections) afterwards."""
    import psycopg

    name = f"okr_coach_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        unavailable(f"PostgreSQL at {ADMIN_URL}", exc)
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def redis_url() -> str:
    """The test Redis, checked with a PING."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        unavailable(f"Redis at {REDIS_URL}", exc)
    return REDIS_URL
