"""/readyz: can this replica do its job? The job store answers (and SQLite's data directory is writable),
each configured backend answers (Redis), and, when configured, the model answers.

With API keys on, /readyz stays open to probes but names the directory and the model URL only to
callers that send a valid key.

The model check is one cheap `GET {base_url}/models` with a short timeout; the verdict is reused
for `readiness_cache_seconds` so frequent probes never load the model server.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Literal

import anyio
import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from coach.batch.store import JobStore
from coach.core.settings import Settings

OPENAI_BASE_URL = "https://api.openai.com/v1"


class Check(BaseModel):
    ok: bool
    detail: str


class Readiness(BaseModel):
    status: Literal["ready", "not ready"]
    checks: dict[str, Check]

    def redacted(self) -> Readiness:
        """The verdict without paths and URLs, for callers without an API key when keys are on."""
        hidden = "details need an API key"
        return Readiness(status=self.status, checks={
            name: Check(ok=check.ok, detail=f"{'ok' if check.ok else 'failing'}; {hidden}")
            for name, check in self.checks.items()})


def check_data_dir(path: Path) -> Check:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".readyz-"):
            pass
    except OSError as exc:
        return Check(ok=False, detail=f"{path} is not writable: {exc.strerror or exc}")
    return Check(ok=True, detail=f"{path} is writable")


def check_store(store: JobStore) -> Check:
    try:
        return Check(ok=True, detail=store.ping())
    except Exception as exc:  # any driver error means the same to a probe: not ready
        return Check(ok=False, detail=f"the {store.backend} job store did not answer: {type(exc).__name__}")


def check_redis(url: str, timeout: float) -> Check:
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout).ping()
    except redis.RedisError as exc:
        return Check(ok=False, detail=f"Redis did not answer: {type(exc).__name__}")
    return Check(ok=True, detail="Redis answered")


async def check_llm(settings: Settings, client: httpx.AsyncClient) -> Check:
    url = (settings.llm_base_url or OPENAI_BASE_URL).rstrip("/") + "/models"
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    try:
        reply = await client.get(url, headers={"authorization": f"Bearer {key}"} if key else {},
                                 timeout=settings.readiness_timeout)
    except httpx.HTTPError as exc:
        return Check(ok=False, detail=f"{url} did not answer: {type(exc).__name__}")
    if reply.is_success:
        return Check(ok=True, detail=f"{url} answered {reply.status_code}")
    return Check(ok=False, detail=f"{url} answered {reply.status_code}")


class ReadinessProbe:
    """Runs the checks at most once per `readiness_cache_seconds`, however many probes arrive."""

    def __init__(self, settings: Settings, store: JobStore, client: httpx.AsyncClient | None = None) -> None:
        self.settings = settings
        self.store = store
        self.client = client
        self._lock = asyncio.Lock()
        self._verdict: Readiness | None = None
        self._checked_at = 0.0

    async def verdict(self) -> Readiness:
        async with self._lock:
            if self._verdict is None or time.monotonic() - self._checked_at >= self.settings.readiness_cache_seconds:
                self._verdict = await self._run()
                self._checked_at = time.monotonic()
            return self._verdict

    async def _run(self) -> Readiness:
        checks = {"job_store": await anyio.to_thread.run_sync(check_store, self.store)}
        if self.store.backend == "sqlite":
            checks["data_dir"] = await anyio.to_thread.run_sync(check_data_dir, self.settings.data_dir)
        if self.settings.redis_url:
            checks["redis"] = await anyio.to_thread.run_sync(check_redis, self.settings.redis_url,
                                                             self.settings.readiness_timeout)
        if self.settings.llm != "offline":
            if self.client is not None:
                checks["llm"] = await check_llm(self.settings, self.client)
            else:
                async with httpx.AsyncClient() as client:
                    checks["llm"] = await check_llm(self.settings, client)
        ready = all(c.ok for c in checks.values())
        return Readiness(status="ready" if ready else "not ready", checks=checks)


router = APIRouter()


@router.get("/readyz", response_model=Readiness, tags=["health"], summary="Readiness: backends reachable",
            responses={503: {"model": Readiness, "description": "Not ready: see which check failed."}})
async def readyz(request: Request) -> JSONResponse:
    verdict = await request.app.state.readiness.verdict()
    if request.app.state.settings.api_keys and not request.scope.get("state", {}).get("api_key_id"):
        verdict = verdict.redacted()  # the data directory and model URL tell an outsider about the deployment
    return JSONResponse(verdict.model_dump(), status_code=200 if verdict.status == "ready" else 503)
