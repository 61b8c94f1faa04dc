"""The rubric's caches have a ceiling in bytes: unique long key results leave nothing behind (issue 14)."""

from __future__ import annotations

import gc
import random
import tracemalloc

from rubric.analysis import analyse
from rubric.caching import CACHE_LIMIT
from rubric.engine import check_okrs

WORDS = ("increase", "weekly", "active", "users", "from", "1,200", "to", "1,800", "by", "Q3", "and", "reduce", "churn",
         "to", "2%", "in", "new", "markets")


def _unique_key_result(seed: int, length: int) -> str:
    rng = random.Random(seed)
    text = " ".join(rng.choice(WORDS) for _ in range(length // 4))
    return f"{text[:length]} ref{seed}"


def _retained_per_check(length: int, count: int) -> float:
    """Bytes still allocated, per key result, after checking `count` unique key results of `length` chars."""
    check_okrs(None, [("Warm up", [_unique_key_result(-1, length)])])
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for seed in range(count):
        check_okrs(None, [("Grow the business", [_unique_key_result(seed, length)])])
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    return sum(stat.size_diff for stat in after.compare_to(before, "filename")) / count


def test_unique_long_key_results_leave_nothing_behind() -> None:
    retained = _retained_per_check(CACHE_LIMIT * 4, 200)
    assert retained < 1_000, f"{retained:.0f} bytes kept per unique {CACHE_LIMIT * 4}-char key result"


def test_short_key_results_are_still_cached() -> None:
    text = _unique_key_result(7, 80)
    assert analyse(text) is analyse(text)


def test_a_long_text_reads_the_same_as_if_it_were_cached() -> None:
    text = _unique_key_result(11, CACHE_LIMIT * 2)
    assert analyse(text) == analyse(text)
    assert analyse(text) is not analyse(text)
