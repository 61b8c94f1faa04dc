"""Score the rubric in-process against labelled OKR sets and print every miss.

Run: python -m bench.accuracy FILE.jsonl [FILE.jsonl ...] [--rule RULE] [--show N] [--min-f1 F]

Each line of FILE is one labelled set: `id`, `okrs` (`cycle`, `objectives[{title, key_results[]}]`,
key results as strings or `{"text": ...}`), optional `scope` (`full`, `objective`, `key_result`),
`expected` and optional `disputed` findings (`rule`, `objective`, `key_result`, 0-based, null where
not applicable). `scope: objective` scores objective rules except the key-result counts;
`scope: key_result` scores only key-result rules; disputed findings count neither way. Prints
per-rule precision, recall and F1, the micro average, and each false alarm (FP) and miss (FN)
with its text, so errors can be studied without a server. Exits 1 below `--min-f1`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rubric.engine import check_okrs
from rubric.registry import all_rules

Finding = tuple[str, int | None, int | None]
_COUNTS_ONLY_WITH_KEY_RESULTS = frozenset({"objective-without-key-results", "too-few-key-results"})


@dataclass
class Tally:
    """True positives, false positives and misses per rule, and the lines describing each error."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (rule, line)

    def add(self, case_id: str, okrs: dict, got: set[Finding], want: set[Finding]) -> None:
        for item in got & want:
            self.tp[item[0]] += 1
        for kind, items, counter in (("FP", got - want, self.fp), ("FN", want - got, self.fn)):
            for item in sorted(items, key=_order):
                counter[item[0]] += 1
                line = f"{kind} {case_id} {item[0]} o={item[1]} k={item[2]} :: {locate(okrs, item)}"
                self.errors.append((item[0], line))


def in_scope(rule: str, scope: str) -> bool:
    """Whether a finding of `rule` is scored in a case of `scope` (rules the engine lacks never are)."""
    known = all_rules().get(rule)
    if known is None:
        return False
    if scope == "key_result":
        return known.level == "key_result"
    if scope == "objective":
        return known.level == "objective" and rule not in _COUNTS_ONLY_WITH_KEY_RESULTS
    return True


def text_of(item: object) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        return str(item.get("text") or item.get("title") or "")
    return ""


def locate(okrs: dict, item: Finding) -> str:
    """The text a finding points at: its key result, its objective, or '(set)'."""
    _, objective, key_result = item
    objectives = okrs.get("objectives", [])
    if objective is None:
        return "(set)"
    if not 0 <= objective < len(objectives):
        return "(no such objective)"
    if key_result is None:
        return " ".join(text_of(objectives[objective].get("title", "")).split())
    key_results = objectives[objective].get("key_results", [])
    if not 0 <= key_result < len(key_results):
        return "(no such key result)"
    return " ".join(text_of(key_results[key_result]).split())


def _order(item: Finding) -> tuple:
    return (item[0], -1 if item[1] is None else item[1], -1 if item[2] is None else item[2])


def _findings(entries: Iterable[dict], scope: str) -> set[Finding]:
    return {(e["rule"], e.get("objective"), e.get("key_result")) for e in entries if in_scope(e["rule"], scope)}


def score(cases: Iterable[dict]) -> tuple[Tally, int]:
    """Check every case in-process and tally the findings against its labels."""
    tally = Tally()
    count = 0
    for case in cases:
        count += 1
        okrs, scope = case["okrs"], case.get("scope", "full")
        pairs = [(text_of(o.get("title", "")), [text_of(k) for k in o.get("key_results", [])])
                 for o in okrs.get("objectives", [])]
        result = check_okrs(okrs.get("cycle"), pairs, analysis=False)
        got = {(f.rule, f.objective, f.key_result) for f in result.findings if in_scope(f.rule, scope)}
        want = _findings(case.get("expected", []), scope)
        unsure = _findings(case.get("disputed", []), scope)
        tally.add(str(case.get("id", count)), okrs, got - unsure, want - unsure)
    return tally, count


def ratios(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def report(tally: Tally, cases: int, *, rule: str | None, show: int | None) -> float:
    """Print the per-rule table and the errors; return the micro-averaged F1."""
    print(f"{'rule':32} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}")
    worst = 1.0
    for name in sorted(set(tally.tp) | set(tally.fp) | set(tally.fn)):
        precision, recall, f1 = ratios(tally.tp[name], tally.fp[name], tally.fn[name])
        worst = min(worst, f1)
        print(f"{name:32} {tally.tp[name]:4} {tally.fp[name]:4} {tally.fn[name]:4} "
              f"{precision:6.3f} {recall:6.3f} {f1:6.3f}")
    errors = [line for name, line in tally.errors if rule is None or name == rule]
    for line in errors if show is None else errors[:show]:
        print(line)
    tp, fp, fn = (sum(c.values()) for c in (tally.tp, tally.fp, tally.fn))
    precision, recall, f1 = ratios(tp, fp, fn)
    print(f"micro over {cases} cases: precision {precision:.3f} recall {recall:.3f} f1 {f1:.3f} "
          f"(worst rule f1 {worst:.3f})")
    return f1


def read_cases(paths: Iterable[Path]) -> list[dict]:
    cases = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    cases.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise SystemExit(f"{path}:{number}: not a JSON object ({error.msg})") from None
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", type=Path, nargs="+", help="labelled sets, one JSON object per line")
    parser.add_argument("--rule", help="show only the errors of this rule")
    parser.add_argument("--show", type=int, help="show at most this many errors (default: all)")
    parser.add_argument("--min-f1", type=float, help="exit 1 when the micro F1 is below this")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.files if not p.is_file()]
    if missing:
        parser.error(f"no such file: {', '.join(missing)}")
    tally, count = score(read_cases(args.files))
    f1 = report(tally, count, rule=args.rule, show=args.show)
    return 1 if args.min_f1 is not None and f1 < args.min_f1 else 0


if __name__ == "__main__":
    sys.exit(main())
