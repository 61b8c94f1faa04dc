"""Dependencies every router shares."""

from __future__ import annotations

from fastapi import Request

from coach.core.settings import Settings


async def get_settings(request: Request) -> Settings:
    """The app's settings. Async on purpose: FastAPI runs a sync dependency in the thread pool,
    and that hop cost more than a typical check (~0.9 ms per request on /v1/check)."""
    return request.app.state.settings
