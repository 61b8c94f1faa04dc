"""Geometry of the report's inline SVG charts, computed here so the template only draws."""

from __future__ import annotations

from dataclasses import dataclass

from coach.batch.models import OwnerCount, RuleCount

ROW = 24  # px per bar or heatmap row
LABEL = 230  # px for rule / owner labels
BAR_AREA = 440
CELL = 30
HEAD = 150  # px for the heatmap's slanted rule names


@dataclass(frozen=True, slots=True)
class Bar:
    rule: str
    severity: str
    value: int
    y: int
    width: float


@dataclass(frozen=True, slots=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL
    row: int = ROW


def bar_chart(by_rule: list[RuleCount]) -> BarChart:
    top = max((r.findings for r in by_rule), default=1)
    bars = [Bar(r.rule, r.severity, r.findings, i * ROW, max(2.0, BAR_AREA * r.findings / top))
            for i, r in enumerate(by_rule)]
    return BarChart(bars, LABEL + BAR_AREA + 60, max(ROW, len(bars) * ROW))


@dataclass(frozen=True, slots=True)
class Cell:
    x: int
    value: int
    opacity: float


@dataclass(frozen=True, slots=True)
class HeatRow:
    owner: str
    y: int
    cells: list[Cell]


@dataclass(frozen=True, slots=True)
class Heatmap:
    rules: list[tuple[str, int]]  # rule id and the x of its column
    rows: list[HeatRow]
    hidden_owners: int
    width: int
    height: int
    label_width: int = LABEL
    head: int = HEAD
    cell: int = CELL


def heatmap(by_owner: list[OwnerCount], rules: list[str], max_owners: int = 30) -> Heatmap:
    """Owners × rules, the owners with most findings first; the rest are counted, not drawn."""
    shown = by_owner[:max_owners]
    top = max((n for o in shown for n in o.by_rule.values()), default=1)
    columns = [(rule, LABEL + i * CELL) for i, rule in enumerate(rules)]
    rows = [
        HeatRow(o.owner, HEAD + i * CELL, [
            Cell(x, o.by_rule.get(rule, 0), round(0.12 + 0.88 * o.by_rule.get(rule, 0) / top, 3) if
                 o.by_rule.get(rule) else 0.0)
            for rule, x in columns
        ])
        for i, o in enumerate(shown)
    ]
    return Heatmap(columns, rows, len(by_owner) - len(shown), LABEL + len(rules) * CELL + 90,
                   HEAD + len(rows) * CELL + 4)
