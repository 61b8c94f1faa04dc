"""Reading a draft for the CLI: a file or stdin; text and markdown, or a JSON request or OKR set."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from coach.check.requests import CheckRequest


def read_source(name: str) -> str:
    """The contents of FILE, or of standard input for '-'."""
    if name == "-":
        return sys.stdin.read()
    return Path(name).read_text(encoding="utf-8-sig")


def request_from_source(source: str, cycle: str | None = None) -> CheckRequest:
    """Text and markdown are drafts; a JSON document is a request or a bare OKR set."""
    stripped = source.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(source)
        except json.JSONDecodeError:
            return CheckRequest(text=source, cycle=cycle)
        if isinstance(data, dict) and ("text" in data or "okrs" in data):
            return CheckRequest.model_validate({**data, **({"cycle": cycle} if cycle else {})})
        return CheckRequest.model_validate({"okrs": data, "cycle": cycle})
    return CheckRequest(text=source, cycle=cycle)
