"""The browser extension end to end: real Chromium with the unpacked extension, a real `okr-coach serve`,
and a page on loopback. Typing a draft must underline exactly the vague key result, also when emoji and
accents come before it, and applying the coach's rewrite must replace exactly that key result.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from extension_harness import (
    api_server,
    chromium_with_extension,
    configure_extension,
    extension_id_of,
    free_port,
    page_server,
)
from playwright.sync_api import BrowserContext, Locator, Page, Worker, sync_playwright

from coach.core.keys import key_digest, new_key

KEY_RESULT = "Increase brand awareness"
PLAIN_DRAFT = f"Objective: Be known in our niche\nKR: {KEY_RESULT}"
# An emoji (two UTF-16 units, one code point) and accents before the problem: underlines must not shift.
EMOJI_DRAFT = f"🚀 Équipe café — Objective: Be known in our niche\nKR: {KEY_RESULT}"
EDITORS = ["#draft", "#editor"]  # a textarea and a contenteditable editor
REPLY_TIMEOUT_MS = 15_000

TEST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Team OKRs</title><style>
  body { margin: 32px; font: 16px/1.5 sans-serif; }
  #draft, #editor { display: block; box-sizing: border-box; width: 640px; margin-bottom: 16px; padding: 8px 10px;
                    border: 1px solid #999; font: 16px/24px sans-serif; }
  #draft { height: 140px; }
  #editor { min-height: 100px; }
</style></head><body>
  <textarea id="draft"></textarea>
  <div id="editor" contenteditable="true"></div>
  <output id="echo"></output>
  <script>
    // Like a framework's state: only updated through input events.
    for (const editor of document.querySelectorAll("#draft, #editor")) {
      editor.addEventListener("input", () => {
        document.getElementById("echo").value = editor.value ?? editor.innerText;
      });
    }
  </script>
</body></html>
"""


@pytest.fixture(scope="module")
def api_url() -> Iterator[str]:
    with api_server() as url:
        yield url


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    directory = tmp_path_factory.mktemp("site")
    (directory / "okrs.html").write_text(TEST_PAGE, encoding="utf-8")
    with page_server(directory) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium_path: str, api_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    with sync_playwright() as playwright, chromium_with_extension(
        playwright, chromium_path, tmp_path_factory.mktemp("profile")
    ) as (context, extension_id):
        configure_extension(context, extension_id, api_url)
        yield context


@pytest.fixture
def page(browser: BrowserContext, site: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    page = browser.new_page()
    page.goto(f"{site}/okrs.html?case={request.node.name}")
    yield page
    page.close()


def api_check(api_url: str, text: str) -> dict:
    reply = httpx.post(f"{api_url}/v1/check", json={"text": text}, timeout=10)
    reply.raise_for_status()
    return reply.json()


def marks(page: Page, rule: str) -> Locator:
    return page.locator(f"okr-coach-overlay .mark[data-rules~='{rule}']")


def editor_text(page: Page, selector: str) -> str:
    """The editor's text with line breaks, as the extension sends it."""
    return page.eval_on_selector(selector, "e => e.value ?? e.innerText.replace(/\\n$/, '')")


def expected_box(page: Page, selector: str, needle: str) -> dict[str, float]:
    """Where the browser itself draws `needle` in the editor, measured independently of the extension:
    canvas text metrics for a textarea (it has no DOM for its text), a Range for contenteditable."""
    return page.eval_on_selector(selector, """(editor, needle) => {
        if (editor instanceof HTMLTextAreaElement) {
            const style = getComputedStyle(editor);
            const context = document.createElement("canvas").getContext("2d");
            context.font = style.font;
            const lines = editor.value.split("\\n");
            const row = lines.findIndex((line) => line.includes(needle));
            const before = lines[row].slice(0, lines[row].indexOf(needle));
            const box = editor.getBoundingClientRect();
            const lineHeight = parseFloat(style.lineHeight);
            const top = box.top + editor.clientTop + parseFloat(style.paddingTop) + row * lineHeight;
            return {x: box.left + editor.clientLeft + parseFloat(style.paddingLeft) + context.measureText(before).width,
                    width: context.measureText(needle).width, top, bottom: top + lineHeight};
        }
        const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(needle);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + needle.length);
            const rect = range.getBoundingClientRect();
            return {x: rect.left, width: rect.width, top: rect.top, bottom: rect.bottom};
        }
        throw new Error("needle not in editor");
    }""", needle)


def badge_of(browser: BrowserContext, page: Page) -> dict[str, str]:
    """The badge text and tooltip the extension shows for the page's tab."""
    worker: Worker = browser.service_workers[0]
    return worker.evaluate("""async (url) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
        return {text: await chrome.action.getBadgeText({tabId: tab.id}),
                title: await chrome.action.getTitle({tabId: tab.id})};
    }""", page.url)


def wait_for_badge(browser: BrowserContext, page: Page, text: str) -> dict[str, str]:
    """The page's badge once it shows `text` (the worker sets it when the page reports a check)."""
    for _ in range(REPLY_TIMEOUT_MS // 100):
        badge = badge_of(browser, page)
        if badge["text"] == text:
            return badge
        page.wait_for_timeout(100)
    raise AssertionError(f"the badge shows {badge!r}, not {text!r}")


def point_at(page: Page, mark: Locator) -> dict[str, float]:
    """Move the pointer over an underline, as a person would (the marks let clicks through to the editor)."""
    box = mark.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    return box


def type_draft(page: Page, selector: str, draft: str) -> None:
    page.click(selector)
    page.keyboard.type(draft)  # Enter for each line break: contenteditable makes blocks, as for a person


@pytest.mark.parametrize("selector", EDITORS)
@pytest.mark.parametrize("draft", [PLAIN_DRAFT, EMOJI_DRAFT], ids=["plain", "emoji-and-accents"])
def test_typing_underlines_exactly_the_vague_key_result(
    browser: BrowserContext, page: Page, api_url: str, selector: str, draft: str
) -> None:
    type_draft(page, selector, draft)
    underline = marks(page, "vague-change")
    underline.first.wait_for(timeout=REPLY_TIMEOUT_MS)

    assert underline.count() == 1  # one line, one box
    assert underline.get_attribute("data-excerpt") == KEY_RESULT
    drawn = point_at(page, underline)
    expected = expected_box(page, selector, KEY_RESULT)
    assert drawn["x"] == pytest.approx(expected["x"], abs=1.5)
    assert drawn["width"] == pytest.approx(expected["width"], abs=1.5)
    assert expected["top"] - 1 <= drawn["y"] and drawn["y"] + drawn["height"] <= expected["bottom"] + 1

    reply = api_check(api_url, editor_text(page, selector))
    vague = next(f for f in reply["findings"] if f["rule"] == "vague-change")
    tooltip = page.locator("okr-coach-overlay .tooltip")
    tooltip.wait_for(state="visible")
    assert "vague-change" in tooltip.inner_text()
    assert vague["message"] in tooltip.inner_text()
    assert vague["hint"] in tooltip.inner_text()

    wait_for_badge(browser, page, str(len(reply["findings"])))


@pytest.mark.parametrize("selector", EDITORS)
def test_applying_a_suggested_rewrite_replaces_exactly_the_key_result(page: Page, selector: str) -> None:
    type_draft(page, selector, EMOJI_DRAFT)
    underline = marks(page, "vague-change")
    underline.first.wait_for(timeout=REPLY_TIMEOUT_MS)
    point_at(page, underline)

    page.locator("okr-coach-overlay .tooltip button.suggest").click()
    rewrite = page.locator("okr-coach-overlay .tooltip .suggestion .rewrite").first
    rewrite.wait_for(timeout=REPLY_TIMEOUT_MS)
    proposed = rewrite.inner_text()
    assert proposed and proposed != KEY_RESULT
    page.locator("okr-coach-overlay .tooltip button.apply").first.click()

    expected = EMOJI_DRAFT.replace(KEY_RESULT, proposed)
    page.wait_for_function("([s, t]) => { const e = document.querySelector(s); return (e.value ?? e.innerText) "
                           ".replace(/\\n$/, '') === t; }", arg=[selector, expected])
    assert page.eval_on_selector("#echo", "e => e.value").rstrip("\n") == expected  # the page saw an input event
    expect_gone = marks(page, "vague-change")
    expect_gone.first.wait_for(state="detached", timeout=REPLY_TIMEOUT_MS)  # re-checked: that problem is fixed


def test_an_unreachable_api_is_explained_on_the_badge_and_in_the_options(
    browser: BrowserContext, page: Page, api_url: str
) -> None:
    extension_id = extension_id_of(browser)
    dead_url = f"http://127.0.0.1:{free_port()}"
    configure_extension(browser, extension_id, dead_url)
    try:
        type_draft(page, "#draft", PLAIN_DRAFT)
        badge = wait_for_badge(browser, page, "!")
        assert dead_url in badge["title"] and "okr-coach serve" in badge["title"]
        assert marks(page, "vague-change").count() == 0

        options = browser.new_page()
        options.goto(f"chrome-extension://{extension_id}/options/options.html")
        options.click("#test")
        options.wait_for_selector("#status.error")
        assert "Cannot reach the OKR Coach API" in options.inner_text("#status")
        options.close()
    finally:
        configure_extension(browser, extension_id, api_url)


def test_the_api_key_from_the_options_is_sent_and_a_wrong_one_explained(browser: BrowserContext, page: Page,
                                                                         api_url: str) -> None:
    key = new_key()
    extension_id = extension_id_of(browser)
    with api_server({"OKR_COACH_API_KEYS": key_digest(key)}) as guarded_url:
        try:
            configure_extension(browser, extension_id, guarded_url, api_key=f"not-{key}")
            type_draft(page, "#draft", PLAIN_DRAFT)
            badge = wait_for_badge(browser, page, "!")
            assert "403" in badge["title"] and "set a valid API key" in badge["title"]

            configure_extension(browser, extension_id, guarded_url, api_key=key)
            page.keyboard.type(" ")  # a new check with the new key
            marks(page, "vague-change").first.wait_for(timeout=REPLY_TIMEOUT_MS)
        finally:
            configure_extension(browser, extension_id, api_url)
