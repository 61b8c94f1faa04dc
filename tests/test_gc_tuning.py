"""The server and the batch CLI collect garbage less often than Python's default (see coach/core/gc_tuning.py)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.api.app import create_app
from coach.core.gc_tuning import tune_gc
from coach.core.settings import Settings


@pytest.fixture
def restore_gc() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)
    gc.unfreeze()


def test_the_app_applies_the_configured_threshold(restore_gc: None) -> None:
    create_app(Settings(gc_threshold=12_345))
    assert gc.get_threshold()[0] == 12_345


def test_zero_keeps_pythons_threshold_and_only_freezes(restore_gc: None) -> None:
    before = gc.get_threshold()
    tune_gc(0)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() > 0


def test_the_default_collects_less_often_than_python(restore_gc: None) -> None:
    tune_gc(Settings().gc_threshold)
    assert gc.get_threshold()[0] > 700


def test_the_cli_and_the_offline_server_start_without_the_openai_sdk(tmp_path: Path) -> None:
    """Importing the SDK takes about a second; only a configured model client needs it."""
    probe = ("import sys, coach.cli.main, coach.api.app, coach.cli.review; "
             "from coach.api.app import create_app; create_app(); print('openai' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            cwd=tmp_path, env={**os.environ, "OKR_COACH_LLM": "offline"})
    assert result.stdout.strip() == "False"
