"""Run the extension's DOM-free unit tests (Node's built-in test runner) as part of pytest."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

EXTENSION_TESTS = Path(__file__).resolve().parent.parent / "extension" / "test"


def test_extension_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the extension's unit tests (extension/test/*.test.mjs) need Node >= 20")
    files = sorted(str(path) for path in EXTENSION_TESTS.glob("*.test.mjs"))
    assert files, f"no *.test.mjs files in {EXTENSION_TESTS}"
    result = subprocess.run([node, "--test", *files], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"node --test failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
