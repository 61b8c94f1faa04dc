"""Coach suggestions for a review (suggest=true): one set per model call, so one submission's text
cannot steer another's; calls are bounded, identical sets are coached once, and a failure stays
on its own set."""

from __future__ import annotations

import asyncio

from coach.batch.models import SetReview
from coach.check.requests import ObjectiveInput, OKRSetInput
from coach.coaching.schemas import CoachResult
from coach.coaching.session import coach_set
from coach.core.settings import Settings
from coach.llm.base import LLMClient
from rubric.policy import Policy


class Suggester:
    def __init__(self, client: LLMClient | None, settings: Settings, policy: Policy) -> None:
        self._client, self._settings, self._policy = client, settings, policy
        self._slots = asyncio.Semaphore(settings.llm_concurrency)
        self._coached: dict[str, asyncio.Task[CoachResult]] = {}

    async def add_suggestions(self, review: SetReview) -> None:
        """Fill `review.suggestions`, or `review.suggestion_error` with the reason they are missing or degraded."""
        okrs = OKRSetInput(cycle=review.cycle, objectives=[
            ObjectiveInput(title=o.title, key_results=list(o.key_results)) for o in review.objectives])
        key = okrs.model_dump_json()
        if key not in self._coached:
            self._coached[key] = asyncio.ensure_future(self._coach(okrs))
        try:
            result = await asyncio.shield(self._coached[key])
        except Exception as exc:  # one set's failure must not fail the review
            review.suggestion_error = f"No suggestions for this set: {type(exc).__name__}: {exc}"
            return
        review.suggestions = result.suggestions
        review.suggestion_error = " ".join(result.warnings) or None

    async def _coach(self, okrs: OKRSetInput) -> CoachResult:
        async with self._slots:
            return await coach_set(okrs, client=self._client, settings=self._settings, policy=self._policy)
