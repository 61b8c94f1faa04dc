/**
 * Calls to the OKR Coach API, made by the service worker only. `fetchFn` is passed in so the
 * request building and error wording can be exercised without a browser.
 */

import { RemoteError } from "./protocol.js";

export const CHECK_TIMEOUT_MS = 10_000;
export const COACH_TIMEOUT_MS = 60_000; // a model behind /v1/coach may take a while

/** The fetch URL and options for a POST of `body` (or a GET when body is undefined). */
export function buildRequest(settings, path, body) {
  const headers = { Accept: "application/json" };
  if (settings.apiKey) {
    headers["X-API-Key"] = settings.apiKey;
    headers.Authorization = `Bearer ${settings.apiKey}`;
  }
  const init = { method: body === undefined ? "GET" : "POST", headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  return { url: `${settings.apiUrl}${path}`, init };
}

/** A sentence for a failed reply: the API's own field-by-field detail when it sent one. */
export function describeFailure(status, body, url) {
  const detail = Array.isArray(body?.detail)
    ? body.detail.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join("; ")
    : typeof body?.detail === "string" ? body.detail : "";
  const said = [body?.error, detail].filter(Boolean).join(" ");
  if (status === 401 || status === 403) {
    const advice = `The API at ${url} refused the request (${status}): set a valid API key in the extension's options.`;
    return [advice, said].filter(Boolean).join(" ");
  }
  if (status === 404) {
    return `The API at ${url} has no such endpoint (404): is the API URL in the options right, `
      + "and okr-coach up to date?";
  }
  return `The API at ${url} answered ${status}. ${said}`.trim();
}

/** The JSON reply of `path`, or a RemoteError whose message says what to do about it. */
export async function callApi(fetchFn, settings, path, body, timeoutMs) {
  const { url, init } = buildRequest(settings, path, body);
  let response;
  try {
    response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const why = error?.name === "TimeoutError"
      ? `no answer within ${timeoutMs / 1000} s`
      : String(error?.message ?? error);
    throw new RemoteError(
      `Cannot reach the OKR Coach API at ${settings.apiUrl} (${why}). Start it with \`okr-coach serve\` `
      + "or fix the API URL in the extension's options.",
    );
  }
  const reply = await response.json().catch(() => null);
  if (!response.ok) throw new RemoteError(describeFailure(response.status, reply, url), response.status);
  if (reply === null) throw new RemoteError(`The API at ${url} did not answer with JSON`, response.status);
  return reply;
}
