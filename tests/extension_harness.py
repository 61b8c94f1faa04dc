"""Run the browser extension for real: a local `okr-coach serve`, a page on loopback, and Chromium
with the unpacked extension loaded. Used by the end-to-end test and by scripts/extension_screenshot.py.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import BrowserContext, Playwright
from servers import free_port, wait_until_healthy

REPO_ROOT = Path(__file__).resolve().parent.parent
EXTENSION_DIR = REPO_ROOT / "extension"
# What Chromium needs to run in a container without a display (see the shared browser notes).
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
STARTUP_TIMEOUT_S = 20.0


@contextmanager
def api_server(env: dict[str, str] | None = None) -> Iterator[str]:
    """A real `okr-coach serve` on a free loopback port; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "coach", "serve", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, cwd=REPO_ROOT, env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, lambda: process.stderr.read() if process.stderr else "", STARTUP_TIMEOUT_S)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""


@contextmanager
def page_server(directory: Path) -> Iterator[str]:
    """Serve `directory` over HTTP on loopback (content scripts do not run on file:// pages by default)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium_with_extension(playwright: Playwright, chromium_path: str, user_data_dir: Path,
                            viewport: dict[str, int] | None = None) -> Iterator[tuple[BrowserContext, str]]:
    """Chromium with the unpacked extension loaded; yields the context and the extension's id."""
    context = playwright.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=chromium_path, headless=False,  # headless=new comes from the args
        args=[*CHROMIUM_ARGS, f"--disable-extensions-except={EXTENSION_DIR}", f"--load-extension={EXTENSION_DIR}"],
        viewport=viewport or {"width": 1000, "height": 700},
    )
    try:
        yield context, extension_id_of(context)
    finally:
        context.close()


def extension_id_of(context: BrowserContext) -> str:
    """The loaded extension's id, from its service worker's chrome-extension://<id>/ URL."""
    worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
    return worker.url.split("/")[2]


def configure_extension(context: BrowserContext, extension_id: str, api_url: str, api_key: str = "") -> None:
    """Point the extension at `api_url` (with `api_key`) the way a user does: through its options page."""
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id}/options/options.html")
    page.fill("#apiUrl", api_url)
    page.fill("#apiKey", api_key)
    page.click("button[type=submit]")
    page.wait_for_selector("#status.ok")
    page.close()
