"""Wire the production layers into the app: telemetry, API keys, rate limits, /readyz and /metrics.

Request path, outermost first: Telemetry (request id, access log, metrics, sees every reply) →
ApiKeyAuth (401/403; 429 past the failed-attempt limit per IP) → RateLimit (429) → the app. Each
layer is pure ASGI and absent when its setting turns it off, so an unconfigured local server pays
for none of it.
"""

from __future__ import annotations

from fastapi import FastAPI

from coach.api.middleware.auth import ApiKeyAuth
from coach.api.middleware.failed_auth import FailedAuthLimit
from coach.api.middleware.rate_limit import RateLimit, build_limiter, parse_rate_limit
from coach.api.middleware.telemetry import Telemetry
from coach.api.routes.metrics import router as metrics_router
from coach.api.routes.readiness import ReadinessProbe
from coach.api.routes.readiness import router as readiness_router
from coach.core.keys import KeyVerifier
from coach.core.settings import Settings


def install_hardening(app: FastAPI, settings: Settings) -> None:
    """Call after the app's own middleware and before CORS (which must stay outermost)."""
    app.state.readiness = ReadinessProbe(settings, app.state.review_store)
    app.include_router(readiness_router)
    if settings.metrics:
        app.include_router(metrics_router)
    if settings.rate_limit:
        app.add_middleware(RateLimit, items=parse_rate_limit(settings.rate_limit),
                           limiter=build_limiter(settings.limiter_storage_uri))
    if settings.api_keys:
        failures = None
        if settings.auth_failure_limit:
            failures = FailedAuthLimit(parse_rate_limit(settings.auth_failure_limit, "OKR_COACH_AUTH_FAILURE_LIMIT"),
                                       build_limiter(settings.rate_limit_storage_uri))
        app.add_middleware(ApiKeyAuth, verifier=KeyVerifier(settings.api_keys), failures=failures)
    app.add_middleware(Telemetry, metrics=settings.metrics, log_drafts=settings.log_drafts)
