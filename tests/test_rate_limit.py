"""Request limits: per-key rate limits (moving window, 429 with Retry-After) and the streamed body cap."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from coach.api.app import create_app
from coach.core.keys import key_digest
from coach.core.settings import Settings

DRAFT = {"text": "Objective: Be known in our niche\nKR: Increase brand awareness"}


def test_the_request_over_the_limit_gets_429_with_retry_after(tmp_path) -> None:
    client = TestClient(create_app(Settings(rate_limit="3/minute", data_dir=tmp_path)))
    assert [client.post("/v1/check", json=DRAFT).status_code for _ in range(3)] == [200, 200, 200]
    reply = client.post("/v1/check", json=DRAFT)
    assert reply.status_code == 429
    retry_after = reply.headers["retry-after"]
    assert 55 <= int(retry_after) <= 60
    assert reply.json() == {
        "error": "Too many requests; slow down and retry after the number of seconds in Retry-After.",
        "detail": [{"field": "rate_limit", "type": "rate_limited",
                    "message": f"the limit is 3 per 1 minute per client address; retry in {retry_after} s"}],
    }


def test_every_limit_of_a_compound_rate_applies(tmp_path) -> None:
    client = TestClient(create_app(Settings(rate_limit="100/second;2/hour", data_dir=tmp_path)))
    assert [client.get("/v1/rules").status_code for _ in range(3)] == [200, 200, 429]


def test_each_api_key_has_its_own_budget(tmp_path) -> None:
    client = TestClient(create_app(Settings(rate_limit="2/minute", api_keys=[key_digest("a"), key_digest("b")],
                                            data_dir=tmp_path)))
    assert [client.get("/v1/rules", headers={"x-api-key": "a"}).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/v1/rules", headers={"x-api-key": "b"}).status_code == 200
    assert "per API key" in client.get("/v1/rules", headers={"x-api-key": "a"}).json()["detail"][0]["message"]


def test_without_keys_each_client_address_has_its_own_budget(tmp_path) -> None:
    app = create_app(Settings(rate_limit="1/minute", data_dir=tmp_path))
    first, second = TestClient(app, client=("10.0.0.1", 4000)), TestClient(app, client=("10.0.0.2", 4000))
    assert first.get("/v1/rules").status_code == 200
    assert first.get("/v1/rules").status_code == 429
    assert second.get("/v1/rules").status_code == 200


def test_rejected_keys_do_not_spend_anyones_budget(tmp_path) -> None:
    client = TestClient(create_app(Settings(rate_limit="1/minute", api_keys=[key_digest("a")], data_dir=tmp_path)))
    assert [client.get("/v1/rules", headers={"x-api-key": "wrong"}).status_code for _ in range(3)] == [403] * 3
    assert client.get("/v1/rules", headers={"x-api-key": "a"}).status_code == 200


def test_health_metrics_and_docs_are_not_limited(tmp_path) -> None:
    client = TestClient(create_app(Settings(rate_limit="1/minute", data_dir=tmp_path)))
    for path in ("/healthz", "/readyz", "/metrics", "/openapi.json"):
        assert {client.get(path).status_code for _ in range(3)} == {200}


def test_a_malformed_rate_names_the_setting(tmp_path) -> None:
    with pytest.raises(ValueError, match="OKR_COACH_RATE_LIMIT='lots' is not a rate like '120/minute'"):
        create_app(Settings(rate_limit="lots", data_dir=tmp_path))


def test_without_a_rate_there_is_no_limit(tmp_path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path)))
    assert {client.get("/v1/rules").status_code for _ in range(50)} == {200}


def test_a_streamed_body_without_content_length_is_cut_off_at_the_limit(tmp_path) -> None:
    client = TestClient(create_app(Settings(max_body_bytes=10_000, data_dir=tmp_path)))
    reply = client.post("/v1/check", content=iter([b'{"text": "', b"x" * 6_000, b"y" * 6_000, b'"}']),
                        headers={"content-type": "application/json"})
    assert reply.status_code == 413
    assert reply.json()["detail"][0] == {"field": "body", "type": "too_large", "message": "the limit is 10000 bytes"}
