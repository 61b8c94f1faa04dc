"""Deterministic synthetic OKR sets for benchmarks: varied wording, realistic shapes."""

from __future__ import annotations

import random

_OBJECTIVES = [
    "Make onboarding self-serve for {team}", "Win the {segment} market", "Make deploys boring for {team}",
    "Turn the blog into a pipeline engine", "Earn a reputation for reliable {thing}", "Grow {thing} profitably",
    "Improve {thing} and reduce churn", "Keep the {thing} queue under control",
]
_KEY_RESULTS = [
    "Increase {metric} from {a} to {b} by Q{q}", "Reduce {metric} from {a}% to {c}% by EOQ",
    "{metric} from {a} to {b} per month", "Launch {n} new {thing} campaigns", "Improve {metric}",
    "Grow {metric} by {p}% in H{h}", "Reach {b} {thing} users by 30 September", "Maintain {metric} above {p}%",
    "{metric}", "Cut {metric} to under {n} minutes and raise CSAT to {p}%", "Deliver a seamless {thing} experience",
]
_WORDS = {
    "team": ["payments", "growth", "platform", "support", "sales"],
    "segment": ["mid-market", "education", "DACH", "enterprise"],
    "thing": ["checkout", "reporting", "partner", "newsletter", "mobile", "API"],
    "metric": ["activation rate", "weekly sign-ups", "NPS", "churn", "p95 latency", "trial conversion",
               "ticket backlog", "qualified pipeline", "CSAT", "retention"],
}


def synthetic_set(rng: random.Random, objectives: int = 3, key_results: int = 4) -> list[tuple[str, list[str]]]:
    """One OKR set as (title, [key results]) pairs; numbers vary so texts rarely repeat."""
    def fill(template: str) -> str:
        a = rng.randint(5, 900)
        return template.format(
            team=rng.choice(_WORDS["team"]), segment=rng.choice(_WORDS["segment"]),
            thing=rng.choice(_WORDS["thing"]), metric=rng.choice(_WORDS["metric"]), a=a,
            b=a + rng.randint(1, 900), c=max(1, a // 3), n=rng.randint(2, 40), p=rng.randint(5, 95),
            q=rng.randint(1, 4), h=rng.randint(1, 2),
        )

    return [(fill(rng.choice(_OBJECTIVES)), [fill(rng.choice(_KEY_RESULTS)) for _ in range(key_results)])
            for _ in range(objectives)]


def as_text(okr_set: list[tuple[str, list[str]]]) -> str:
    """The same set as a free-text draft."""
    return "\n\n".join(f"Objective: {title}\n" + "\n".join(f"- {kr}" for kr in krs) for title, krs in okr_set)
