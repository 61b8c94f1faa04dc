"""Soak the rubric with distinct drafts of mixed sizes and print the process's memory as it goes.

Run: python bench/soak_rss.py [--drafts 50000]
Goal (issue 14): resident memory stays flat under unique input; the per-text caches keep only
short texts (rubric/caching.py), so long unique key results leave nothing behind. Prints RSS at
the start, the middle and the end, and the growth between the middle and the end (in-process:
the same engine the server runs; the server adds a constant on top).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import as_text, synthetic_set

from rubric.engine import check_text

_WORDS = ("increase", "weekly", "active", "teams", "from", "to", "by", "Q3", "launch", "partner", "portal", "churn",
          "below", "and", "reduce", "latency", "p95", "NPS", "revenue", "$2M", "12", "40%", "1,200")


def rss_mib() -> float:
    """Current resident memory of this process (peak where /proc is missing)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def draft(rng: random.Random, index: int) -> str:
    """A unique draft: a typical set, every third with a long key result (up to ~2,000 chars) and
    every 200th with a pasted wall of text (~50,000 chars) as one key result."""
    text = as_text(synthetic_set(rng))
    if index % 3 == 0:
        long = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(40, 330)))
        text += f"\n- {long} ref{index}"
    if index % 200 == 0:
        text += "\n- " + " ".join(rng.choice(_WORDS) for _ in range(8000)) + f" ref{index}"
    return f"{text}\n- Distinct key result number {index} from {index} to {index + 7} by Q4"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--drafts", type=int, default=50_000)
    args = parser.parse_args()
    rng = random.Random(11)
    check_text(draft(rng, -1))  # imports and one-off tables loaded before the first figure
    start = rss_mib()
    print(f"start : {start:7.1f} MiB")
    middle = start
    started = time.perf_counter()
    for index in range(args.drafts):
        check_text(draft(rng, index))
        if index + 1 == args.drafts // 2:
            middle = rss_mib()
            print(f"middle: {middle:7.1f} MiB after {index + 1} drafts")
    end = rss_mib()
    elapsed = time.perf_counter() - started
    print(f"end   : {end:7.1f} MiB after {args.drafts} drafts ({args.drafts / elapsed:.0f} drafts/s)")
    print(f"growth middle -> end: {end - middle:+.1f} MiB (start -> end {end - start:+.1f} MiB)")


if __name__ == "__main__":
    main()
