"""The published OpenAPI document: every reference resolves, and it says what the server enforces."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from coach.api.app import create_app
from coach.core.settings import Settings


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> dict:
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("openapi")))
    return TestClient(app).get("/openapi.json").json()


def refs(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def test_every_reference_resolves(schema: dict) -> None:
    defined = {f"#/components/schemas/{name}" for name in schema["components"]["schemas"]}
    assert set(refs(schema)) - defined == set()
    assert schema["components"]["schemas"]["ReviewRequest"]["required"] == ["sets"]
    assert not [path for path in schema["paths"] if "schema_only" in path]


@pytest.mark.parametrize("model", ["CheckRequest", "CoachRequest"])
def test_exactly_one_of_text_or_okrs_is_in_the_schema(schema: dict, model: str) -> None:
    one_of = schema["components"]["schemas"][model]["oneOf"]
    assert [branch["required"] for branch in one_of] == [["text"], ["okrs"]]
    assert [branch["properties"] for branch in one_of] == [{"text": {"type": "string"}}, {"okrs": {"type": "object"}}]


def test_the_multipart_policy_field_is_a_json_policy(schema: dict) -> None:
    form = schema["paths"]["/v1/reviews"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert form["schema"]["properties"]["policy"] == {"$ref": "#/components/schemas/Policy"}
    assert form["encoding"] == {"policy": {"contentType": "application/json"}}
    assert "415" in schema["paths"]["/v1/reviews"]["post"]["responses"]


def test_a_multipart_policy_sent_as_json_is_applied(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as api:
        files = {"file": ("okrs.json", b'[{"owner": "Ann", "text": "Objective: Grow\\nKR: Increase brand awareness"}]',
                          "application/json"),
                 "policy": (None, b'{"disable": ["vague-change"]}', "application/json")}
        report = api.post("/v1/reviews?sync=true", files=files).json()
    assert report["sets"] and all(f["rule"] != "vague-change" for s in report["sets"] for f in s["findings"])
