"""The narrow interface the coach needs from a language model: messages in, a validated model out.

Anything that can answer `complete(messages, schema)` with an instance of `schema` can coach:
the OpenAI client (OpenAI or any compatible server) or a test double. Failures are reported as
`LLMError` subclasses so the coach can degrade to its offline suggestions with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, Protocol, TypedDict, TypeVar

from pydantic import BaseModel

from coach.core.usage import Usage

M = TypeVar("M", bound=BaseModel)


class Message(TypedDict):
    role: Literal["system", "user", "assistant"]
    content: str


@dataclass(frozen=True, slots=True)
class Completion(Generic[M]):
    value: M
    usage: Usage


class LLMError(Exception):
    """The model gave no usable answer; `reason` says why, in words fit for a `warnings` entry."""

    def __init__(self, reason: str, usage: Usage | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.usage = usage or Usage()


class LLMUnavailable(LLMError):
    """Unreachable, rate-limited or failing until the time budget ran out."""


class LLMRefused(LLMError):
    """The model declined to answer."""


class LLMInvalidOutput(LLMError):
    """The reply was not valid JSON for the schema, even after one re-ask."""


class LLMClient(Protocol):
    """What the coach calls. `provider` and `model` are reported to users."""

    provider: str
    model: str

    async def complete(self, messages: list[Message], schema: type[M]) -> Completion[M]:
        """One structured answer, or an `LLMError`."""
        ...
