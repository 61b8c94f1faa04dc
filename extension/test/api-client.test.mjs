import assert from "node:assert/strict";
import { test } from "node:test";

import { buildRequest, callApi, describeFailure } from "../lib/api-client.js";
import { RemoteError } from "../lib/protocol.js";

const LOCAL = { apiUrl: "http://127.0.0.1:8000", apiKey: "", sites: ["*"] };

test("a POST carries JSON and, when a key is set, both key headers", () => {
  const { url, init } = buildRequest({ ...LOCAL, apiKey: "s3cret" }, "/v1/check", { text: "KR: x" });
  assert.equal(url, "http://127.0.0.1:8000/v1/check");
  assert.equal(init.method, "POST");
  assert.equal(init.body, '{"text":"KR: x"}');
  assert.equal(init.headers["Content-Type"], "application/json");
  assert.equal(init.headers["X-API-Key"], "s3cret");
  assert.equal(init.headers.Authorization, "Bearer s3cret");
});

test("without a key no auth header is sent; without a body it is a GET", () => {
  const { init } = buildRequest(LOCAL, "/healthz", undefined);
  assert.equal(init.method, "GET");
  assert.equal(init.body, undefined);
  assert.ok(!("X-API-Key" in init.headers) && !("Authorization" in init.headers));
});

test("failures quote the API's field-by-field detail", () => {
  const body = { error: "The request is invalid; see detail for each field.",
    detail: [{ field: "text", message: "give exactly one of 'text' or 'okrs'", type: "value_error" }] };
  assert.equal(describeFailure(422, body, "u"),
    "The API at u answered 422. The request is invalid; see detail for each field. text: give exactly one of 'text' or 'okrs'");
  assert.match(describeFailure(401, { detail: "missing API key" }, "u"), /set a valid API key in the extension's options\. missing API key/);
  assert.match(describeFailure(404, null, "u"), /API URL/);
});

test("callApi returns the JSON reply of a real HTTP exchange", async () => {
  const seen = [];
  const fakeFetch = async (url, init) => {
    seen.push([url, init.method]);
    return new Response(JSON.stringify({ status: "ok" }), { status: 200 });
  };
  assert.deepEqual(await callApi(fakeFetch, LOCAL, "/healthz", undefined, 1000), { status: "ok" });
  assert.deepEqual(seen, [["http://127.0.0.1:8000/healthz", "GET"]]);
});

test("callApi turns HTTP errors and network failures into RemoteErrors that say what to do", async () => {
  const tooLarge = async () => new Response(JSON.stringify({ error: "Too large.", detail: [] }), { status: 413 });
  await assert.rejects(callApi(tooLarge, LOCAL, "/v1/check", { text: "x" }, 1000),
    (error) => error instanceof RemoteError && error.status === 413 && /Too large/.test(error.message));
  const down = async () => { throw new TypeError("Failed to fetch"); };
  await assert.rejects(callApi(down, LOCAL, "/v1/check", { text: "x" }, 1000),
    (error) => error instanceof RemoteError && error.status === null && /okr-coach serve/.test(error.message));
});
