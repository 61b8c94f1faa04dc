"""/metrics in the Prometheus text format (left out of the OpenAPI schema: it is not JSON)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from coach.core.metrics import render

router = APIRouter()


@router.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    body, content_type = render()
    return Response(body, media_type=content_type)
