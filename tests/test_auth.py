"""API keys: open without keys configured, 401 without a key, 403 with a wrong one, health stays open."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from coach.api.app import create_app
from coach.cli.main import main
from coach.core.keys import KeyVerifier, key_digest
from coach.core.settings import Settings

DRAFT = {"text": "Objective: Be known in our niche\nKR: Increase brand awareness"}
GOOD, OTHER = "k-good-0123456789", "k-other-9876543210"


@pytest.fixture
def client(tmp_path) -> TestClient:
    return TestClient(create_app(Settings(api_keys=[key_digest(GOOD), key_digest(OTHER)], data_dir=tmp_path)))


def test_without_configured_keys_the_api_is_open(tmp_path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path)))
    assert client.post("/v1/check", json=DRAFT).status_code == 200


def test_missing_key_is_401_in_the_error_shape(client: TestClient) -> None:
    reply = client.post("/v1/check", json=DRAFT)
    assert reply.status_code == 401
    assert reply.headers["www-authenticate"].startswith("Bearer")
    body = reply.json()
    assert body["detail"] == [{"field": "header.X-API-Key", "type": "missing_api_key",
                               "message": "send your key as 'X-API-Key: <key>' or 'Authorization: Bearer <key>'"}]


@pytest.mark.parametrize("headers", [{"x-api-key": "k-good-0123456780"}, {"authorization": "Bearer nope"},
                                     {"x-api-key": GOOD.upper()}, {"x-api-key": key_digest(GOOD)}])
def test_wrong_key_is_403(client: TestClient, headers: dict[str, str]) -> None:
    reply = client.post("/v1/check", json=DRAFT, headers=headers)
    assert reply.status_code == 403
    assert reply.json()["detail"][0]["type"] == "invalid_api_key"


@pytest.mark.parametrize("headers", [{"x-api-key": GOOD}, {"authorization": f"Bearer {GOOD}"},
                                     {"authorization": f"bearer  {OTHER} "}])
def test_either_header_with_a_configured_key_passes(client: TestClient, headers: dict[str, str]) -> None:
    reply = client.post("/v1/check", json=DRAFT, headers=headers)
    assert reply.status_code == 200
    assert reply.json()["summary"]["key_results"] == 1


def test_a_non_bearer_authorization_header_is_not_a_key(client: TestClient) -> None:
    assert client.post("/v1/check", json=DRAFT, headers={"authorization": f"Basic {GOOD}"}).status_code == 401


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/openapi.json", "/docs"])
def test_health_and_docs_stay_open(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_metrics_and_rules_need_a_key(client: TestClient) -> None:
    for path in ("/metrics", "/v1/rules"):
        assert client.get(path).status_code == 401
        assert client.get(path, headers={"x-api-key": GOOD}).status_code == 200


def test_cors_preflight_passes_without_a_key(client: TestClient) -> None:
    preflight = {"origin": "https://example.org", "access-control-request-method": "POST"}
    assert client.options("/v1/check", headers=preflight).status_code != 401
    assert client.options("/v1/check").status_code == 401  # a plain OPTIONS is not a preflight


def test_verifier_names_the_matching_key_by_its_digest_prefix() -> None:
    verifier = KeyVerifier([key_digest(GOOD), key_digest(OTHER)])
    assert verifier.identify(OTHER) == key_digest(OTHER)[:12]
    assert verifier.identify("") is None


def test_settings_take_digests_comma_separated_or_as_json(monkeypatch: pytest.MonkeyPatch) -> None:
    digests = [key_digest(GOOD), key_digest(OTHER)]
    monkeypatch.setenv("OKR_COACH_API_KEYS", f" {digests[0].upper()} ,{digests[1]}")
    assert Settings().api_keys == digests
    monkeypatch.setenv("OKR_COACH_API_KEYS", f'["{digests[1]}"]')
    assert Settings().api_keys == digests[1:]


def test_settings_refuse_a_raw_key_instead_of_a_digest() -> None:
    with pytest.raises(ValidationError, match="entries \\[1\\] are not; run `okr-coach hash-key`"):
        Settings(api_keys=[key_digest(GOOD), GOOD])


def test_hash_key_cli_makes_a_key_whose_digest_the_server_accepts(capsys: pytest.CaptureFixture[str],
                                                                  tmp_path) -> None:
    assert main(["hash-key"]) == 0
    lines = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())
    assert key_digest(lines["key"]) == lines["digest"]
    assert lines["key"].startswith("okr_") and len(lines["key"]) == 47  # never starts with '-' (an option)
    client = TestClient(create_app(Settings(api_keys=[lines["digest"]], data_dir=tmp_path)))
    assert client.post("/v1/check", json=DRAFT, headers={"x-api-key": lines["key"]}).status_code == 200
    assert main(["hash-key", lines["key"]]) == 0
    assert capsys.readouterr().out.strip() == lines["digest"]


def test_readyz_shows_the_data_dir_and_model_url_only_with_a_key(tmp_path) -> None:
    settings = Settings(api_keys=[key_digest(GOOD)], data_dir=tmp_path / "secret-place", llm="openai",
                        llm_base_url="http://127.0.0.1:9/internal-model/v1")
    client = TestClient(create_app(settings))
    for headers in ({}, {"x-api-key": "k-wrong-0000000000"}):
        reply = client.get("/readyz", headers=headers)
        assert reply.status_code == 503 and reply.json()["checks"]["llm"]["ok"] is False
        assert "secret-place" not in reply.text and "internal-model" not in reply.text and "127.0.0.1" not in reply.text
    shown = client.get("/readyz", headers={"x-api-key": GOOD}).text
    assert "secret-place" in shown and "internal-model" in shown
