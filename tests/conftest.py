"""Shared pytest fixtures."""

import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
ENSURE_CHROMIUM = REPO_ROOT / "scripts" / "ensure-chromium.sh"
CHROMIUM_PATH = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of Debian's Chromium, installed on first use; skips the test when it cannot be had.

    Playwright cannot download its own browsers here, so browser tests drive this binary.
    """
    result = subprocess.run(["bash", str(ENSURE_CHROMIUM)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip() or f"exit code {result.returncode}"
        pytest.skip(f"Chromium is not available ({CHROMIUM_PATH}) and could not be installed: {reason}")
    return CHROMIUM_PATH
