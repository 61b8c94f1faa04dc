"""The OpenAI client against the real openai SDK, with the HTTP layer mocked by respx."""

from __future__ import annotations

import time

import httpx
import pytest
import respx
from coach_llm_fakes import COMPLETIONS, error, llm_client, reply, sent_messages
from pydantic import BaseModel

from coach.llm.base import LLMInvalidOutput, LLMRefused, LLMUnavailable


class Verdict(BaseModel):
    verdict: str
    score: int


pytestmark = pytest.mark.anyio

MESSAGES = [{"role": "user", "content": "Rate this."}]


async def test_structured_answer_is_parsed_and_usage_reported() -> None:
    with respx.mock:
        route = respx.post(COMPLETIONS).mock(return_value=reply({"verdict": "good", "score": 3}))
        completion = await llm_client().complete(MESSAGES, Verdict)
    assert route.call_count == 1
    assert completion.value == Verdict(verdict="good", score=3)
    assert (completion.usage.calls, completion.usage.total_tokens) == (1, 120)
    body = route.calls.last.request.content.decode()
    assert '"json_schema"' in body and '"max_retries"' not in body


async def test_429_waits_as_long_as_retry_after_says_then_succeeds() -> None:
    with respx.mock:
        route = respx.post(COMPLETIONS).mock(side_effect=[
            error(429, {"retry-after": "0.3"}, "slow down"), reply({"verdict": "ok", "score": 1}),
        ])
        started = time.monotonic()
        completion = await llm_client().complete(MESSAGES, Verdict)
        waited = time.monotonic() - started
    assert route.call_count == 2
    assert waited >= 0.3  # the backoff alone would be ~0.001 s
    assert completion.usage.calls == 2


async def test_server_errors_until_the_budget_is_spent_raise_unavailable() -> None:
    with respx.mock:
        route = respx.post(COMPLETIONS).mock(return_value=error(503))
        started = time.monotonic()
        with pytest.raises(LLMUnavailable, match="HTTP 503") as raised:
            await llm_client(llm_budget=0.3, llm_max_attempts=1000, llm_backoff_initial=0.02,
                             llm_backoff_max=0.05).complete(MESSAGES, Verdict)
        elapsed = time.monotonic() - started
    assert route.call_count >= 2
    assert elapsed < 1.0
    assert raised.value.usage.calls == route.call_count


async def test_timeout_is_retried() -> None:
    with respx.mock:
        answers = [httpx.ReadTimeout("slow"), reply({"verdict": "ok", "score": 2})]
        route = respx.post(COMPLETIONS).mock(side_effect=answers)
        completion = await llm_client().complete(MESSAGES, Verdict)
    assert route.call_count == 2 and completion.value.score == 2


async def test_timeouts_every_time_give_up_with_a_reason() -> None:
    with respx.mock:
        respx.post(COMPLETIONS).mock(side_effect=httpx.ConnectTimeout("down"))
        with pytest.raises(LLMUnavailable, match=r"timed out\) after 2 attempt"):
            await llm_client(llm_max_attempts=2).complete(MESSAGES, Verdict)


async def test_malformed_json_is_reasked_once_then_reported() -> None:
    with respx.mock:
        route = respx.post(COMPLETIONS).mock(return_value=reply("{not json"))
        with pytest.raises(LLMInvalidOutput):
            await llm_client().complete(MESSAGES, Verdict)
    assert route.call_count == 2
    reask = sent_messages(route.calls.last.request)[-1]
    assert reask["role"] == "user" and "could not be used" in reask["content"]


async def test_schema_violation_then_a_good_reask() -> None:
    with respx.mock:
        route = respx.post(COMPLETIONS).mock(side_effect=[
            reply({"verdict": "good", "score": "very"}), reply({"verdict": "good", "score": 4}),
        ])
        completion = await llm_client().complete(MESSAGES, Verdict)
    assert completion.value.score == 4
    assert "score" in sent_messages(route.calls.last.request)[-1]["content"]
    assert completion.usage.calls == 2


async def test_refusal_is_not_retried() -> None:
    with respx.mock:
        route = respx.post(COMPLETIONS).mock(return_value=reply(None, refusal="I can't help with that."))
        with pytest.raises(LLMRefused, match="can't help"):
            await llm_client().complete(MESSAGES, Verdict)
    assert route.call_count == 1


async def test_server_without_json_schema_gets_json_mode_and_local_validation() -> None:
    with respx.mock:
        route = respx.post(COMPLETIONS).mock(side_effect=[
            error(400, message="response_format json_schema is not supported"),
            reply({"verdict": "fine", "score": 5}),
        ])
        completion = await llm_client().complete(MESSAGES, Verdict)
    fallback = route.calls.last.request.content.decode()
    assert '"json_object"' in fallback and "JSON Schema" in fallback
    assert completion.value.verdict == "fine"


async def test_identical_requests_are_answered_from_the_cache() -> None:
    client = llm_client()
    with respx.mock:
        route = respx.post(COMPLETIONS).mock(return_value=reply({"verdict": "ok", "score": 1}))
        await client.complete(MESSAGES, Verdict)
        again = await client.complete(MESSAGES, Verdict)
    assert route.call_count == 1
    assert (again.usage.cached, again.usage.calls, again.usage.total_tokens) == (1, 0, 0)


async def test_authentication_errors_are_not_retried() -> None:
    with respx.mock:
        route = respx.post(COMPLETIONS).mock(return_value=error(401, message="bad key"))
        with pytest.raises(LLMUnavailable, match="HTTP 401"):
            await llm_client().complete(MESSAGES, Verdict)
    assert route.call_count == 1


def test_the_network_guard_blocks_unmocked_calls() -> None:
    with pytest.raises(RuntimeError, match="tried to reach the network"):
        httpx.get("http://203.0.113.7/", timeout=1)
