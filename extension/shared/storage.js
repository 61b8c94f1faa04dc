/** Settings in chrome.storage.local, shared by the service worker, content scripts and options page. */

import { DEFAULT_SETTINGS, withDefaults } from "../lib/settings.js";

export async function readSettings() {
  return withDefaults(await chrome.storage.local.get(Object.keys(DEFAULT_SETTINGS)));
}

export async function writeSettings(settings) {
  await chrome.storage.local.set(settings);
}

export function onSettingsChanged(callback) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local") readSettings().then(callback);
  });
}
