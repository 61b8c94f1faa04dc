"""POST /v2/check speaks LanguageTool's API: a real LanguageTool client gets the same underlines as /v1/check."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import language_tool_python
import pytest
from fastapi.testclient import TestClient
from servers import free_port, wait_until_healthy

from coach.api.app import create_app
from coach.core.settings import Settings

# Emoji (two UTF-16 units each) before the problems: offsets must count as LanguageTool does.
DRAFT = (
    "# Q3 2026 OKRs 🚀🚀\n\nObjective: Be known in our niche 🎯\n- Increase brand awareness\n"
    "- Launch a podcast by Q3\n- Aided recall from 12% to 20% by Q3\n\nObjective: Make deploys boring\n"
    "- Reduce failed deploys\n"
)


def _utf16_slice(text: str, offset: int, length: int) -> str:
    return text.encode("utf-16-le")[2 * offset:2 * (offset + length)].decode("utf-16-le")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `okr-coach serve`, as a LanguageTool client would reach it."""
    port = free_port()
    log = tmp_path_factory.mktemp("lt") / "server.log"
    script = shutil.which("okr-coach", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "coach"]
    env = {**os.environ, "OKR_COACH_DATA_DIR": str(log.parent), "OKR_COACH_LLM": "offline"}
    process = subprocess.Popen([*command, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=log.open("w"))
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, log.read_text, 30)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def test_a_languagetool_client_library_underlines_the_same_words_as_v1_check(server: str) -> None:
    findings = httpx.post(f"{server}/v1/check", json={"text": DRAFT}).json()["findings"]
    expected = sorted((f["rule"], DRAFT[f["start"]:f["end"]]) for f in findings)
    with language_tool_python.LanguageTool("en-US", remote_server=server) as tool:
        matches = tool.check(DRAFT)
    # The client turns LanguageTool's UTF-16 offsets back into Python indices itself; the
    # underlined words contain no emoji, so their UTF-16 length is their length.
    underlined = sorted((m.rule_id, DRAFT[m.offset:m.offset + m.error_length]) for m in matches)
    assert all(f["start"] is not None for f in findings)
    assert underlined == expected
    assert ("vague-change", "Increase brand awareness") in underlined
    assert {m.category for m in matches} <= {"OKR_SET", "OKR_OBJECTIVE", "OKR_KEY_RESULT"}


def test_the_client_can_disable_our_rules_and_send_its_own_ids(server: str) -> None:
    with language_tool_python.LanguageTool("en-US", remote_server=server) as tool:
        tool.disabled_rules = {"vague-change", "WHITESPACE_RULE"}
        assert "vague-change" not in {m.rule_id for m in tool.check(DRAFT)}
    reply = httpx.post(f"{server}/v2/check", data={"text": DRAFT, "language": "en-US",
                                                   "disabledRules": "vague-change,WHITESPACE_RULE"}).json()
    assert reply["warnings"]["ignoredRules"] == ["WHITESPACE_RULE"]  # said, not silently dropped


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(Settings(metrics=False)))


def test_reply_has_languagetool_shape_with_utf16_offsets(client: TestClient) -> None:
    reply = client.post("/v2/check", data={"text": DRAFT, "language": "auto"}).json()
    assert {"software", "warnings", "language", "matches"} <= set(reply)
    assert reply["language"]["detectedLanguage"]["code"]
    match = next(m for m in reply["matches"] if m["rule"]["id"] == "vague-change")
    assert set(match) >= {"message", "shortMessage", "offset", "length", "replacements", "context", "sentence",
                          "rule", "type"}
    assert set(match["rule"]) >= {"id", "description", "issueType", "category", "urls"}
    assert _utf16_slice(DRAFT, match["offset"], match["length"]) == "Increase brand awareness"
    assert match["offset"] != DRAFT.index("Increase brand awareness")  # the emoji count twice
    context = match["context"]
    assert _utf16_slice(context["text"], context["offset"], context["length"]) == "Increase brand awareness"
    assert match["sentence"] == "- Increase brand awareness"
    offsets = [m["offset"] for m in reply["matches"]]
    assert offsets == sorted(offsets)


def test_annotated_data_offsets_count_the_markup(client: TestClient) -> None:
    parts = [{"markup": "<p>"}, {"text": "Objective: Grow the community 🌱"}, {"markup": "</p><ul><li>",
             "interpretAs": "\n- "}, {"text": "Increase newsletter signups"}, {"markup": "</li></ul>"}]
    document = "".join(p.get("text") or p["markup"] for p in parts)
    reply = client.post("/v2/check", data={"data": json.dumps({"annotation": parts}), "language": "en"}).json()
    words = {(m["rule"]["id"], _utf16_slice(document, m["offset"], m["length"])) for m in reply["matches"]}
    assert ("vague-change", "Increase newsletter signups") in words
    assert ("too-few-key-results", "Grow the community 🌱") in words  # an emoji inside the span too


@pytest.mark.parametrize(("form", "field"), [
    ({"text": "Objective: Grow", "language": "de-DE"}, "language"),
    ({"language": "en"}, "text"),
    ({"text": "x", "data": "{}", "language": "en"}, "text"),
    ({"data": "{not json", "language": "en"}, "data"),
    ({"data": '{"annotation": [{"bold": "x"}]}', "language": "en"}, "data"),
    ({"text": "Objective: Grow", "language": "en", "enabledOnly": "true"}, "enabledOnly"),
    ({"text": "Objective: Grow", "language": "en", "level": "extreme"}, "level"),
])
def test_bad_requests_are_422_naming_the_parameter(client: TestClient, form: dict[str, str], field: str) -> None:
    response = client.post("/v2/check", data=form)
    assert response.status_code == 422
    assert field in {detail["field"] for detail in response.json()["detail"]}


def test_enabled_only_runs_just_the_enabled_rules_and_categories(client: TestClient) -> None:
    only = client.post("/v2/check", data={"text": DRAFT, "language": "en", "enabledOnly": "true",
                                          "enabledRules": "activity-key-result"}).json()
    assert {m["rule"]["id"] for m in only["matches"]} == {"activity-key-result"}
    objectives = client.post("/v2/check", data={"text": DRAFT, "language": "en", "enabledOnly": "true",
                                                "enabledCategories": "OKR_OBJECTIVE"}).json()
    assert objectives["matches"] and {m["rule"]["category"]["id"] for m in objectives["matches"]} == {"OKR_OBJECTIVE"}


def test_inline_directives_apply_to_languagetool_clients_too(client: TestClient) -> None:
    text = DRAFT.replace("awareness\n", "awareness <!-- okr-coach: ignore vague-change -->\n")
    reply = client.post("/v2/check", data={"text": text, "language": "en"}).json()
    assert ("vague-change", "Increase brand awareness") not in {
        (m["rule"]["id"], _utf16_slice(text, m["offset"], m["length"])) for m in reply["matches"]}


def test_languages_lists_english_variants(client: TestClient) -> None:
    languages = client.get("/v2/languages").json()
    assert {"en", "en-US", "en-GB"} <= {language["longCode"] for language in languages}
    assert all(language["code"] == "en" for language in languages)
