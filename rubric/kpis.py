"""The KPI catalog: well-known metrics with their unit, better direction and valid range.

The built-in catalog ships as `rubric/data/kpis.json`; an organisation's own catalog (same
shape) extends it. The rubric uses the ranges to spot impossible levels; the coach uses names
and aliases to link key results to KPIs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat

KpiUnit = Literal["percent", "currency", "count", "time", "ratio", "score"]


class KpiRange(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min: StrictFloat | None = Field(None, description="Lowest possible value; null = unbounded.")  # true is no bound
    max: StrictFloat | None = Field(None, description="Highest possible value; null = unbounded.")

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def describe(self, suffix: str = "") -> str:
        """'from -100 to 100', 'at most 100%', 'at least 0' or 'any value'."""
        if self.min is not None and self.max is not None:
            return f"from {self.min:g}{suffix} to {self.max:g}{suffix}"
        if self.max is not None:
            return f"at most {self.max:g}{suffix}"
        return f"at least {self.min:g}{suffix}" if self.min is not None else "any value"


class Kpi(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(..., pattern=r"^[a-z0-9][a-z0-9.\-]*$", max_length=80, description="Stable id, e.g. 'support.nps'.")
    name: str = Field(..., min_length=1, max_length=120)
    domain: str = Field(..., min_length=1, max_length=40, description="marketing, sales, product, engineering, ...")
    aliases: list[str] = Field(default_factory=list, description="Other names people write for it.")
    unit: KpiUnit
    better: Literal["up", "down"] = Field(..., description="Which way is an improvement.")
    range: KpiRange = Field(default_factory=KpiRange, description="Values that can occur at all.")

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass(frozen=True, slots=True)
class KpiMention:
    """A KPI named in a text, with the code-point span of the words that name it."""

    kpi: Kpi
    start: int
    end: int


class KpiCatalog(BaseModel):
    """An ordered set of KPIs; later entries with the same id replace earlier ones."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kpis: list[Kpi] = Field(default_factory=list)

    def get(self, kpi_id: str) -> Kpi | None:
        return self._by_id.get(kpi_id)

    def extended_with(self, other: KpiCatalog) -> KpiCatalog:
        """This catalog plus `other`; an id in `other` replaces the built-in definition."""
        merged = {k.id: k for k in self.kpis} | {k.id: k for k in other.kpis}
        return KpiCatalog(kpis=list(merged.values()))

    def mentions(self, text: str) -> list[KpiMention]:
        """KPIs named in `text` by name or alias, longest name first, without overlaps.

        Names are looked up by their first word at each word start, so the cost grows with
        the words of the text, not with the size of the catalog.
        """
        found: list[KpiMention] = []
        covered = 0
        folded = text.casefold()
        for word in _WORD.finditer(folded):
            start = word.start()
            if start < covered or (start and (folded[start - 1].isalnum() or folded[start - 1] in "_-")):
                continue
            for name in self._by_first_word.get(word.group(), ()):
                end = start + len(name)
                if folded.startswith(name, start) and not _continues_word(folded, end):
                    found.append(KpiMention(self._by_name[name], start, end))
                    covered = end
                    break
        return found

    @cached_property
    def _by_id(self) -> dict[str, Kpi]:
        return {k.id: k for k in self.kpis}

    @cached_property
    def _by_name(self) -> dict[str, Kpi]:
        names: dict[str, Kpi] = {}
        for kpi in self.kpis:
            for name in kpi.names:
                names.setdefault(name.casefold(), kpi)
        return names

    @cached_property
    def _by_first_word(self) -> dict[str, list[str]]:
        """Names grouped by their first word, longest first."""
        index: dict[str, list[str]] = {}
        for name in sorted(self._by_name, key=len, reverse=True):
            if first := _WORD.match(name):
                index.setdefault(first.group(), []).append(name)
        return index


_WORD = re.compile(r"\w+")


def _continues_word(text: str, end: int) -> bool:
    return end < len(text) and (text[end].isalnum() or text[end] in "_-")


def parse_catalog(data: bytes | str) -> KpiCatalog:
    """A catalog from JSON text: {"kpis": [...]} or a bare list of KPIs."""
    raw = json.loads(data)
    return KpiCatalog.model_validate({"kpis": raw} if isinstance(raw, list) else {"kpis": raw.get("kpis")})


@lru_cache(maxsize=1)
def builtin_catalog() -> KpiCatalog:
    """The catalog shipped with the package (read once)."""
    return parse_catalog((resources.files("rubric") / "data" / "kpis.json").read_bytes())
