"""One error shape for every failure: routing (404/405), conflicts (409), bad JSON, deep nesting, a crash (500)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from coach.api import errors
from coach.api.app import create_app
from coach.api.routes import check as check_route
from coach.core.settings import Settings

JSON = {"content-type": "application/json"}


@pytest.fixture
def api(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=tmp_path)), raise_server_exceptions=False) as client:
        yield client


def shaped(reply: httpx.Response, status: int) -> dict:
    """The reply is `ErrorResponse` JSON with `status`; returns its first detail."""
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"] == "application/json"
    body = errors.ErrorResponse.model_validate(reply.json())
    assert body.error and body.detail and all(d.message and d.type for d in body.detail)
    assert set(reply.json()) == {"error", "detail"}
    return reply.json()["detail"][0]


def test_unknown_path_and_wrong_method_answer_in_the_error_shape(api: TestClient) -> None:
    missing = shaped(api.get("/v1/nope"), 404)
    assert (missing["field"], missing["type"]) == ("path", "not_found") and "/v1/nope" in missing["message"]
    reply = api.delete("/v1/check")
    wrong = shaped(reply, 405)
    assert (wrong["field"], wrong["type"]) == ("method", "method_not_allowed")
    assert reply.headers["allow"] == "POST"
    assert shaped(api.get("/v1/reviews/no-such-id"), 404)["message"].startswith("No review 'no-such-id'")


def test_a_reused_idempotency_key_is_409_in_the_error_shape(api: TestClient) -> None:
    headers = {"idempotency-key": "k-1"}
    first = {"sets": [{"owner": "A", "text": "Objective: Grow\nKR: Sign-ups from 10 to 20 by Q3"}]}
    assert api.post("/v1/reviews", json=first, headers=headers).status_code == 202
    second = {"sets": [{"owner": "B", "text": "Objective: Shrink\nKR: Churn from 5% to 3% by Q3"}]}
    assert shaped(api.post("/v1/reviews", json=second, headers=headers), 409)["type"] == "conflict"


@pytest.mark.parametrize("path", ["/v1/check", "/v1/coach"])
def test_broken_json_names_the_body_with_a_code_line_and_column(api: TestClient, path: str) -> None:
    detail = shaped(api.post(path, content=b'{\n  "text": "Objective: Grow",,\n}', headers=JSON), 422)
    assert (detail["field"], detail["type"], detail["line"], detail["column"]) == ("body", "json_invalid", 2, 29)
    assert "line 2, column 29" in detail["message"]


def test_broken_json_to_reviews_has_the_same_code_line_and_column(api: TestClient) -> None:
    detail = shaped(api.post("/v1/reviews", content=b'{"sets": [\n\n  {"owner": }]}', headers=JSON), 422)
    assert (detail["field"], detail["type"], detail["line"]) == ("body", "json_invalid", 3)
    assert detail["column"] > 0


def test_valid_input_errors_carry_no_line_or_column(api: TestClient) -> None:
    detail = shaped(api.post("/v1/check", json={"text": 5}), 422)
    assert detail["field"] == "text" and "line" not in detail and "column" not in detail


@pytest.mark.parametrize("path", ["/v1/check", "/v1/coach", "/v1/reviews"])
def test_deeply_nested_json_is_422_in_the_error_shape(api: TestClient, path: str) -> None:
    detail = shaped(api.post(path, content=b"[" * 100_000 + b"]" * 100_000, headers=JSON), 422)
    assert (detail["field"], detail["type"]) == ("body", "json_invalid")


def test_an_unexpected_exception_is_a_json_500(api: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a bug with a secret path /srv/okr")

    monkeypatch.setattr(check_route, "lint_request", broken)
    reply = api.post("/v1/check", json={"text": "Objective: Grow"})
    detail = shaped(reply, 500)
    assert detail["type"] == "internal_error" and "/srv/okr" not in reply.text
