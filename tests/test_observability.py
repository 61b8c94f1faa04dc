"""Request ids, JSON logs that keep drafts out, Prometheus figures and the readiness probe."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pytest
import respx
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY

from coach.api.app import create_app
from coach.core.keys import key_digest
from coach.core.logs import JsonFormatter, logging_config
from coach.core.settings import Settings

MARKER = "Zanzibar-quokka-7731"  # appears nowhere but in the drafts below
DRAFT = f"Objective: Delight {MARKER} customers\nKR: Increase {MARKER} awareness"


@pytest.fixture
def captured_logs() -> Iterator[Callable[[bool], io.StringIO]]:
    """Everything any logger writes while the test runs, through the JSON formatter."""
    root, handler = logging.getLogger(), logging.StreamHandler(io.StringIO())
    level = root.level

    def capture(log_drafts: bool = False) -> io.StringIO:
        handler.setFormatter(JsonFormatter(log_drafts=log_drafts))
        root.addHandler(handler)
        root.setLevel(logging.DEBUG)
        return handler.stream

    yield capture
    root.removeHandler(handler)
    root.setLevel(level)


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def access_lines(stream: io.StringIO) -> list[dict]:
    return [entry for entry in lines(stream) if entry["logger"] == "coach.access"]


def send_the_draft_every_way(client: TestClient) -> None:
    client.post("/v1/check", json={"text": DRAFT})
    client.post("/v1/check", json={"okrs": {"objectives": [{"title": MARKER, "key_results": [MARKER]}]}})
    client.post("/v1/check", json={"text": DRAFT, "okrs": {"objectives": []}})  # 422
    client.post("/v1/check", json={"text": DRAFT * 400})  # 413 over max_text_chars
    client.post("/v1/check", content=f'{{"text": "{MARKER}', headers={"content-type": "application/json"})  # bad JSON


def test_draft_text_never_reaches_the_logs_by_default(tmp_path: Path, captured_logs) -> None:
    stream = captured_logs()
    send_the_draft_every_way(TestClient(create_app(Settings(data_dir=tmp_path, max_text_chars=5_000))))
    logging.getLogger("coach.test").info("drafted", extra={"draft": DRAFT})
    try:
        raise ValueError(f"could not read {DRAFT!r}")
    except ValueError:
        logging.getLogger("coach.test").exception("failed")
    output = stream.getvalue()
    assert len(access_lines(stream)) == 5
    assert MARKER not in output
    assert "ValueError (message withheld" in output


def test_drafts_are_logged_only_when_enabled(tmp_path: Path, captured_logs) -> None:
    stream = captured_logs(log_drafts=True)
    client = TestClient(create_app(Settings(data_dir=tmp_path, log_drafts=True)))
    client.post("/v1/check", json={"text": DRAFT})
    [entry] = access_lines(stream)
    assert json.loads(entry["draft"]) == {"text": DRAFT}


def test_access_line_has_method_path_status_duration_and_request_id(tmp_path: Path, captured_logs) -> None:
    stream = captured_logs()
    client = TestClient(create_app(Settings(data_dir=tmp_path, api_keys=[key_digest("k")])))
    reply = client.post("/v1/check", json={"text": DRAFT}, headers={"x-request-id": "req-42", "x-api-key": "k"})
    [entry] = access_lines(stream)
    assert reply.headers["x-request-id"] == "req-42"
    assert {k: entry[k] for k in ("message", "method", "path", "route", "status", "request_id", "api_key_id")} == {
        "message": "request", "method": "POST", "path": "/v1/check", "route": "/v1/check", "status": 200,
        "request_id": "req-42", "api_key_id": key_digest("k")[:12]}
    assert 0 < entry["duration_ms"] < 5_000
    assert entry["level"] == "INFO"
    assert datetime.fromisoformat(entry["ts"]).timestamp() == pytest.approx(time.time(), abs=60)


def test_request_ids_are_generated_when_missing_or_unsafe(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path, api_keys=[key_digest("k")])))
    generated = client.get("/healthz").headers["x-request-id"]
    assert len(generated) == 32 and int(generated, 16) >= 0
    unsafe = client.get("/healthz", headers={"x-request-id": 'x", "level": "ERROR'}).headers["x-request-id"]
    assert unsafe != 'x", "level": "ERROR' and len(unsafe) == 32
    assert client.get("/v1/rules").headers["x-request-id"]  # rejected (401) replies carry one too


def test_logging_config_sends_ours_and_uvicorns_logs_through_the_json_formatter() -> None:
    names = ("coach", "uvicorn", "uvicorn.access")
    saved = {n: (logging.getLogger(n).handlers[:], logging.getLogger(n).level, logging.getLogger(n).propagate)
             for n in names}
    try:
        logging.config.dictConfig(logging_config(Settings(log_level="WARNING", log_drafts=True)))
        [handler] = logging.getLogger("uvicorn").handlers
        assert isinstance(handler.formatter, JsonFormatter) and handler.formatter.log_drafts
        assert logging.getLogger("coach").level == logging.WARNING
        assert logging.getLogger("uvicorn.access").handlers == []  # replaced by coach.access
    finally:
        for name, (handlers, level, propagate) in saved.items():
            logger = logging.getLogger(name)
            logger.handlers, logger.propagate = handlers, propagate
            logger.setLevel(level)


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_metrics_count_requests_latency_and_findings(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path)))
    before = (sample("okr_coach_http_requests_total", method="POST", route="/v1/check", status="200"),
              sample("okr_coach_http_request_duration_seconds_count", method="POST", route="/v1/check"),
              sample("okr_coach_findings_total", rule="vague-change", severity="error"))
    client.post("/v1/check", json={"text": DRAFT})
    after = (sample("okr_coach_http_requests_total", method="POST", route="/v1/check", status="200"),
             sample("okr_coach_http_request_duration_seconds_count", method="POST", route="/v1/check"),
             sample("okr_coach_findings_total", rule="vague-change", severity="error"))
    assert [b - a for a, b in zip(before, after, strict=True)] == [1, 1, 1]
    exposition = client.get("/metrics").text
    assert 'okr_coach_http_requests_total{method="POST",route="/v1/check",status="200"}' in exposition
    for family in ("okr_coach_llm_calls", "okr_coach_cache_hits", "okr_coach_degradations"):
        assert f"# TYPE {family}_total counter" in exposition


def test_unrouted_paths_share_one_label(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path)))
    before = sample("okr_coach_http_requests_total", method="GET", route="unrouted", status="404")
    client.get(f"/no/such/{MARKER}")
    assert sample("okr_coach_http_requests_total", method="GET", route="unrouted", status="404") == before + 1


def test_metrics_can_be_turned_off(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path, metrics=False)))
    before = sample("okr_coach_http_requests_total", method="POST", route="/v1/check", status="200")
    client.post("/v1/check", json={"text": DRAFT})
    assert client.get("/metrics").status_code == 404
    assert sample("okr_coach_http_requests_total", method="POST", route="/v1/check", status="200") == before


def test_readyz_checks_the_data_directory(tmp_path: Path) -> None:
    reply = TestClient(create_app(Settings(data_dir=tmp_path / "new" / "dir"))).get("/readyz")
    assert reply.status_code == 200 and (tmp_path / "new" / "dir").is_dir()
    (tmp_path / "a-file").write_text("")
    reply = TestClient(create_app(Settings(data_dir=tmp_path / "a-file" / "dir"))).get("/readyz")
    assert reply.status_code == 503
    assert reply.json()["status"] == "not ready"
    assert reply.json()["checks"]["data_dir"]["ok"] is False
    assert "is not writable" in reply.json()["checks"]["data_dir"]["detail"]


LLM = {"llm": "openai", "llm_base_url": "http://llm.test/v1", "llm_api_key": "sk-test"}


@respx.mock
def test_readyz_asks_the_configured_model_server_once_per_cache_period(tmp_path: Path) -> None:
    models = respx.get("http://llm.test/v1/models").mock(return_value=httpx.Response(200, json={"data": []}))
    client = TestClient(create_app(Settings(data_dir=tmp_path, readiness_cache_seconds=60, **LLM)))
    assert [client.get("/readyz").status_code for _ in range(3)] == [200, 200, 200]
    assert models.call_count == 1
    assert models.calls[0].request.headers["authorization"] == "Bearer sk-test"
    assert client.get("/readyz").json()["checks"]["llm"] == {"ok": True,
                                                             "detail": "http://llm.test/v1/models answered 200"}


@pytest.mark.parametrize(("answer", "detail"), [
    (httpx.Response(401), "answered 401"), (httpx.ConnectTimeout("slow"), "did not answer: ConnectTimeout"),
    (httpx.ConnectError("refused"), "did not answer: ConnectError")])
@respx.mock
def test_readyz_is_503_when_the_model_server_fails(tmp_path: Path, answer: object, detail: str) -> None:
    respx.get("http://llm.test/v1/models").mock(side_effect=[answer])
    reply = TestClient(create_app(Settings(data_dir=tmp_path, **LLM))).get("/readyz")
    assert reply.status_code == 503
    assert reply.json()["checks"]["llm"]["detail"].endswith(detail)
    assert reply.json()["checks"]["data_dir"]["ok"] is True


@respx.mock
def test_readyz_asks_again_after_the_cache_period(tmp_path: Path) -> None:
    models = respx.get("http://llm.test/v1/models").mock(side_effect=[httpx.Response(503), httpx.Response(200)])
    client = TestClient(create_app(Settings(data_dir=tmp_path, readiness_cache_seconds=0, **LLM)))
    assert [client.get("/readyz").status_code for _ in range(2)] == [503, 200]
    assert models.call_count == 2
