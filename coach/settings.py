"""The single source of truth for configuration: environment variables prefixed OKR_COACH_."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from rubric.policy import Policy, load_policy


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OKR_COACH_", env_file=None, extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    policy_file: Path | None = Field(None, description="JSON or TOML policy applied to every request.")
    max_body_bytes: int = Field(1_000_000, description="Largest request body accepted (413 above).")
    max_text_chars: int = Field(100_000, description="Longest draft text accepted (413 above).")
    max_objectives: int = Field(50, description="Most objectives in one set (413 above).")
    max_key_results: int = Field(50, description="Most key results under one objective (413 above).")
    max_item_chars: int = Field(2_000, description="Longest objective or key result (413 above).")

    @cached_property
    def policy(self) -> Policy:
        """The server-wide policy from `policy_file`, or the catalog defaults."""
        return load_policy(self.policy_file) if self.policy_file else Policy()
