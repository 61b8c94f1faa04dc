"""Reject strings that are not Unicode text: lone UTF-16 surrogates, which JSON escapes can carry.

`"\\ud800"` is valid JSON and Python's parser turns it into a one-character string that no UTF-8
encoder accepts, so the reply built from it cannot be sent. Every string a request brings in, keys
included, is checked once at input and the first offender is named by its path.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, model_validator
from pydantic_core import PydanticCustomError

_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate_path(data: object) -> str | None:
    """The dotted path ('okrs.objectives.0.title') of the first string or key holding a surrogate, else None.

    Iterative, with each step linked to its parent instead of copying the path, so input nested as
    deep as the JSON parser allows costs linear time and cannot exhaust the stack.
    """
    steps: list[tuple[int, str]] = [(-1, "")]  # (parent step, name); the path is rebuilt on a hit only
    stack: list[tuple[int, object]] = [(0, data)]
    while stack:
        step, value = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return _path(steps, step)
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                steps.append((step, str(key)))
                if _SURROGATE.search(str(key)):
                    return _path(steps, len(steps) - 1).encode("utf-8", "backslashreplace").decode()
                stack.append((len(steps) - 1, item))
        elif isinstance(value, list | tuple):
            for index in range(len(value) - 1, -1, -1):
                steps.append((step, str(index)))
                stack.append((len(steps) - 1, value[index]))
    return None


def _path(steps: list[tuple[int, str]], step: int) -> str:
    names = []
    while step > 0:
        step, name = steps[step]
        names.append(name)
    return ".".join(reversed(names))


def surrogate_message(path: str) -> str:
    where = path or "the body"
    return (f"{where} holds a lone UTF-16 surrogate (a \\ud800-\\udfff escape without its pair), which is not "
            "text; send valid Unicode")


class UnicodeInput(BaseModel):
    """Base of request models: every string in the raw input is valid Unicode, else a 422 naming it."""

    @model_validator(mode="before")
    @classmethod
    def _no_lone_surrogates(cls, data: Any) -> Any:
        if (path := lone_surrogate_path(data)) is not None:
            raise PydanticCustomError("string_unpaired_surrogate", surrogate_message(path), {"field": path})
        return data
