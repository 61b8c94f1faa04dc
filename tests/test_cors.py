"""CORS for browser clients: only configured extension origins may read the API's replies."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from coach.api.app import create_app
from coach.core.settings import Settings

EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
DRAFT = {"text": "Objective: Be known in our niche\nKR: Increase brand awareness"}


def preflight(client: TestClient, origin: str) -> dict[str, str]:
    reply = client.options("/v1/check", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-api-key",
    })
    return dict(reply.headers)


def test_no_cors_headers_unless_configured() -> None:
    client = TestClient(create_app(Settings()))
    reply = client.post("/v1/check", json=DRAFT, headers={"Origin": EXTENSION})
    assert reply.status_code == 200
    assert "access-control-allow-origin" not in reply.headers


def test_listed_origin_is_allowed_and_others_are_not() -> None:
    client = TestClient(create_app(Settings(cors_origins=[EXTENSION])))
    headers = preflight(client, EXTENSION)
    assert headers["access-control-allow-origin"] == EXTENSION
    assert "x-api-key" in headers["access-control-allow-headers"].lower()
    assert "access-control-allow-origin" not in preflight(client, "https://evil.example")
    reply = client.post("/v1/check", json=DRAFT, headers={"Origin": EXTENSION})
    assert reply.headers["access-control-allow-origin"] == EXTENSION


def test_regex_for_development() -> None:
    client = TestClient(create_app(Settings(cors_origin_regex=r"chrome-extension://[a-p]{32}")))
    assert preflight(client, EXTENSION)["access-control-allow-origin"] == EXTENSION
    assert "access-control-allow-origin" not in preflight(client, "https://example.com")


def test_error_replies_carry_cors_headers_so_the_extension_can_read_them() -> None:
    client = TestClient(create_app(Settings(cors_origins=[EXTENSION], max_body_bytes=200)))
    reply = client.post("/v1/check", json={"text": "x" * 500}, headers={"Origin": EXTENSION})
    assert reply.status_code == 413
    assert reply.headers["access-control-allow-origin"] == EXTENSION


@pytest.mark.parametrize("raw", [f"{EXTENSION},chrome-extension://other", f'["{EXTENSION}", "chrome-extension://other"]'])
def test_origins_from_the_environment(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("OKR_COACH_CORS_ORIGINS", raw)
    assert Settings().cors_origins == [EXTENSION, "chrome-extension://other"]
