/**
 * The extension's settings: where the API is, its key, and the sites the extension works on.
 * Stored in chrome.storage.local (not sync: the API key stays on this machine).
 */

export const DEFAULT_SETTINGS = Object.freeze({
  apiUrl: "http://127.0.0.1:8000",
  apiKey: "",
  sites: Object.freeze(["*"]),
});

/** A usable API base URL (no trailing slash), or an Error that says what to type instead. */
export function parseApiUrl(raw) {
  const trimmed = String(raw ?? "").trim();
  let url;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`API URL ${JSON.stringify(trimmed)} is not a URL; e.g. ${DEFAULT_SETTINGS.apiUrl}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`API URL must start with http:// or https://, not ${url.protocol}//`);
  }
  if (url.search || url.hash) throw new Error("API URL must not have a ?query or #fragment");
  return url.href.replace(/\/+$/, "");
}

/** Site patterns from the options text box: one a line; blank lines and # comments ignored. */
export function parseSites(raw) {
  return String(raw ?? "")
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim().toLowerCase())
    .filter((line) => line.length > 0);
}

/**
 * True when the extension should work on `hostname`. A pattern is `*` (every site), a host name
 * (that host and its subdomains: `notion.so` covers `www.notion.so`) or `*.host` (the same).
 */
export function isSiteActive(hostname, patterns) {
  const host = hostname.toLowerCase();
  return patterns.some((pattern) => {
    if (pattern === "*") return true;
    const domain = pattern.replace(/^\*\./, "");
    return host === domain || host.endsWith(`.${domain}`);
  });
}

/** Stored values merged over the defaults, so a missing or broken entry falls back sanely. */
export function withDefaults(stored) {
  const settings = { ...DEFAULT_SETTINGS, ...stored };
  return {
    apiUrl: safeApiUrl(settings.apiUrl),
    apiKey: typeof settings.apiKey === "string" ? settings.apiKey.trim() : "",
    sites: Array.isArray(settings.sites) ? settings.sites : [...DEFAULT_SETTINGS.sites],
  };
}

function safeApiUrl(raw) {
  try {
    return parseApiUrl(raw);
  } catch {
    return DEFAULT_SETTINGS.apiUrl;
  }
}
