"""Helpers for coach tests: OpenAI-shaped HTTP replies for respx, and settings that keep waits tiny."""

from __future__ import annotations

import json

import httpx

from coach.core.settings import Settings
from coach.llm import client_from_settings
from coach.llm.openai_client import OpenAIClient

BASE_URL = "http://llm.test/v1"
COMPLETIONS = f"{BASE_URL}/chat/completions"


def llm_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "llm": "openai", "llm_base_url": BASE_URL, "llm_api_key": "test-key", "llm_model": "test-model",
        "llm_timeout": 1.0, "llm_budget": 2.0, "llm_backoff_initial": 0.001, "llm_backoff_max": 0.01,
    }
    return Settings(**(values | overrides))


def llm_client(**overrides: object) -> OpenAIClient:
    client = client_from_settings(llm_settings(**overrides))
    assert isinstance(client, OpenAIClient)
    return client


def reply(content: object, *, refusal: str | None = None, finish: str = "stop", status: int = 200,
          headers: dict[str, str] | None = None) -> httpx.Response:
    """A chat completion whose message content is `content` (JSON-encoded unless already a string)."""
    text = content if isinstance(content, str) or content is None else json.dumps(content)
    body = {
        "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": "test-model",
        "choices": [{"index": 0, "finish_reason": finish,
                     "message": {"role": "assistant", "content": text, "refusal": refusal}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }
    return httpx.Response(status, json=body, headers=headers)


def error(status: int, headers: dict[str, str] | None = None, message: str = "server error") -> httpx.Response:
    return httpx.Response(status, json={"error": {"message": message, "type": "server_error"}}, headers=headers)


def proposal(changes: list[dict] | None = None, links: list[dict] | None = None,
             findings: list[dict] | None = None) -> dict:
    return {"changes": changes or [], "kpi_links": links or [], "findings": findings or []}


def change(objective: int, key_result: int | None, *texts: str, action: str = "rewrite",
           assumptions: list[str] | None = None) -> dict:
    return {"action": action, "objective": objective, "key_result": key_result, "texts": list(texts),
            "rationale": "because", "assumptions": assumptions or []}


def sent_messages(request: httpx.Request) -> list[dict]:
    return json.loads(request.content)["messages"]
