"""Make docs/extension.png: the extension at work on a plain web form, tooltip and rewrite open.

Runs what the end-to-end test runs (a local `okr-coach serve`, Chromium with the unpacked
extension, a page on loopback). Emoji render only with a colour emoji font installed
(Debian: fonts-noto-color-emoji). Usage: python scripts/extension_screenshot.py [OUTPUT]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests"))

from extension_harness import (  # noqa: E402 - it lives with the tests, put on sys.path just above
    api_server,
    chromium_with_extension,
    configure_extension,
    page_server,
)

CHROMIUM = "/usr/bin/chromium"
DRAFT = (
    "🚀 Équipe Growth — Objective: Be known in our niche by the end of Q3\n"
    "KR: Raise aided brand recall from 12% to 20% by 30 September\n"
    "KR: Publish 6 customer case studies\n"
    "KR: Increase brand awareness"
)
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Team goals</title><style>
  body { margin: 0; background: #f4f5f7; font: 15px/1.5 system-ui, sans-serif; color: #172b4d; }
  header { padding: 14px 32px; background: #0747a6; color: #fff; font-weight: 600; }
  main { margin: 24px 32px; padding: 20px 24px; width: 720px; background: #fff; border-radius: 6px;
         box-shadow: 0 1px 2px rgb(9 30 66 / 25%); }
  label { display: block; margin-bottom: 6px; font-weight: 600; }
  textarea { box-sizing: border-box; width: 100%; height: 150px; padding: 10px; border: 2px solid #dfe1e6;
             border-radius: 4px; font: 15px/24px system-ui, sans-serif; color: #172b4d; resize: vertical; }
</style></head><body>
  <header>Acme · Team goals · Q3</header>
  <main><label for="okrs">Your team's OKRs</label><textarea id="okrs"></textarea></main>
</body></html>
"""


def main(output: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch, api_server() as api_url:
        site_dir = Path(scratch) / "site"
        site_dir.mkdir()
        (site_dir / "goals.html").write_text(PAGE, encoding="utf-8")
        with page_server(site_dir) as site, sync_playwright() as playwright, chromium_with_extension(
            playwright, CHROMIUM, Path(scratch) / "profile", viewport={"width": 900, "height": 600}
        ) as (context, extension_id):
            configure_extension(context, extension_id, api_url)
            page = context.new_page()
            page.goto(f"{site}/goals.html")
            page.click("#okrs")
            page.keyboard.type(DRAFT)
            mark = page.locator("okr-coach-overlay .mark[data-rules~='vague-change']").first
            mark.wait_for()
            box = mark.bounding_box()
            assert box is not None
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.locator("okr-coach-overlay .tooltip button.suggest").click()
            page.locator("okr-coach-overlay .tooltip .suggestion").first.wait_for()
            page.screenshot(path=str(output))
    print(f"wrote {output}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_ROOT / "docs" / "extension.png")
