"""Token usage of model calls: counted by the LLM transport, reported by the coach's replies."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Usage(BaseModel):
    """Tokens spent on one reply; cached answers cost nothing and are counted separately."""

    calls: int = Field(0, description="Requests sent to the model (retries and re-asks included).")
    cached: int = Field(0, description="Answers served from the response cache.")
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(**{name: getattr(self, name) + getattr(other, name) for name in Usage.model_fields})
