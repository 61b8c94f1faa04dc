"""POST /v1/reviews, status and report: the job lifecycle in one server, idempotency, sync answers, suggestions."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import respx
from coach_llm_fakes import COMPLETIONS, error, llm_client, llm_settings, proposal, reply
from fastapi.testclient import TestClient

from coach.api.app import create_app
from coach.batch.models import ReviewReport
from coach.batch.store import JobStore
from coach.core.settings import Settings

SETS = [
    {"owner": "Alice Chen", "team": "Growth", "cycle": "2026-Q3", "objectives": [
        {"title": "Win the mid-market", "parent": "CO-1",
         "key_results": ["Increase brand awareness", "Win rate from 18% to 25% by Q3"]}]},
    {"owner": "Bob Li", "text": "Objective: Win the mid-market!\nKR: 40 new mid-market logos by 30 September"},
    {"owner": "Carla Diaz", "objectives": [{"title": "", "key_results": ["Orphan key result"]}]},
]
COMPANY = [{"id": "CO-1", "title": "Grow revenue in the mid-market"}]


@pytest.fixture
def api(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        yield client


def wait_done(api: TestClient, review_id: str, timeout: float = 20) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = api.get(f"/v1/reviews/{review_id}").json()
        if status["status"] == "done":
            return status
        time.sleep(0.05)
    raise AssertionError(f"review {review_id} did not finish: {status}")


def test_json_review_is_queued_then_done_with_summary_and_row_errors(api: TestClient) -> None:
    reply_ = api.post("/v1/reviews", json={"sets": SETS, "company_objectives": COMPANY})
    assert reply_.status_code == 202
    queued = reply_.json()
    assert reply_.headers["location"] == f"/v1/reviews/{queued['id']}"
    assert (queued["total"], queued["status"] in {"queued", "running", "done"}) == (2, True)
    assert [e["location"] for e in queued["row_errors"]] == ["sets.2.objectives.0"]
    done = wait_done(api, queued["id"])
    assert (done["done"], done["progress"]) == (2, 1.0)
    summary = done["summary"]
    assert (summary["sets"], summary["owners"], summary["row_errors"]) == (2, 2, 1)
    counts = {r["rule"]: r["findings"] for r in summary["by_rule"]}
    assert counts["duplicate-across-owners"] == 2 and counts["unaligned-objective"] == 1
    report = ReviewReport.model_validate(api.get(f"/v1/reviews/{queued['id']}/report").json())
    assert report.id == queued["id"] and [s.owner for s in report.sets] == ["Alice Chen", "Bob Li"]
    bob = report.sets[1]
    assert [o.title for o in bob.objectives] == ["Win the mid-market!"]  # parsed from the text draft
    assert {"duplicate-across-owners", "unaligned-objective"} <= {f.rule for f in bob.findings}


def test_report_is_409_until_done_and_404_for_unknown_reviews(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path))
    client = TestClient(app)  # no lifespan: the runner is not started, so the job stays queued
    review_id = client.post("/v1/reviews", json={"sets": SETS[:1]}).json()["id"]
    assert client.get(f"/v1/reviews/{review_id}/report").status_code == 409
    assert client.get("/v1/reviews/nope").status_code == 404
    assert client.get("/v1/reviews/nope/report").status_code == 404


def test_report_formats_follow_the_query_or_the_accept_header(api: TestClient) -> None:
    review_id = api.post("/v1/reviews", json={"sets": SETS[:2]}).json()["id"]
    wait_done(api, review_id)
    as_csv = api.get(f"/v1/reviews/{review_id}/report?format=csv")
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert {r["owner"] for r in rows} == {"Alice Chen", "Bob Li"}
    as_html = api.get(f"/v1/reviews/{review_id}/report", headers={"accept": "text/html"})
    assert as_html.headers["content-type"].startswith("text/html") and "Organisation summary" in as_html.text
    assert api.get(f"/v1/reviews/{review_id}/report").headers["content-type"] == "application/json"


def test_multipart_upload_with_company_objectives(api: TestClient) -> None:
    upload = b"Owner,Objective,KR,Aligned to\nAlice,Win the mid-market,40 logos by Q3,CO-1\nBob,Calm on-call,x,\n"
    reply_ = api.post("/v1/reviews", files={"file": ("team.csv", upload, "text/csv")},
                      data={"company_objectives": "CO-1: Grow revenue"})
    assert reply_.status_code == 202
    wait_done(api, reply_.json()["id"])
    report = api.get(f"/v1/reviews/{reply_.json()['id']}/report").json()
    unaligned = [[f["objective"] for f in s["findings"] if f["rule"] == "unaligned-objective"] for s in report["sets"]]
    assert unaligned == [[], [0]]
    assert report["company_objectives"] == [{"title": "Grow revenue", "id": "CO-1"}]


def test_sync_answers_small_batches_with_the_report(api: TestClient) -> None:
    reply_ = api.post("/v1/reviews?sync=true", json={"sets": SETS})
    assert reply_.status_code == 200
    report = ReviewReport.model_validate(reply_.json())
    assert len(report.sets) == 2 and report.summary.sets == 2
    assert api.get(f"/v1/reviews/{report.id}").json()["status"] == "done"


def test_sync_over_the_limit_is_queued_instead(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path, review_sync_max_sets=1))) as api:
        assert api.post("/v1/reviews?sync=true", json={"sets": SETS}).status_code == 202


def test_idempotency_key_returns_the_same_job_and_rejects_a_different_upload(api: TestClient) -> None:
    headers = {"Idempotency-Key": "upload-7f3a"}
    first = api.post("/v1/reviews", json={"sets": SETS}, headers=headers).json()["id"]
    assert api.post("/v1/reviews", json={"sets": SETS}, headers=headers).json()["id"] == first
    assert api.post("/v1/reviews", json={"sets": SETS}).json()["id"] != first
    conflict = api.post("/v1/reviews", json={"sets": SETS[:1]}, headers=headers)
    assert conflict.status_code == 409 and "different upload" in conflict.text
    wait_done(api, first)
    store: JobStore = api.app.state.review_store  # type: ignore[attr-defined]
    assert len(store.reviewed_by(first)) == 2  # stored once, not once per retry


def test_idempotent_multipart_retry_matches_despite_a_new_boundary(api: TestClient) -> None:
    upload = {"file": ("team.csv", b"Owner,Objective,KR\nAlice,Grow,x\n", "text/csv")}
    headers = {"Idempotency-Key": "csv-1"}
    ids = {api.post("/v1/reviews", files=upload, headers=headers).json()["id"] for _ in range(2)}
    assert len(ids) == 1


@pytest.mark.parametrize(("body", "field"), [
    ({"sets": "nope"}, "sets"),
    ({"sets": [], "policy": {"disable": ["no-such-rule"]}}, "policy"),
    ({"sets": [], "surprise": 1}, "surprise"),
])
def test_bad_json_bodies_get_422_naming_the_field(api: TestClient, body: dict, field: str) -> None:
    reply_ = api.post("/v1/reviews", json=body)
    assert reply_.status_code == 422
    assert reply_.json()["detail"][0]["field"].startswith(field)


def test_unreadable_uploads_get_422_and_too_many_sets_413(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path, max_review_submissions=1))) as api:
        no_objective = api.post("/v1/reviews", files={"file": ("x.csv", b"Owner,Status\nA,ok\n")})
        assert no_objective.status_code == 422 and no_objective.json()["detail"][0]["field"] == "file"
        assert api.post("/v1/reviews", files={"other": ("x.csv", b"")}).status_code == 422
        assert api.post("/v1/reviews", content=b"{not json", headers={"content-type": "application/json"}
                        ).status_code == 422
        too_many = api.post("/v1/reviews", json={"sets": SETS})
        assert too_many.status_code == 413 and too_many.json()["detail"][0]["field"] == "sets"


def test_team_rules_can_be_disabled_by_the_request_policy(api: TestClient) -> None:
    body = {"sets": SETS[:2], "policy": {"disable": ["duplicate-across-owners"]}}
    report = api.post("/v1/reviews?sync=true", json=body).json()
    assert all(f["rule"] != "duplicate-across-owners" for s in report["sets"] for f in s["findings"])


def test_suggestions_one_call_per_set_and_a_failure_stays_on_its_set(tmp_path: Path) -> None:
    settings = llm_settings(data_dir=tmp_path, llm_max_attempts=1)
    sets = [
        {"owner": "Alice", "objectives": [{"title": "Win the mid-market", "key_results": ["Increase awareness"]}]},
        {"owner": "Bob", "objectives": [{"title": "POISON deploys", "key_results": ["Improve deploys"]}]},
        {"owner": "Carla", "objectives": [{"title": "Win the mid-market", "key_results": ["Increase awareness"]}]},
    ]
    prompts: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        prompt = json.dumps(json.loads(request.content)["messages"])
        prompts.append(prompt)
        return error(400, message="bad request") if "POISON" in prompt else reply(proposal())

    with respx.mock, TestClient(create_app(settings, llm_client=llm_client(llm_max_attempts=1))) as api:
        respx.post(COMPLETIONS).mock(side_effect=answer)
        review_id = api.post("/v1/reviews?suggest=true", json={"sets": sets}).json()["id"]
        assert wait_done(api, review_id)["suggest"] is True
        report = ReviewReport.model_validate(api.get(f"/v1/reviews/{review_id}/report").json())
    alice, bob, carla = report.sets
    assert bob.suggestion_error and alice.suggestion_error is None and carla.suggestion_error is None
    assert alice.suggestions is not None and bob.suggestions is not None  # Bob still gets offline suggestions
    assert len(prompts) == 2  # Alice and Carla submitted the same set: coached once
    assert all(("POISON" in p) != ("awareness" in p) for p in prompts)  # one set per call, never mixed


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_json_that_is_not_sent_as_json_is_415_and_creates_no_job(api: TestClient, content_type: str | None) -> None:
    """A cross-site form can POST text/plain without a preflight: it must not create jobs on a keyless server."""
    headers = {"content-type": content_type} if content_type else {}
    reply_ = api.post("/v1/reviews", content=json.dumps({"sets": SETS[:1]}).encode(), headers=headers)
    assert reply_.status_code == 415
    assert reply_.json()["detail"][0]["type"] == "unsupported_media_type"
    assert api.post("/v1/reviews", content=json.dumps({"sets": SETS[:1]}).encode(),
                    headers={"content-type": "application/json; charset=utf-8"}).status_code == 202
    assert api.post("/v1/reviews", files={"file": ("x.json", json.dumps(SETS[:1]).encode())}).status_code == 202


def test_a_broken_multipart_body_is_a_422_in_the_project_shape(api: TestClient) -> None:
    reply = api.post("/v1/reviews", content=b"--b\r\n1--b--\r\n",
                     headers={"content-type": "multipart/form-data; boundary=b"})
    assert reply.status_code == 422
    detail = reply.json()["detail"][0]
    assert detail["field"] == "body" and "multipart" in detail["message"]
