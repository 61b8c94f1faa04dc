"""The FastAPI application factory: every dependency comes from `Settings`, nothing global."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from coach import __version__
from coach.api.errors import install_error_handlers
from coach.api.hardening import install_hardening
from coach.api.middleware.body_limit import BodySizeLimit
from coach.api.middleware.cors import install_cors
from coach.api.openapi import document_request_models
from coach.api.routes.check import router as check_router
from coach.api.routes.coach import router as coach_router
from coach.api.routes.health import router as health_router
from coach.api.routes.languagetool import router as languagetool_router
from coach.api.routes.reviews import ReviewRequest, install_reviews
from coach.api.routes.rules import router as rules_router
from coach.core.gc_tuning import tune_gc
from coach.core.settings import Settings
from coach.llm import client_from_settings, close_client
from coach.llm.base import LLMClient


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The app's one lifespan: starts the in-process review runner (SQLite) and, on the way out, stops it and
    closes what the app opened (the model client's connections, the job store's pool)."""
    runner = app.state.review_runner
    task = asyncio.create_task(runner.run_forever(), name="review-runner") if runner is not None else None
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await close_client(app.state.llm_client)
        await asyncio.to_thread(app.state.review_store.close)


def create_app(settings: Settings | None = None, llm_client: LLMClient | None = None) -> FastAPI:
    """The app; `llm_client` overrides the model client built from settings (tests inject one)."""
    settings = settings or Settings()
    tune_gc(settings.gc_threshold)
    app = FastAPI(
        title="OKR Coach",
        version=__version__,
        description="A deterministic OKR linter with a verified coach. Positions: `start`/`end` are code "
        "points; `offset`/`length` are UTF-16 code units for JavaScript.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.llm_client = llm_client or client_from_settings(settings)
    install_error_handlers(app)
    app.include_router(health_router)
    app.include_router(check_router)
    app.include_router(rules_router)
    app.include_router(coach_router)
    app.include_router(languagetool_router)  # /v2/check, /v2/languages: LanguageTool clients
    install_reviews(app, settings)  # /v1/reviews, the job store and (SQLite) the in-process runner
    document_request_models(app, ReviewRequest)  # read by hand (JSON or multipart), so FastAPI does not see it
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    install_hardening(app, settings)  # API keys, rate limits, logs, metrics, /readyz
    install_cors(app, settings)  # last: the outermost layer
    return app
