"""Render the sample team review and screenshot its HTML report into docs/report.png.

Run: python scripts/report_screenshot.py  (needs Chromium: scripts/ensure-chromium.sh)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "coach", "review", str(EXAMPLES / "team.csv"), "--company-objectives",
                        str(EXAMPLES / "company-objectives.txt"), "--title", "Q3 OKR review", "--html", str(html)],
                       check=False, stdout=subprocess.DEVNULL)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
            page.goto(html.as_uri())
            page.screenshot(path=str(ROOT / "docs" / "report.png"), full_page=True)
            browser.close()
    print(f"wrote {ROOT / 'docs' / 'report.png'}")


if __name__ == "__main__":
    main()
