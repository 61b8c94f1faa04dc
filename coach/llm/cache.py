"""A small LRU cache of model answers keyed by (model, prompt, schema): duplicates cost nothing."""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from functools import lru_cache

from pydantic import BaseModel

from coach.llm.base import Message


def cache_key(model: str, messages: list[Message], schema: type[BaseModel]) -> str:
    """A digest of everything that determines the answer."""
    payload = json.dumps([model, messages, schema_json(schema)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@lru_cache(maxsize=64)
def schema_json(schema: type[BaseModel]) -> str:
    """Generating a JSON schema takes milliseconds; the answer never changes for a class."""
    return json.dumps(schema.model_json_schema(), sort_keys=True)


class ResponseCache:
    """Validated answers as JSON, least recently used evicted first; size 0 disables it."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[str, str] = OrderedDict()

    def get(self, key: str) -> str | None:
        if key not in self._entries:
            return None
        self._entries.move_to_end(key)
        return self._entries[key]

    def put(self, key: str, value: str) -> None:
        if self._size <= 0:
            return
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)
