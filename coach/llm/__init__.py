"""The coach's language-model layer: a narrow client interface, the OpenAI client, the offline coach."""

from __future__ import annotations

from coach.core.settings import Settings
from coach.llm.base import LLMClient


def client_from_settings(settings: Settings) -> LLMClient | None:
    """The configured model client, or None for the offline coach (`OKR_COACH_LLM=offline`)."""
    if settings.llm == "offline":
        return None
    if settings.llm_api_key is None and settings.llm_base_url is None:
        raise ValueError(
            "OKR_COACH_LLM=openai needs OKR_COACH_LLM_API_KEY, or OKR_COACH_LLM_BASE_URL for a local "
            "OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio)"
        )
    # Imported here: the openai SDK takes about a second to import, and the offline coach, the
    # rubric and rubric-only batch reviews never need it.
    from coach.llm.cache import answer_cache
    from coach.llm.openai_client import OpenAIClient
    from coach.llm.retry import RetryPolicy

    return OpenAIClient(
        model=settings.llm_model,
        api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else None,
        base_url=settings.llm_base_url,
        timeout=settings.llm_timeout,
        retry=RetryPolicy(settings.llm_max_attempts, settings.llm_budget, settings.llm_backoff_initial,
                          settings.llm_backoff_max),
        concurrency=settings.llm_concurrency,
        cache_size=settings.llm_cache_size,
        cache=answer_cache(settings.llm_cache_size, settings.llm_cache_ttl_seconds, settings.redis_url),
    )


async def close_client(client: LLMClient | None) -> None:
    """Close the client's connections if it holds any (the OpenAI client does; fakes and offline do not)."""
    aclose = getattr(client, "aclose", None)
    if aclose is not None:
        await aclose()
