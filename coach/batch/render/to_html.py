"""The review as one self-contained HTML file (jinja2, inline CSS and SVG, no network), streamed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise

from jinja2 import Environment, PackageLoader, select_autoescape

from coach.batch.models import ReviewReport, SetReview
from coach.batch.render.charts import bar_chart, heatmap
from rubric.models import SEVERITY_ORDER, Finding


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    severity: str | None = None  # the worst severity of the findings covering it; None = not marked
    rules: str = ""


@dataclass(frozen=True, slots=True)
class ItemView:
    segments: list[Segment]
    findings: list[Finding]


@dataclass(frozen=True, slots=True)
class ObjectiveView:
    title: ItemView
    parent: str | None
    key_results: list[ItemView]


@dataclass(frozen=True, slots=True)
class SetPage:
    review: SetReview
    anchor: str
    set_findings: list[Finding]
    objectives: list[ObjectiveView]


def highlight(text: str, findings: Iterable[Finding]) -> list[Segment]:
    """Split `text` so the words each finding quotes (its excerpt) are marked; the whole item is never marked."""
    spans: list[tuple[int, int, Finding]] = []
    for finding in findings:
        excerpt = finding.excerpt
        if excerpt and len(excerpt) < len(text.strip()) and (start := text.find(excerpt)) >= 0:
            spans.append((start, start + len(excerpt), finding))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments = []
    for start, end in pairwise(cuts):
        covering = [f for s, e, f in spans if s <= start and end <= e]
        worst = min((f.severity for f in covering), key=SEVERITY_ORDER.__getitem__, default=None)
        segments.append(Segment(text[start:end], worst, ", ".join(sorted({f.rule for f in covering}))))
    return segments


def set_page(review: SetReview) -> SetPage:
    """A set laid out for the report: each finding next to the item it points at."""
    at: dict[tuple[int | None, int | None], list[Finding]] = {}
    for finding in review.findings:
        at.setdefault((finding.objective, finding.key_result), []).append(finding)
    objectives = []
    for o, objective in enumerate(review.objectives):
        title_findings = at.get((o, None), [])
        key_results = [ItemView(highlight(text, at.get((o, k), [])), at.get((o, k), []))
                       for k, text in enumerate(objective.key_results)]
        objectives.append(ObjectiveView(ItemView(highlight(objective.title, title_findings), title_findings),
                                        objective.parent, key_results))
    return SetPage(review, _anchor(review), at.get((None, None), []), objectives)


def _anchor(review: SetReview) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (review.owner or "set").casefold()).strip("-") or "set"
    return f"set-{review.index + 1}-{slug}"


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("coach.batch.render", "templates"),
                      autoescape=select_autoescape(["j2", "html"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["plural"] = lambda n, word: f"{n:,} {word}{'' if n == 1 else 's'}"
    return env


def iter_html(head: ReviewReport, sets: Iterable[SetReview], title: str = "OKR review") -> Iterator[str]:
    """The report in pieces; `sets` is consumed once, as it is rendered."""
    summary = head.summary
    rules = [r.rule for r in summary.by_rule]
    template = _environment().get_template("report.html.j2")
    pages: Iterator[SetPage] = (set_page(review) for review in sets)
    return template.generate(
        report=head, summary=summary, title=title, bars=bar_chart(summary.by_rule),
        heat=heatmap([o for o in summary.by_owner if o.findings], rules), pages=pages,
        generated=datetime.now(UTC).strftime("%d %b %Y, %H:%M UTC"),
    )
