"""The single source of truth for configuration: environment variables prefixed OKR_COACH_."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from rubric.kpis import KpiCatalog, builtin_catalog, parse_catalog
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

    # The coach (POST /v1/coach, `okr-coach coach`).
    llm: Literal["offline", "openai"] = Field(
        "offline", description="'offline' = the deterministic coach; 'openai' = an OpenAI-compatible server."
    )
    llm_model: str = Field("gpt-4o-mini", description="Model name sent to the server.")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint (Ollama, vLLM, LM Studio...).")
    llm_api_key: SecretStr | None = Field(None, description="API key; local servers usually need none.")
    llm_timeout: float = Field(20.0, gt=0, description="Seconds one request may take.")
    llm_budget: float = Field(45.0, gt=0, description="Seconds one coach call may spend on the model, retries in.")
    llm_max_attempts: int = Field(4, ge=1, description="Requests per answer before giving up (429, 5xx, timeouts).")
    llm_backoff_initial: float = Field(0.5, ge=0, description="First retry wait in seconds; doubles each time.")
    llm_backoff_max: float = Field(8.0, ge=0, description="Longest wait between retries unless Retry-After says more.")
    llm_concurrency: int = Field(8, ge=1, description="Requests in flight to the model at once.")
    llm_cache_size: int = Field(512, ge=0, description="Answers kept in the response cache (0 disables it).")
    kpi_catalog_file: Path | None = Field(None, description="Your own KPIs (JSON), added to the built-in ones.")

    @cached_property
    def policy(self) -> Policy:
        """The server-wide policy from `policy_file`, or the catalog defaults."""
        return load_policy(self.policy_file) if self.policy_file else Policy()

    @cached_property
    def kpi_catalog(self) -> KpiCatalog:
        """The built-in KPI catalog, extended by `kpi_catalog_file` if set."""
        if self.kpi_catalog_file is None:
            return builtin_catalog()
        return builtin_catalog().extended_with(parse_catalog(self.kpi_catalog_file.read_bytes()))
