/** The content script's side of the message protocol: every API call goes through the worker. */

import { makeRequest, MessageType, unwrapReply } from "../lib/protocol.js";

async function ask(type, payload) {
  let reply;
  try {
    reply = await chrome.runtime.sendMessage(makeRequest(type, payload));
  } catch (error) {
    // The extension was reloaded or updated under this page.
    throw new Error(`OKR Coach was updated: reload the page (${error.message})`);
  }
  return unwrapReply(reply);
}

export const worker = {
  check: (text) => ask(MessageType.CHECK, { text }),
  coach: (text) => ask(MessageType.COACH, { text }),
  badge: (count, problem) => ask(MessageType.BADGE, problem ? { count, problem } : { count }),
};
