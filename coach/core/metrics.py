"""Prometheus metrics every part of the service counts into; /metrics renders them.

Import the counters and call `.labels(...).inc()`; keep label values to small fixed sets
(rule ids, providers, outcomes), never user input. With several uvicorn workers, set
`PROMETHEUS_MULTIPROC_DIR` (`okr-coach serve --workers N` does it for you) so /metrics adds up
all workers instead of showing whichever one answered.
"""

from __future__ import annotations

import atexit
import collections
import os
import shutil
import tempfile
from collections.abc import Iterable
from functools import lru_cache

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

from rubric.models import Finding

REQUESTS = Counter("okr_coach_http_requests", "HTTP requests answered, by method, route and status.",
                   ["method", "route", "status"])
LATENCY = Histogram("okr_coach_http_request_duration_seconds", "Time to answer an HTTP request, by method and route.",
                    ["method", "route"],
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
FINDINGS = Counter("okr_coach_findings", "Findings returned by the rubric, by rule and severity.", ["rule", "severity"])
LLM_CALLS = Counter("okr_coach_llm_calls", "Requests sent to the model server, by provider and outcome "
                    "(ok, error, timeout, refused, invalid_output).", ["provider", "outcome"])
LLM_TOKENS = Counter("okr_coach_llm_tokens", "Model tokens spent, by provider and kind (prompt, completion).",
                     ["provider", "kind"])
CACHE_HITS = Counter("okr_coach_cache_hits", "Answers served from a cache instead of recomputed, by cache.", ["cache"])
DEGRADATIONS = Counter("okr_coach_degradations", "Replies that fell back to a lesser answer (e.g. the offline "
                       "coach when the model failed), by feature and reason.", ["feature", "reason"])


# The labelled children of the per-request metrics, looked up once per label set: `labels()`
# takes a lock and builds keys on every call, and these run several times per request.
request_counter = lru_cache(maxsize=1024)(REQUESTS.labels)
request_timer = lru_cache(maxsize=1024)(LATENCY.labels)
_finding_counter = lru_cache(maxsize=1024)(FINDINGS.labels)


def count_findings(findings: Iterable[Finding]) -> None:
    """Count per (rule, severity) first: a reply has ~20 findings, and each increment takes a lock."""
    for (rule, severity), count in collections.Counter((f.rule, f.severity) for f in findings).items():
        _finding_counter(rule, severity).inc(count)


def render() -> tuple[bytes, str]:
    """The exposition text and its content type; all workers' figures in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def share_between_workers() -> None:
    """Before uvicorn starts several workers: give them a fresh shared directory for their figures."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        directory = tempfile.mkdtemp(prefix="okr-coach-metrics-")
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
