"""The single source of truth for configuration: environment variables prefixed OKR_COACH_."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from coach.core.keys import is_key_digest
from rubric.kpis import KpiCatalog, builtin_catalog, parse_catalog
from rubric.policy import Policy, load_policy
from rubric.registry import all_rules


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OKR_COACH_", env_file=None, extra="ignore")
    _policy: Policy = PrivateAttr(default_factory=Policy)
    _kpi_catalog: KpiCatalog = PrivateAttr(default_factory=builtin_catalog)

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
    llm_cache_ttl_seconds: float = Field(
        86_400.0, gt=0, description="How long a cached answer is reused (in memory, or in Redis when "
        "OKR_COACH_REDIS_URL is set and every replica shares the cache).",
    )
    kpi_catalog_file: Path | None = Field(None, description="Your own KPIs (JSON), added to the built-in ones.")

    # Production hardening: API keys, rate limits, logs, metrics, readiness, workers.
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="SHA-256 hex digests of accepted API keys, comma-separated or a JSON "
        "list (make one with `okr-coach hash-key`). Empty = no authentication (fine on localhost only).",
    )
    rate_limit: str | None = Field(
        None, description="Requests allowed per API key (per client IP without keys), moving window, e.g. "
        "'120/minute' or '10/second;300/hour'. Unset = no limit.",
    )
    rate_limit_storage_uri: str = Field(
        "memory://", description="Where the `limits` library keeps counters: per process by default; "
        "'redis://host:6379' to share them between workers and replicas. OKR_COACH_REDIS_URL sets this too.",
    )
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Addresses or networks of your reverse proxies (comma-separated or a JSON "
        "list, e.g. '10.0.0.5' or '10.0.0.0/8'): only their X-Forwarded-For/-Proto are believed. Empty = proxy "
        "headers are ignored and the client is the TCP peer, so a client cannot pick its own rate-limit bucket.",
    )
    auth_failure_limit: str | None = Field(
        "30/minute", description="Requests with a missing or wrong API key (401/403) allowed per client IP, moving "
        "window, like OKR_COACH_RATE_LIMIT; past it, every request from that IP needing a key gets 429 until the "
        "window moves. Applies only when API keys are on; unset = no limit.",
    )
    max_review_submissions: int = Field(500, ge=1, description="Most submissions in one review (413 above).")
    llm_max_tokens_per_request: int = Field(
        8_000, ge=1, description="Most model tokens (prompt + completion) one API request may spend.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO", description="JSON logs on stderr.")
    log_drafts: bool = Field(False, description="Also log request bodies (draft text). Off: drafts never reach logs.")
    metrics: bool = Field(True, description="Count requests, findings and LLM calls; serve them at /metrics.")
    data_dir: Path = Field(Path("data"), description="Writable directory for server state (review jobs); "
                           "/readyz checks it.")
    readiness_timeout: float = Field(2.0, gt=0, description="Seconds /readyz waits for the LLM server.")
    readiness_cache_seconds: float = Field(15.0, ge=0, description="How long /readyz reuses its last answer.")
    workers: int = Field(1, ge=1, description="uvicorn worker processes started by `okr-coach serve`.")
    gc_threshold: int = Field(
        50_000, ge=0, description="Allocations between young-generation garbage collections in the server and "
        "the CLI (Python's default is 700; 0 keeps it). The rubric allocates many short-lived objects and "
        "makes almost no reference cycles, so collecting less often saves about a third of its time.",
    )

    # Shared engines for several replicas (README "Running several replicas"). Unset = embedded defaults.
    database_url: str | None = Field(
        None, description="'postgresql://user@host:5432/db': review jobs live in Postgres and are reviewed by "
        "`okr-coach worker` processes through its task queue. Unset = SQLite in data_dir, reviewed in-process.",
    )
    database_pool_size: int = Field(8, ge=1, description="Most Postgres connections one process opens.")
    redis_url: str | None = Field(
        None, description="'redis://host:6379/0': rate-limit counters and the model answer cache are shared by "
        "every replica. Unset = per process.",
    )

    # Batch reviews (POST /v1/reviews, `okr-coach review`); jobs live in data_dir/reviews.sqlite3 or Postgres.
    review_sync_max_sets: int = Field(50, ge=0, description="Most sets a `?sync=true` review answers at once; "
                                      "larger reviews are queued (202) instead.")
    review_lease_seconds: float = Field(30.0, gt=0, description="How long a server owns the sets it is reviewing; "
                                        "after a crash another server (or the restarted one) takes them over then.")
    review_set_delay: float = Field(0.0, ge=0, description="Test-only: seconds to wait after each reviewed set, so "
                                    "tests can stop a server mid-job.")
    review_chunk_sets: int = Field(50, ge=1, description="Sets per queued chunk: the unit a worker takes, commits "
                                   "at once, and redoes if it dies mid-chunk.")
    review_max_attempts: int = Field(3, ge=1, description="Tries per chunk (a failure or a dead worker each count); "
                                     "after the last, its sets are reported as not reviewed and the job finishes.")
    worker_concurrency: int = Field(1, ge=1, description="Chunks one `okr-coach worker` reviews at once (the rubric "
                                    "is CPU-bound: start one worker per core instead; raise it for suggest=true).")
    worker_heartbeat_seconds: float = Field(10.0, gt=0, description="How often a worker tells Postgres it is alive.")
    worker_stalled_seconds: float = Field(30.0, gt=0, description="Silence after which a worker counts as dead and "
                                          "its chunks are retried by another.")

    # Browser clients (extension/): origins allowed by CORS. Unset = no CORS headers at all.
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed to call the API from a browser, comma-separated or a "
        "JSON list, e.g. 'chrome-extension://<extension id>'.",
    )
    cors_origin_regex: str | None = Field(
        None, description="Regex of allowed origins, for development, e.g. 'chrome-extension://.*'.",
    )

    @field_validator("api_keys", "cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_api_keys(cls, value: object) -> object:
        """Accept 'h1,h2' as well as a JSON list, as environment variables are plain strings."""
        if isinstance(value, str):
            stripped = value.strip()
            return json.loads(stripped) if stripped.startswith("[") else [k for k in stripped.split(",") if k.strip()]
        return value

    @field_validator("api_keys")
    @classmethod
    def _digests_only(cls, digests: list[str]) -> list[str]:
        digests = [d.strip().lower() for d in digests]
        if bad := [i for i, d in enumerate(digests) if not is_key_digest(d)]:
            raise ValueError(f"api_keys holds SHA-256 hex digests (64 hex characters), not keys: entries {bad} "
                             "are not; run `okr-coach hash-key` to make a key and its digest")
        return digests

    @field_validator("database_url")
    @classmethod
    def _postgres_only(cls, url: str | None) -> str | None:
        if url and not url.startswith(("postgresql://", "postgres://")):
            raise ValueError(f"database_url must start with postgresql:// (got {url.split(':', 1)[0]}://...); "
                             "unset it to keep review jobs in SQLite under OKR_COACH_DATA_DIR")
        return url or None

    @property
    def limiter_storage_uri(self) -> str:
        """OKR_COACH_RATE_LIMIT_STORAGE_URI when set to a shared storage, else Redis when configured, else memory."""
        if self.redis_url and self.rate_limit_storage_uri.startswith("memory://"):
            return self.redis_url
        return self.rate_limit_storage_uri

    @model_validator(mode="after")
    def _load_policy_and_catalog(self) -> Settings:
        """Read the policy file and the KPI catalog once, when the settings are made (start-up of
        `serve`, `check`, `review`): a broken file stops start-up with its name and the problem,
        instead of failing every request later."""
        self._policy = load_policy(self.policy_file, all_rules()) if self.policy_file else Policy()
        self._kpi_catalog = builtin_catalog()
        if self.kpi_catalog_file is not None:
            self._kpi_catalog = self._kpi_catalog.extended_with(_read_catalog(self.kpi_catalog_file))
        return self

    @property
    def policy(self) -> Policy:
        """The server-wide policy from `policy_file`, or the catalog defaults."""
        return self._policy

    @property
    def kpi_catalog(self) -> KpiCatalog:
        """The built-in KPI catalog, extended by `kpi_catalog_file` if set."""
        return self._kpi_catalog


def _read_catalog(path: Path) -> KpiCatalog:
    try:
        return parse_catalog(path.read_bytes())
    except OSError as exc:
        raise ValueError(f"KPI catalog file {path}: cannot be read: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"KPI catalog file {path}: not valid JSON: {exc.msg} at line {exc.lineno} column "
                         f"{exc.colno}") from exc
    except (ValidationError, AttributeError, UnicodeDecodeError) as exc:
        raise ValueError(f"KPI catalog file {path}: not a list of KPIs ({exc})") from exc
