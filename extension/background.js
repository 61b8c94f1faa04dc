/**
 * The service worker: the only part that talks to the OKR Coach API (page CORS rules do not bind
 * it, and the API key never enters web pages), and the owner of the per-tab badge.
 */

import { callApi, CHECK_TIMEOUT_MS, COACH_TIMEOUT_MS } from "./lib/api-client.js";
import { badgeText } from "./lib/marks.js";
import { errorReply, MessageType, okReply, parseRequest } from "./lib/protocol.js";
import { readSettings } from "./shared/storage.js";

const FINDINGS_COLOR = "#c5221f";
const PROBLEM_COLOR = "#5f6368";

const fetchFromWorker = (url, init) => fetch(url, init);

const handlers = {
  [MessageType.CHECK]: async ({ text }) =>
    callApi(fetchFromWorker, await readSettings(), "/v1/check", { text }, CHECK_TIMEOUT_MS),
  [MessageType.COACH]: async ({ text }) =>
    callApi(fetchFromWorker, await readSettings(), "/v1/coach", { text }, COACH_TIMEOUT_MS),
  [MessageType.BADGE]: async ({ count, problem }, sender) => showBadge(sender.tab?.id, count, problem),
};

/** The tab's badge: its number of findings, or "!" with the reason in the tooltip when checks fail. */
async function showBadge(tabId, count, problem) {
  if (tabId === undefined) return null;
  const text = problem ? "!" : badgeText(count);
  const title = problem ? `OKR Coach: ${problem}` : `OKR Coach: ${count} finding${count === 1 ? "" : "s"} on this page`;
  await Promise.all([
    chrome.action.setBadgeText({ tabId, text }),
    chrome.action.setBadgeBackgroundColor({ tabId, color: problem ? PROBLEM_COLOR : FINDINGS_COLOR }),
    chrome.action.setTitle({ tabId, title }),
  ]);
  return null;
}

async function answer(message, sender) {
  try {
    const { type, payload } = parseRequest(message);
    return okReply(await handlers[type](payload, sender));
  } catch (error) {
    return errorReply(error.message, error.status ?? null);
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  answer(message, sender).then(sendResponse);
  return true; // the reply is sent asynchronously
});

chrome.action.onClicked.addListener(() => chrome.runtime.openOptionsPage());
