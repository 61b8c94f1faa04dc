"""The /v1/check contract: replies, spans, policies and every error path."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from coach.api.app import create_app
from coach.api.routes import check as routes_check
from coach.core.settings import Settings
from rubric.engine import check_text


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(Settings(max_body_bytes=20_000, max_objectives=4, max_key_results=6,
                                          max_text_chars=5_000, max_item_chars=300)))


def rules_of(reply: dict) -> set[tuple[str, int | None, int | None]]:
    return {(f["rule"], f["objective"], f["key_result"]) for f in reply["findings"]}


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_structured_input_with_strings_and_objects(client: TestClient) -> None:
    body = {"okrs": {"cycle": "2026-Q3", "objectives": [
        {"title": "Be known in our niche", "key_results": ["Increase brand awareness",
                                                          {"text": "Aided recall from 12% to 20%"}]}]}}
    reply = client.post("/v1/check", json=body).json()
    assert ("vague-change", 0, 0) in rules_of(reply)
    assert ("missing-deadline", 0, 0) not in rules_of(reply)  # the cycle covers it
    kr = reply["okrs"]["objectives"][0]["key_results"][1]
    assert kr["text"] == "Aided recall from 12% to 20%"
    assert (kr["baseline"]["value"], kr["target"]["value"], kr["unit"]) == (12, 20, "percent")
    assert all(f["start"] is None and f["offset"] is None for f in reply["findings"])
    assert reply["summary"]["key_results"] == 2


def test_text_input_spans_in_code_points_and_utf16(client: TestClient) -> None:
    text = "🚀 Équipe café 🎉\nObjective: Be known in our niche\nKR: Increase brand awareness\n"
    reply = client.post("/v1/check", json={"text": text}).json()
    vague = next(f for f in reply["findings"] if f["rule"] == "vague-change")
    assert text[vague["start"] : vague["end"]] == "Increase brand awareness"
    utf16 = text.encode("utf-16-le")
    assert utf16[2 * vague["offset"] : 2 * (vague["offset"] + vague["length"])].decode("utf-16-le") == (
        "Increase brand awareness"
    )
    assert vague["offset"] == vague["start"] + 2  # two emoji before it, each two UTF-16 units


def test_policy_disables_and_relevels(client: TestClient) -> None:
    body = {"text": "Objective: Be known\nKR: Increase brand awareness",
            "policy": {"disable": ["missing-deadline"], "severity": {"vague-change": "warning"}}}
    reply = client.post("/v1/check", json=body).json()
    assert "missing-deadline" not in {f["rule"] for f in reply["findings"]}
    assert {f["severity"] for f in reply["findings"] if f["rule"] == "vague-change"} == {"warning"}


def test_policy_thresholds(client: TestClient) -> None:
    okrs = {"objectives": [{"title": f"Goal {n}", "key_results": ["Churn from 5% to 4% by Q3"] * 2} for n in "ABCD"]}
    default = client.post("/v1/check", json={"okrs": okrs}).json()
    relaxed = client.post("/v1/check", json={"okrs": okrs, "policy": {"thresholds": {"max_objectives": 4}}}).json()
    assert "too-many-objectives" in {f["rule"] for f in default["findings"]}
    assert "too-many-objectives" not in {f["rule"] for f in relaxed["findings"]}


def test_rules_catalog(client: TestClient) -> None:
    rules = client.get("/v1/rules").json()
    assert len(rules) == 28  # 24 rules on a set, 4 across a team
    vague = next(r for r in rules if r["id"] == "vague-change")
    assert vague["severity"] == "error" and vague["bad_examples"] and vague["good_examples"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "body"),
        ({"text": "x", "okrs": {"objectives": []}}, "body"),
        ({"text": 42}, "text"),
        ({"okrs": {"objectives": [{"key_results": []}]}}, "okrs.objectives.0.title"),
        ({"okrs": {"objectives": [{"title": "t", "key_results": [{"txt": "x"}]}]}}, "okrs.objectives.0.key_results.0"),
        ({"text": "x", "policy": {"disable": ["no-such-rule"]}}, "policy"),
        ({"text": "x", "policy": {"severity": {"vague-change": "fatal"}}}, "policy.severity.vague-change"),
        ({"text": "x", "policy": {"thresholds": {"max_objectives": -1}}}, "policy.thresholds.max_objectives"),
        ({"text": "x", "unexpected": 1}, "unexpected"),
    ],
)
def test_invalid_input_is_a_clear_422(client: TestClient, body: dict, field: str) -> None:
    reply = client.post("/v1/check", json=body)
    assert reply.status_code == 422
    details = reply.json()["detail"]
    assert any(d["field"].startswith(field) for d in details), details
    assert all(d["message"] for d in details)


def test_malformed_json_is_422(client: TestClient) -> None:
    reply = client.post("/v1/check", content=b'{"text": ', headers={"content-type": "application/json"})
    assert reply.status_code == 422


def test_unknown_rule_message_says_where_to_look(client: TestClient) -> None:
    reply = client.post("/v1/check", json={"text": "x", "policy": {"disable": ["vauge-change"]}})
    assert "GET /v1/rules" in reply.json()["detail"][0]["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "a" * 5_001}, "text"),
        ({"okrs": {"objectives": [{"title": "t"}] * 5}}, "okrs.objectives"),
        ({"okrs": {"objectives": [{"title": "t", "key_results": ["k"] * 7}]}}, "okrs.objectives.0.key_results"),
        ({"okrs": {"objectives": [{"title": "t" * 301}]}}, "okrs.objectives.0.title"),
        ({"text": "\n".join(f"Objective: Goal {n}\nKR: Metric from 1 to 2" for n in range(5))}, "text"),
    ],
)
def test_over_limits_is_413(client: TestClient, body: dict, field: str) -> None:
    reply = client.post("/v1/check", json=body)
    assert reply.status_code == 413
    assert reply.json()["detail"][0]["field"] == field


def test_oversized_body_is_413_before_parsing(client: TestClient) -> None:
    reply = client.post("/v1/check", content=b"x" * 30_000, headers={"content-type": "application/json"})
    assert reply.status_code == 413
    assert reply.json()["detail"][0]["field"] == "body"


def test_openapi_documents_the_positions(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    description = schema["paths"]["/v1/check"]["post"]["description"]
    assert "UTF-16" in description and "code points" in description


def test_large_drafts_are_checked_off_the_event_loop(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    offloaded: list[int] = []

    async def recording_threadpool(function, *args):  # type: ignore[no-untyped-def]
        offloaded.append(routes_check.draft_chars(args[0]))
        return function(*args)

    monkeypatch.setattr(routes_check, "run_in_threadpool", recording_threadpool)
    small = "Objective: Make onboarding self-serve\nKR: Improve activation"
    large = "\n".join(f"Objective: Goal number {n} for the team\n" + "\n".join(
        f"KR: Raise weekly active accounts in region {n}.{k} from {k} to {k + 9} thousand by Q3, "
        "counted on the last Friday" for k in range(6))
        for n in range(4))
    assert len(small) <= routes_check.INLINE_CHECK_CHARS < len(large) <= 5_000
    replies = [client.post("/v1/check", json={"text": text}) for text in (small, large)]
    assert [r.status_code for r in replies] == [200, 200]
    assert offloaded == [len(large)]  # only the large draft left the event loop
    for text, reply in zip((small, large), replies, strict=True):
        assert rules_of(reply.json()) == {(f.rule, f.objective, f.key_result) for f in check_text(text).findings}
    assert ("vague-change", 0, 0) in rules_of(replies[0].json())
    assert len(replies[1].json()["okrs"]["objectives"]) == 4


def test_lines_that_are_no_item_come_back_in_ignored_with_utf16_offsets(client: TestClient) -> None:
    text = "# Team 🚀 Platform — H2 goals\nObjective: Ship the beta!\n\n- Grow weekly actives from 1k to 2k\n" \
           "- Initiative: redo onboarding"
    reply = client.post("/v1/check", json={"text": text}).json()
    by_reason = {line["reason"]: line for line in reply["ignored"]}
    assert set(by_reason) == {"cycle", "initiative"}
    initiative = by_reason["initiative"]
    assert text[initiative["start"]:initiative["end"]] == "- Initiative: redo onboarding"
    utf16 = text.encode("utf-16-le")
    start, length = initiative["offset"] * 2, initiative["length"] * 2
    assert utf16[start:start + length].decode("utf-16-le") == "- Initiative: redo onboarding"
    structured = client.post("/v1/check", json={"okrs": {"objectives": [{"title": "Grow", "key_results": ["x"]}]}})
    assert structured.json()["ignored"] == []


def test_a_text_item_longer_than_the_item_limit_is_a_413_naming_its_line(client: TestClient) -> None:
    limit = client.app.state.settings.max_item_chars  # type: ignore[attr-defined]
    head = "Objective: Grow the partner channel\n- Partner revenue from $1M to $2M by Q3\n- Increase "
    reply = client.post("/v1/check", json={"text": head + "1 " * limit})
    assert reply.status_code == 413
    detail = reply.json()["detail"][0]
    assert detail["field"] == "text"
    assert f"objective 1, key result 2 (line 3) has {len('Increase ') + 2 * limit - 1} characters" in detail["message"]
    assert f"the limit is {limit}" in detail["message"]
    assert client.post("/v1/check", json={"text": head + "1 " * (limit // 4)}).status_code == 200
