"""`okr-coach review team.csv --html report.html --json report.json [--suggest]`."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from coach.batch.imports.headers import columns_text
from coach.batch.imports.problems import ImportFailure
from coach.batch.imports.upload import read_company_objectives, read_upload
from coach.batch.jobs import review_in_memory
from coach.batch.models import ReviewReport
from coach.batch.render.to_csv import iter_csv
from coach.batch.render.to_html import iter_html
from coach.batch.render.to_json import iter_json
from coach.cli.progress import Progress
from coach.core.gc_tuning import tune_gc
from coach.core.settings import Settings
from coach.llm import client_from_settings

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
PROGRESS_FROM = 200  # sets: smaller reviews finish before a bar would be worth drawing


def add_review_command(commands: argparse._SubParsersAction) -> None:
    review = commands.add_parser(
        "review", help="review a team's OKRs (CSV, JSON or Markdown with a '## Owner' section each)",
        description="Review every owner's OKR set with the rubric and the team rules; write an HTML, JSON or CSV "
        "report. Exit code 1 when any set has an error.",
    )
    review.add_argument("file", help="the submissions: .csv/.tsv, .json, or .md/.txt")
    review.add_argument("--html", type=Path, help="write the HTML report here")
    review.add_argument("--json", type=Path, help="write the JSON report here")
    review.add_argument("--csv", type=Path, help="write one CSV row per finding here")
    review.add_argument("--company-objectives", type=Path, metavar="FILE",
                        help="parent objectives, one per line ('CO-1: Grow revenue') or a JSON list")
    review.add_argument("--suggest", action="store_true", help="ask the coach for suggestions, one set per call")
    review.add_argument("--title", default="OKR review", help="the HTML report's title")
    review.add_argument("--workers", type=int, default=None, help="processes for large batches (default: cores)")
    review.add_argument("--progress", action="store_true", help="show a progress bar even when not on a terminal")
    review.set_defaults(run=run_review)


def run_review(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    settings = Settings()
    tune_gc(settings.gc_threshold)  # worker processes inherit it
    try:
        imported = read_upload(Path(args.file).read_bytes(), args.file)
        if args.company_objectives:
            extra = read_company_objectives(args.company_objectives.read_text(encoding="utf-8-sig"))
            imported.company_objectives = [*imported.company_objectives, *extra]
        client = client_from_settings(settings) if args.suggest else None
    except (ImportFailure, ValueError) as exc:
        print(f"okr-coach: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return EXIT_USAGE
    show = args.progress or sys.stderr.isatty()
    sets = len(imported.submissions)
    reviewing = Progress(sets, "Reviewing", enabled=show and (args.progress or sets >= PROGRESS_FROM))
    coaching = Progress(sets, "Coaching ", enabled=show and args.suggest)
    report = review_in_memory(imported, settings, client, args.suggest, args.workers, reviewing, coaching)
    written = _write(report, args)
    print(summary_text(report, time.perf_counter() - started, written))
    if imported.columns:  # a spreadsheet: say which columns were understood as what
        print(f"  {columns_text(imported.columns)}")
    return EXIT_FINDINGS if report.summary.errors else EXIT_OK


def _write(report: ReviewReport, args: argparse.Namespace) -> list[Path]:
    outputs: list[tuple[Path | None, Iterable[str]]] = [
        (args.json, iter_json(report, report.sets)) if args.json else (None, ()),
        (args.html, iter_html(report, report.sets, args.title)) if args.html else (None, ()),
        (args.csv, iter_csv(report.sets)) if args.csv else (None, ()),
    ]
    written = []
    for path, chunks in outputs:
        if path is None:
            continue
        write_atomically(path, chunks)
        written.append(path)
    return written


def write_atomically(path: Path, chunks: Iterable[str]) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`: a kill mid-write leaves the old
    file (or none), never a truncated report that looks whole."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.writelines(chunks)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def summary_text(report: ReviewReport, seconds: float, written: list[Path]) -> str:
    """What a programme owner wants to see first: how many sets, how bad, the top rules, what was skipped."""
    s = report.summary
    lines = [
        f"Reviewed {s.sets:,} sets from {s.owners:,} owners ({s.objectives:,} objectives, {s.key_results:,} key "
        f"results) in {seconds:.2f} s",
        f"  {s.errors:,} errors · {s.warnings:,} warnings · {s.infos:,} info · {s.clean_sets:,} of {s.sets:,} sets "
        f"clean · {s.row_errors:,} rows skipped",
    ]
    if s.by_rule:
        lines.append("  Most frequent: " + ", ".join(f"{r.rule} ({r.findings:,})" for r in s.by_rule[:5]))
    failed = [r for r in report.sets if r.suggestion_error or r.error]
    if failed:
        lines.append(f"  {len(failed):,} sets have a problem noted in the report (suggestions or review)")
    for error in report.row_errors[:10]:
        lines.append(f"  skipped: {error.message}")
    if len(report.row_errors) > 10:
        lines.append(f"  … and {len(report.row_errors) - 10:,} more skipped rows (see the report)")
    lines.extend(f"  warning: {warning}" for warning in report.warnings)
    if written:
        lines.append("  Wrote " + ", ".join(str(path) for path in written))
    return "\n".join(lines)
