"""Benchmark the free-text parser alone: it runs on every /v1/check of a text draft, cached or not.

Run: python bench/bench_parse.py [--drafts 3000] [--rounds 7]
Prints µs per draft (best round) for synthetic 3x4 drafts and for the drafts under
tests/fixtures (guide-style and team-style pastes: tables, tags, initiatives, emoji).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import as_text, synthetic_set

from rubric.parser import parse_text

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def best_per_draft(parse: Callable[[str], object], drafts: list[str], rounds: int) -> float:
    """CPU seconds per draft in the fastest of `rounds` passes: the VM's cores are shared, and wall
    time measured the other processes as much as the parser."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for draft in drafts:
            parse(draft)
        best = min(best, time.process_time() - started)
    return best / len(drafts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--drafts", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(7)
    synthetic = [as_text(synthetic_set(rng)) for _ in range(args.drafts)]
    pasted = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*/*.txt"))]
    for label, drafts in (("synthetic 3x4 drafts", synthetic), (f"{len(pasted)} fixture drafts", pasted * 50)):
        print(f"parse_text, {label:20}: {best_per_draft(parse_text, drafts, args.rounds) * 1e6:6.1f} µs per draft")


if __name__ == "__main__":
    main()
