"""The switches to shared engines: what each setting selects, and what happens without them."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from coach.api.app import create_app
from coach.cli.main import main
from coach.core.settings import Settings


@pytest.mark.parametrize(("env", "storage"), [
    ({}, "memory://"),
    ({"redis_url": "redis://cache:6379/0"}, "redis://cache:6379/0"),
    ({"redis_url": "redis://cache:6379/0", "rate_limit_storage_uri": "redis://limits:6379/2"}, "redis://limits:6379/2"),
    ({"rate_limit_storage_uri": "memcached://mc:11211"}, "memcached://mc:11211"),
])
def test_rate_limit_counters_follow_redis_unless_a_storage_is_named(env: dict, storage: str) -> None:
    assert Settings(**env).limiter_storage_uri == storage


def test_a_database_url_that_is_not_postgres_is_refused_naming_the_setting() -> None:
    with pytest.raises(ValidationError, match="database_url must start with postgresql://"):
        Settings(database_url="mysql://db/jobs")


def test_the_worker_without_a_database_says_what_to_set(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("OKR_COACH_DATABASE_URL", raising=False)
    assert main(["worker"]) == 2
    assert "OKR_COACH_DATABASE_URL" in capsys.readouterr().err


def test_without_shared_engines_jobs_stay_in_sqlite_and_readyz_says_so(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as api:
        checks = api.get("/readyz").json()["checks"]
        assert api.app.state.review_runner is not None  # type: ignore[attr-defined]
    assert checks["job_store"] == {"ok": True, "detail": "SQLite answered"}
    assert set(checks) == {"job_store", "data_dir"}  # no Redis configured, none reported


def test_without_shared_engines_their_drivers_are_never_imported(tmp_path: Path) -> None:
    """The embedded default pays nothing for Postgres, the queue or Redis (a fresh interpreter, to see imports)."""
    import subprocess
    import sys

    script = ("import sys; from coach.api.app import create_app; from coach.core.settings import Settings; "
              "from coach.cli.main import build_parser; build_parser(); "
              f"create_app(Settings(data_dir={str(tmp_path)!r})); "
              "print(sorted(m for m in ('psycopg', 'psycopg_pool', 'procrastinate', 'redis') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          env={"PATH": "", "OKR_COACH_LLM": "offline"})
    assert done.stdout.strip() == "[]"
