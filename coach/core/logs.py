"""Structured JSON logs on stderr, one object per line, with the request id of the request being served.

Privacy rule: draft text goes into a log record only as the `draft` extra field
(`log.info("...", extra={"draft": text})`), and the formatter withholds it, and exception
messages (which can quote input), unless `OKR_COACH_LOG_DRAFTS=true`.
"""

from __future__ import annotations

import json
import logging
import time
import traceback
from contextvars import ContextVar
from types import TracebackType
from typing import Any

from coach.core.settings import Settings

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

_STANDARD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {
    "message", "asctime", "taskName", "color_message"}  # uvicorn's ANSI copy of the message
_WITHHELD = "withheld: it may quote a draft; set OKR_COACH_LOG_DRAFTS=true to log it"


class JsonFormatter(logging.Formatter):
    def __init__(self, log_drafts: bool = False) -> None:
        super().__init__()
        self.log_drafts = log_drafts
        self._second_cache = (-1, "")

    def _second(self, epoch_second: int) -> str:
        """ISO 8601 UTC up to the second, formatted once per second (this runs for every request)."""
        if self._second_cache[0] != epoch_second:
            self._second_cache = (epoch_second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch_second)))
        return self._second_cache[1]

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": f"{self._second(int(record.created))}.{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if (rid := request_id.get()) is not None:
            entry["request_id"] = rid
        entry.update((k, v) for k, v in record.__dict__.items() if k not in _STANDARD_ATTRIBUTES)  # `extra` fields
        if "draft" in entry and not self.log_drafts:
            entry["draft"] = {"chars": len(str(entry["draft"])), "text": _WITHHELD}
        if record.exc_info and record.exc_info[1] is not None:
            entry["exception"] = self._exception(*record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)

    def _exception(self, kind: type[BaseException] | None, exc: BaseException | None,
                   tb: TracebackType | None) -> str:
        if self.log_drafts:
            return "".join(traceback.format_exception(kind, exc, tb))
        return "".join(traceback.format_tb(tb)) + f"{getattr(kind, '__qualname__', kind)} (message {_WITHHELD})"


def logging_config(settings: Settings) -> dict[str, Any]:
    """A `logging.config.dictConfig` (also uvicorn's `log_config`): JSON on stderr for ours and uvicorn's logs."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter, "log_drafts": settings.log_drafts}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "loggers": {
            "coach": {"handlers": ["stderr"], "level": settings.log_level, "propagate": False},
            "uvicorn": {"handlers": ["stderr"], "level": settings.log_level, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},  # coach.access replaces it
        },
    }
