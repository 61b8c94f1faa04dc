"""A one-line progress bar on stderr for long reviews; silent unless asked or on a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

_WIDTH = 30


class Progress:
    def __init__(self, total: int, label: str, *, enabled: bool, stream: TextIO | None = None,
                 every: float = 0.1) -> None:
        self.total, self.label, self.enabled, self.every = total, label, enabled, every
        self.stream = stream or sys.stderr
        self.done = 0
        self._shown = float("-inf")  # the first set always draws, however soon after boot
        self._drawn = -1

    def advance(self, step: int = 1) -> None:
        self.done += step
        if self.enabled and (self.done >= self.total or time.monotonic() - self._shown >= self.every):
            self._draw()

    def close(self) -> None:
        if self.enabled:
            if self._drawn != self.done:
                self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        self._shown, self._drawn = time.monotonic(), self.done
        share = self.done / self.total if self.total else 1.0
        filled = round(_WIDTH * share)
        bar = "█" * filled + "░" * (_WIDTH - filled)
        self.stream.write(f"\r{self.label} {bar} {share:4.0%} {self.done:,}/{self.total:,}")
        self.stream.flush()
