"""Process-wide tuning shared by the server and the CLI."""

from __future__ import annotations

import gc


def tune_gc(threshold: int) -> None:
    """Collect garbage every `threshold` allocations instead of every 700 (0 keeps Python's default).

    Checking one OKR set allocates thousands of small objects that die young or stay in caches,
    and almost none form cycles; with the default threshold the collector kept rescanning the
    caches and took about a third of the rubric's time (bench/bench_check.py). Objects alive now
    (modules, catalogs, compiled patterns) are frozen out of every future collection.
    """
    gc.freeze()
    if threshold:
        _, older, oldest = gc.get_threshold()
        gc.set_threshold(threshold, older, oldest)
