/** The options page: API URL, API key and active sites, saved to chrome.storage.local. */

import { callApi } from "../lib/api-client.js";
import { parseApiUrl, parseSites } from "../lib/settings.js";
import { readSettings, writeSettings } from "../shared/storage.js";

const HEALTH_TIMEOUT_MS = 5_000;
const form = document.getElementById("options");
const status = document.getElementById("status");

function say(message, tone) {
  status.textContent = message;
  status.className = tone;
}

/** The settings typed in the form, or an Error naming the field that is wrong. */
function formSettings() {
  return {
    apiUrl: parseApiUrl(form.apiUrl.value),
    apiKey: form.apiKey.value.trim(),
    sites: parseSites(form.sites.value),
  };
}

/**
 * The worker may call the API without CORS only with a host permission for its origin; ask for
 * it (the manifest grants 127.0.0.1 and localhost already). Without it the server must list this
 * extension in OKR_COACH_CORS_ORIGINS.
 */
async function ensureHostPermission(apiUrl) {
  const origins = [`${new URL(apiUrl).origin}/*`];
  return (await chrome.permissions.contains({ origins })) || chrome.permissions.request({ origins });
}

async function save(event) {
  event.preventDefault();
  let settings;
  try {
    settings = formSettings();
  } catch (error) {
    say(error.message, "error");
    return;
  }
  const permitted = await ensureHostPermission(settings.apiUrl).catch(() => false);
  await writeSettings(settings);
  say(permitted ? "Saved." : "Saved. Without the permission, the server must allow this extension (see below).",
    permitted ? "ok" : "error");
}

async function testConnection() {
  try {
    const fetchFromPage = (url, init) => fetch(url, init);
    const reply = await callApi(fetchFromPage, formSettings(), "/healthz", undefined, HEALTH_TIMEOUT_MS);
    say(`Connected: the API says ${JSON.stringify(reply.status ?? reply)}.`, "ok");
  } catch (error) {
    say(error.message, "error");
  }
}

const settings = await readSettings();
form.apiUrl.value = settings.apiUrl;
form.apiKey.value = settings.apiKey;
form.sites.value = settings.sites.join("\n");
document.getElementById("cors").textContent = `OKR_COACH_CORS_ORIGINS=${location.origin}`;
form.addEventListener("submit", save);
document.getElementById("test").addEventListener("click", testConnection);
