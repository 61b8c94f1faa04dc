"""Benchmark the batch review end to end: `okr-coach review` on 10,000 synthetic submissions (~120,000 key results).

Run: python bench/bench_review.py [--sets 10000] [--html] [--workers N]
Goal (issue 4): under 10 s on a 2-core machine, rubric only (no --suggest). Prints wall time, throughput,
and peak memory: of the whole process tree (main process + worker processes, sampled) and of the largest
single process.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_set


def write_submissions(path: Path, count: int) -> int:
    """A CSV export with one row per key result, as an OKR tool would produce; returns the key-result count."""
    rng = random.Random(11)
    teams = ["Growth", "Platform", "Sales", "Support", "Marketing", "Data", "Finance"]
    key_results = 0
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Owner", "Team", "Quarter", "Objective", "Key Result", "Aligned to"])
        for i in range(count):
            owner, team = f"Person {i:05d}", teams[i % len(teams)]
            for title, krs in synthetic_set(rng):
                parent = f"CO-{rng.randint(1, 4)}" if rng.random() < 0.7 else ""
                for kr in krs:
                    writer.writerow([owner, team, "2026-Q3", title, kr, parent])
                    key_results += 1
    return key_results


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc), in KiB; 0 if it is gone."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        team = Path(tmp) / "team.csv"
        started = time.perf_counter()
        key_results = write_submissions(team, args.sets)
        print(f"generated {args.sets:,} submissions, {key_results:,} key results "
              f"({team.stat().st_size / 1e6:.1f} MB CSV) in {time.perf_counter() - started:.1f} s")
        company = Path(tmp) / "company.txt"
        company.write_text("".join(f"CO-{n}: Company objective {n}\n" for n in range(1, 5)), encoding="utf-8")
        command = [sys.executable, "-m", "coach", "review", str(team), "--company-objectives", str(company),
                   "--json", str(Path(tmp) / "report.json")]
        if args.html:
            command += ["--html", str(Path(tmp) / "report.html")]
        if args.workers:
            command += ["--workers", str(args.workers)]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        peak_tree = 0
        while process.poll() is None:
            peak_tree = max(peak_tree, tree_rss_kb(process.pid))
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        output = process.stdout.read() if process.stdout else ""
        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.0f} MB" for p in sorted(Path(tmp).glob("report.*")))
    print(output.rstrip())
    print(f"\nend to end: {elapsed:.2f} s for {args.sets:,} sets ({args.sets / elapsed:,.0f} sets/s, "
          f"{key_results / elapsed:,.0f} key results/s) on {os.cpu_count()} cores; goal < 10 s")
    print(f"peak memory: {peak_tree / 1024:,.0f} MiB for the process tree (sampled), "
          f"{largest / 1024:,.0f} MiB for the largest process")
    print(f"reports: {sizes}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=10_000)
    parser.add_argument("--html", action="store_true", help="also render the HTML report")
    parser.add_argument("--workers", type=int, default=None)
    run(parser.parse_args())
