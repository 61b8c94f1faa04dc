"""OKR Coach service: HTTP API, CLI, settings and the LLM coach around the rubric engine."""

__version__ = "0.1.0"
