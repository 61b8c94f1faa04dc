"""The pre-commit hook, run by pre-commit itself on a sample team repository.

pre-commit installs the hook from this checkout (`repo:` a local path, `rev:` its HEAD) into its
own virtualenv, as it would from a tag for a team: slow (a pip install), so done once per run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BAD = "Objective: Be known in our niche\n- Increase brand awareness\n- Aided recall from 12% to 20% by Q3\n"
GOOD = ("Objective: Be known in our niche\n- Aided recall from 12% to 20% by 2026-09-30\n"
        "- Inbound demo requests from 40 to 70 a month by 2026-09-30\n")


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def head() -> str:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and this project as a git checkout (pre-commit installs the hook from it)")
    if "okr-coach" not in _git(ROOT, "show", "HEAD:.pre-commit-hooks.yaml"):
        pytest.skip("the hook file is not committed yet")
    return _git(ROOT, "rev-parse", "HEAD")


def test_pre_commit_runs_the_hook_on_a_sample_repository(tmp_path: Path, head: str) -> None:
    repo = tmp_path / "team"
    (repo / "okrs").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: okr-coach\n")
    (repo / "okrs" / "q3.md").write_text(BAD)
    (repo / "README.md").write_text("Increase brand awareness\n")  # not an OKR file: not checked
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=900)

    failed = run()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "okrs/q3.md:2:3: error [vague-change]" in failed.stdout
    assert "README.md" not in failed.stdout

    (repo / "okrs" / "q3.md").write_text(GOOD)
    passed = run()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
