"""Project configuration, found the way ruff and Vale find theirs: upward from the file being checked.

In each directory from the file's own up to the root, `.okr-coach.toml` (the whole file is the
policy) wins over `pyproject.toml` (its `[tool.okr-coach]` table); the first directory that has
either is the project's configuration. Keys are the policy's: `disable`, `enable-only`,
`severity`, `thresholds` (dashes or underscores).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from rubric.policy import Policy, policy_from_data
from rubric.registry import all_rules

OWN_FILE, PYPROJECT, TABLE = ".okr-coach.toml", "pyproject.toml", "okr-coach"


class ConfigError(Exception):
    """A configuration file that cannot be used: the CLI names the file and exits with 2."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def discover_config(start: Path) -> Path | None:
    """The configuration file that applies to `start` (a file or a directory), or None."""
    here = start.resolve()
    for directory in ([here] if here.is_dir() else []) + list(here.parents):
        if (own := directory / OWN_FILE).is_file():
            return own
        if (pyproject := directory / PYPROJECT).is_file() and _table(pyproject) is not None:
            return pyproject
    return None


def load_config(path: Path) -> Policy:
    """The policy a configuration file sets; unknown keys and rule ids are errors, not ignored."""
    data = _read(path) if path.name != PYPROJECT else _table(path)
    try:
        return policy_from_data(_snake_keys(data or {}), all_rules(), top="table")
    except ValueError as exc:
        raise ConfigError(path, str(exc)) from exc


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(path, f"cannot read it as TOML: {exc}") from exc


def _table(pyproject: Path) -> dict[str, Any] | None:
    table = _read(pyproject).get("tool", {}).get(TABLE)
    if table is not None and not isinstance(table, dict):
        raise ConfigError(pyproject, f"[tool.{TABLE}] must be a table")
    return table


def _snake_keys(data: dict[str, Any]) -> dict[str, Any]:
    """`enable-only` reads as `enable_only`; rule ids (the keys under `severity`) keep their dashes."""
    return {key.replace("-", "_"): value if key == "severity" or not isinstance(value, dict) else _snake_keys(value)
            for key, value in data.items()}
