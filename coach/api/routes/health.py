"""GET /healthz: the process is up (readiness, with its backends, is /readyz)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class Health(BaseModel):
    status: str


@router.get("/healthz", response_model=Health, tags=["health"])
def healthz() -> Health:
    return Health(status="ok")
