"""The coach's model on the official openai SDK: OpenAI or any OpenAI-compatible server.

Structured output comes from pydantic models (`json_schema`); a server that rejects
`json_schema` is asked for JSON mode instead (logged and counted) and the reply validated here;
`json_schema` is tried again after `json_schema_retry_seconds`, as the server may be upgraded or the
rejection may have been a fluke. The SDK's own retries are off (`max_retries=0`) so `RetryPolicy`
alone decides, within one time budget. A reply that is not a chat completion at all (an HTML error
page from a proxy, broken JSON, another endpoint's JSON) is invalid output like a schema
violation: counted, and worth the one re-ask.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time

import httpx
import openai
from pydantic import ValidationError

from coach.core.metrics import CACHE_HITS, DEGRADATIONS, LLM_CALLS, LLM_TOKENS
from coach.core.usage import Usage
from coach.llm.base import (
    Completion,
    LLMInvalidOutput,
    LLMRefused,
    LLMUnavailable,
    M,
    Message,
)
from coach.llm.cache import AnswerCache, ResponseCache, cache_key, schema_json
from coach.llm.retry import RetryPolicy

log = logging.getLogger(__name__)
REASK = (
    "Your previous reply could not be used: {problem}. Reply again with only a JSON object that "
    "matches the schema exactly."
)
JSON_MODE_INSTRUCTIONS = "Reply with only a JSON object that validates against this JSON Schema:\n{schema}"


class _BadOutput(Exception):
    """The reply was not valid JSON for the schema (worth one re-ask)."""

    def __init__(self, problem: str, content: str | None, usage: Usage) -> None:
        super().__init__(problem)
        self.problem, self.content, self.usage = problem, content, usage


class OpenAIClient:
    """`LLMClient` for OpenAI-compatible chat completions, with retries, a cache and a concurrency cap."""

    provider = "openai"

    def __init__(
        self, *, model: str, api_key: str | None, base_url: str | None, timeout: float, retry: RetryPolicy,
        concurrency: int, cache_size: int, http_client: httpx.AsyncClient | None = None,
        cache: AnswerCache | None = None,
    ) -> None:
        self.model = model
        self._sdk = openai.AsyncOpenAI(
            api_key=api_key or "not-needed", base_url=base_url, timeout=timeout, max_retries=0,
            http_client=http_client,
        )
        self._timeout = timeout
        self._retry = retry
        self._limit = asyncio.Semaphore(concurrency)
        self._cache = cache if cache is not None else ResponseCache(cache_size)
        self.json_schema_retry_seconds = 600.0  # after a rejection of `json_schema`, JSON mode for this long
        self._json_schema_rejected_at: float | None = None  # monotonic time of the last rejection

    async def complete(self, messages: list[Message], schema: type[M]) -> Completion[M]:
        """One validated answer: cached, retried on transient failures, re-asked once on bad JSON."""
        key = cache_key(self.model, messages, schema)
        if (hit := self._cache.get(key)) is not None:
            CACHE_HITS.labels("llm").inc()
            return Completion(schema.model_validate_json(hit), Usage(cached=1))
        usage = Usage()
        conversation = list(messages)
        for attempt in range(2):
            try:
                value, spent = await self._answer(conversation, schema)
            except _BadOutput as bad:
                LLM_CALLS.labels("openai", "invalid_output").inc()
                usage += bad.usage
                if attempt:
                    raise LLMInvalidOutput(f"the reply did not match the schema twice ({bad.problem})", usage) from bad
                if bad.content:
                    conversation.append({"role": "assistant", "content": bad.content})
                conversation.append({"role": "user", "content": REASK.format(problem=bad.problem)})
                continue
            except (LLMRefused, LLMUnavailable) as exc:
                LLM_CALLS.labels("openai", "refused" if isinstance(exc, LLMRefused) else "error").inc()
                exc.usage = usage + exc.usage
                raise
            LLM_CALLS.labels("openai", "ok").inc()
            LLM_TOKENS.labels("openai", "prompt").inc(spent.prompt_tokens)
            LLM_TOKENS.labels("openai", "completion").inc(spent.completion_tokens)
            usage += spent
            self._cache.put(key, value.model_dump_json())
            return Completion(value, usage)
        raise AssertionError("unreachable")

    async def aclose(self) -> None:
        await self._sdk.close()

    async def _answer(self, messages: list[Message], schema: type[M]) -> tuple[M, Usage]:
        """One reply, retrying transient failures until the attempts or the time budget run out."""
        started = time.monotonic()
        calls = 0
        try:
            async for attempt in self._retry.attempts():
                with attempt:
                    calls += 1
                    remaining = max(0.05, self._retry.budget - (time.monotonic() - started))
                    value, usage = await self._request(messages, schema, min(self._timeout, remaining))
            return value, usage + Usage(calls=calls)
        except _BadOutput as bad:
            bad.usage += Usage(calls=calls)
            raise
        except LLMRefused as exc:
            exc.usage += Usage(calls=calls)
            raise
        except openai.APIError as exc:
            elapsed = time.monotonic() - started
            raise LLMUnavailable(
                f"the model server did not answer usefully ({_describe(exc)}) after {calls} attempt(s) "
                f"in {elapsed:.1f}s", Usage(calls=calls),
            ) from exc

    async def _request(self, messages: list[Message], schema: type[M], timeout: float) -> tuple[M, Usage]:
        async with self._limit:
            try:
                rejected_at = self._json_schema_rejected_at
                if rejected_at is None or time.monotonic() - rejected_at >= self.json_schema_retry_seconds:
                    try:
                        return await self._structured(messages, schema, timeout)
                    except openai.BadRequestError as exc:
                        if not _rejects_json_schema(exc):
                            raise
                        self._fall_back_to_json_mode()
                return await self._json_mode(messages, schema, timeout)
            except _NOT_A_COMPLETION as exc:
                raise _BadOutput(f"the server's reply was not a chat completion: {type(exc).__name__}", None,
                                 Usage()) from exc

    def _fall_back_to_json_mode(self) -> None:
        self._json_schema_rejected_at = time.monotonic()
        DEGRADATIONS.labels("llm", "json_mode_fallback").inc()
        log.warning("the model server rejected response_format json_schema; using JSON mode for %.0f s, then "
                    "trying json_schema again", self.json_schema_retry_seconds)

    async def _structured(self, messages: list[Message], schema: type[M], timeout: float) -> tuple[M, Usage]:
        try:
            completion = await self._sdk.chat.completions.parse(
                model=self.model, messages=list(messages), response_format=schema, timeout=timeout,  # type: ignore[arg-type]
            )
        except openai.LengthFinishReasonError as exc:
            raise _BadOutput("the reply was cut off at the token limit", None, _usage(exc.completion.usage)) from exc
        except openai.ContentFilterFinishReasonError as exc:
            raise LLMRefused("the model's content filter stopped the reply") from exc
        except ValidationError as exc:
            raise _BadOutput(_first_error(exc), None, Usage()) from exc
        usage = _usage(completion.usage)
        _check_envelope(completion)
        message = completion.choices[0].message
        if message.refusal:
            raise LLMRefused(f"the model refused: {message.refusal[:200]}", usage)
        if message.parsed is None:
            raise _BadOutput("the reply was empty", message.content, usage)
        return message.parsed, usage

    async def _json_mode(self, messages: list[Message], schema: type[M], timeout: float) -> tuple[M, Usage]:
        instructions = JSON_MODE_INSTRUCTIONS.format(schema=schema_json(schema))
        completion = await self._sdk.chat.completions.create(
            model=self.model, messages=[{"role": "system", "content": instructions}, *messages],  # type: ignore[list-item,call-overload]
            response_format={"type": "json_object"}, timeout=timeout,
        )
        usage = _usage(completion.usage)
        _check_envelope(completion)
        choice = completion.choices[0]
        if choice.message.refusal or choice.finish_reason == "content_filter":
            raise LLMRefused(f"the model refused: {(choice.message.refusal or 'content filter')[:200]}", usage)
        content = choice.message.content or ""
        try:
            return schema.model_validate_json(content), usage
        except ValidationError as exc:
            raise _BadOutput(_first_error(exc), content, usage) from exc


# What the SDK (or `_check_envelope`) raises reading a body that is not a chat completion: broken
# JSON, a string (HTML), a model built without validation from another JSON shape (no `choices`).
_NOT_A_COMPLETION = (json.JSONDecodeError, AttributeError, TypeError, IndexError, KeyError)


def _check_envelope(completion: object) -> None:
    """TypeError unless there is a first choice with a message: the SDK builds replies without validating them."""
    choices = getattr(completion, "choices", None)
    if not isinstance(choices, list) or not choices or getattr(choices[0], "message", None) is None:
        raise TypeError("no choices with a message")


def _usage(usage: object | None) -> Usage:
    """Token counts as the server reported them (requests are counted by the caller)."""
    return Usage(
        prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
        total_tokens=getattr(usage, "total_tokens", 0) or 0,
    )


def _rejects_json_schema(exc: openai.BadRequestError) -> bool:
    text = str(exc).lower()
    return "response_format" in text or "json_schema" in text


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"]) or "reply"
    return f"{where}: {error['msg']}"


def _describe(exc: openai.APIError) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return "timed out"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    if isinstance(exc, openai.APIConnectionError):
        return "connection failed"
    return type(exc).__name__
