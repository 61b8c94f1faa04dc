"""Benchmark the extension as a user feels it: from the last keystroke to the underline on screen.

Runs real Chromium with the unpacked extension against a local `okr-coach serve` (as the e2e test
does) and prints the median and worst delay over several drafts, next to the typing pause the
extension waits for (debounce) and the bare /v1/check round trip.
Run: python bench/bench_extension.py [--drafts 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests"))
from extension_harness import (  # noqa: E402 - it lives with the tests, put on sys.path just above
    api_server,
    chromium_with_extension,
    configure_extension,
    page_server,
)

DEBOUNCE_MS = 300  # TYPING_PAUSE_MS in extension/content/editor-session.js
PAGE = '<!doctype html><meta charset="utf-8"><textarea id="draft" style="width:600px;height:200px"></textarea>'

# Timestamps taken in the page itself, so the figure does not include Playwright's polling.
WATCH_PAGE = """() => {
    document.addEventListener("input", () => { window.lastInputAt = performance.now(); }, true);
    const overlay = document.querySelector("okr-coach-overlay").shadowRoot;
    new MutationObserver(() => {
        if (window.drawnAt === null && overlay.querySelector(".mark[data-rules~='vague-change']")) {
            window.drawnAt = performance.now();
        }
    }).observe(overlay, {childList: true, subtree: true});
}"""


def draft(i: int) -> str:
    return f"🚀 Team {i} — Objective: Be known in our niche\nKR: Increase brand awareness"


def main(drafts: int) -> None:
    with tempfile.TemporaryDirectory() as scratch, api_server() as api_url:
        site_dir = Path(scratch) / "site"
        site_dir.mkdir()
        (site_dir / "page.html").write_text(PAGE, encoding="utf-8")
        round_trips = []
        for i in range(drafts):
            started = time.perf_counter()
            httpx.post(f"{api_url}/v1/check", json={"text": draft(i)}).raise_for_status()
            round_trips.append(time.perf_counter() - started)
        with page_server(site_dir) as site, sync_playwright() as playwright, chromium_with_extension(
            playwright, "/usr/bin/chromium", Path(scratch) / "profile"
        ) as (context, extension_id):
            configure_extension(context, extension_id, api_url)
            page = context.new_page()
            page.goto(f"{site}/page.html")
            page.click("#draft")
            page.wait_for_selector("okr-coach-overlay", state="attached")  # the content script is up
            page.evaluate(WATCH_PAGE)
            delays = []
            for i in range(drafts):
                page.fill("#draft", "")
                page.locator("okr-coach-overlay .mark").first.wait_for(state="detached")
                page.evaluate("window.drawnAt = null")
                page.keyboard.type(draft(i))
                page.locator("okr-coach-overlay .mark[data-rules~='vague-change']").first.wait_for()
                delays.append(page.evaluate("window.drawnAt - window.lastInputAt") / 1000)
    ms = lambda seconds: f"{seconds * 1000:.0f} ms"  # noqa: E731
    print(f"drafts: {drafts}; typing pause (debounce): {DEBOUNCE_MS} ms")
    print(f"/v1/check round trip over HTTP: median {ms(statistics.median(round_trips))}")
    print(f"last keystroke -> underline drawn: median {ms(statistics.median(delays))}, worst {ms(max(delays))}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=15)
    main(parser.parse_args().drafts)
