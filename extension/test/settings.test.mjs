import assert from "node:assert/strict";
import { test } from "node:test";

import { DEFAULT_SETTINGS, isSiteActive, parseApiUrl, parseSites, withDefaults } from "../lib/settings.js";

test("API URLs are normalised and bad ones explained", () => {
  assert.equal(parseApiUrl(" http://127.0.0.1:8000/ "), "http://127.0.0.1:8000");
  assert.equal(parseApiUrl("https://okr.example.com/coach/"), "https://okr.example.com/coach");
  assert.throws(() => parseApiUrl("ftp://127.0.0.1:8000"), /http:\/\/ or https:\/\//);
  assert.throws(() => parseApiUrl("127.0.0.1:8000"), /is not a URL/);
  assert.throws(() => parseApiUrl("not a url"), /is not a URL; e.g. http:\/\/127.0.0.1:8000/);
  assert.throws(() => parseApiUrl("http://h/?x=1"), /query/);
});

test("site patterns: one a line, comments and blanks ignored", () => {
  assert.deepEqual(parseSites("notion.so\n\n  *.Atlassian.net  # Jira and Confluence\n# off: docs.google.com"),
    ["notion.so", "*.atlassian.net"]);
});

test("a site pattern covers the host and its subdomains, * covers everything", () => {
  assert.ok(isSiteActive("www.notion.so", ["notion.so"]));
  assert.ok(isSiteActive("notion.so", ["*.notion.so"]));
  assert.ok(isSiteActive("acme.atlassian.net", ["*.atlassian.net"]));
  assert.ok(!isSiteActive("notnotion.so", ["notion.so"]));
  assert.ok(!isSiteActive("mail.example.com", ["notion.so"]));
  assert.ok(isSiteActive("127.0.0.1", ["*"]));
  assert.ok(!isSiteActive("example.com", []));
});

test("stored settings fall back to the defaults field by field", () => {
  assert.deepEqual(withDefaults({}), { apiUrl: DEFAULT_SETTINGS.apiUrl, apiKey: "", sites: ["*"] });
  assert.deepEqual(withDefaults({ apiUrl: "ftp://x", apiKey: " k ", sites: "bad" }),
    { apiUrl: DEFAULT_SETTINGS.apiUrl, apiKey: "k", sites: ["*"] });
  assert.equal(withDefaults({ apiUrl: "http://localhost:9000/" }).apiUrl, "http://localhost:9000");
});
