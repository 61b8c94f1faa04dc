"""Lone UTF-16 surrogates (valid JSON escapes, not text) are a 422 naming the field, never a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from coach.api.app import create_app
from coach.check.unicode_input import lone_surrogate_path
from coach.core.settings import Settings

LONE = "\ud800"
DRAFT = f"Objective: {LONE} grow\n- Increase sign-ups by 5%"


@pytest.fixture
def api(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=tmp_path)), raise_server_exceptions=False) as client:
        yield client


def post_json(api: TestClient, path: str, body: object) -> dict:
    """Send `body` with surrogates as \\u escapes (json.dumps's default), as a client would."""
    reply = api.post(path, content=json.dumps(body).encode(), headers={"content-type": "application/json"})
    assert reply.status_code == 422, reply.text
    [detail] = reply.json()["detail"]
    assert detail["type"] == "string_unpaired_surrogate" and "surrogate" in detail["message"]
    return detail


@pytest.mark.parametrize("path", ["/v1/check", "/v1/coach"])
@pytest.mark.parametrize(("body", "field"), [
    ({"text": DRAFT}, "text"),
    ({"text": "Objective: Grow", "cycle": f"2026-Q3{LONE}"}, "cycle"),
    ({"okrs": {"objectives": [{"title": "Grow", "key_results": ["Sign-ups from 1 to 2", f"x{LONE}"]}]}},
     "okrs.objectives.0.key_results.1"),
    ({"okrs": {"objectives": [{"title": "Grow", "key_results": [{"text": "k", "note": f"{LONE}"}]}]}},
     "okrs.objectives.0.key_results.0.note"),
    ({"text": "Objective: Grow", "policy": {"disable": [f"vague{LONE}"]}}, "policy.disable.0"),
    ({"text": "Objective: Grow", f"extra{LONE}": 1}, "extra\\ud800"),
])
def test_a_lone_surrogate_anywhere_is_422_naming_the_field(api: TestClient, path: str, body: dict, field: str) -> None:
    assert post_json(api, path, body)["field"] == field


def test_a_lone_surrogate_in_a_coach_kpi_is_422(api: TestClient) -> None:
    kpi = {"id": "x.y", "name": f"Sign{LONE}ups", "unit": "count", "better": "higher"}
    assert post_json(api, "/v1/coach", {"text": "Objective: Grow", "kpis": [kpi]})["field"] == "kpis.0.name"


def test_a_paired_surrogate_escape_is_text(api: TestClient) -> None:
    body = b'{"text": "Objective: Grow \\ud83d\\ude80\\nKR: Sign-ups from 1 to 2 by Q3"}'
    reply = api.post("/v1/check", content=body,
                     headers={"content-type": "application/json"})
    assert reply.status_code == 200 and "🚀" in reply.json()["okrs"]["objectives"][0]["title"]


def test_a_lone_surrogate_in_reviews_json_or_an_uploaded_file_is_422(api: TestClient) -> None:
    sets = [{"owner": "Ann", "text": DRAFT}]
    as_json = api.post("/v1/reviews", content=json.dumps({"sets": sets}).encode(),
                       headers={"content-type": "application/json"})
    assert as_json.status_code == 422  # pydantic's JSON parser refuses the escape itself: line and column given
    assert as_json.json()["detail"][0]["type"] == "json_invalid" and as_json.json()["detail"][0]["line"] == 1
    upload = api.post("/v1/reviews?sync=true", files={"file": ("okrs.json", json.dumps(sets).encode())})
    assert upload.status_code == 422
    [detail] = upload.json()["detail"]
    assert detail["field"] == "file" and detail["message"].startswith("0.text holds a lone UTF-16 surrogate")
    company = api.post("/v1/reviews", files={"file": ("okrs.json", json.dumps([{"owner": "Ann", "text": "x"}])),
                                             "company_objectives": (None, json.dumps([f"Grow{LONE}"]))})
    assert company.status_code == 422 and company.json()["detail"][0]["field"] == "company_objectives"
    policy = api.post("/v1/reviews", files={"file": ("okrs.json", json.dumps([{"owner": "Ann", "text": "x"}])),
                                            "policy": (None, json.dumps({"disable": [LONE]}))})
    assert policy.status_code == 422 and policy.json()["detail"][0]["field"] == "policy.disable.0"


def test_the_walk_survives_the_deepest_json_the_parser_reads() -> None:
    deep: object = "ok"
    for _ in range(50_000):
        deep = [deep]
    assert lone_surrogate_path(deep) is None
    assert lone_surrogate_path({"a": [{"b": "x"}, {"c": LONE}]}) == "a.1.c"
