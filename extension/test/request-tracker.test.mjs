import assert from "node:assert/strict";
import { test } from "node:test";

import { RequestTracker } from "../lib/request-tracker.js";

test("only the latest request's reply is current", () => {
  const tracker = new RequestTracker();
  const slow = tracker.begin("KR: Incr");
  const fast = tracker.begin("KR: Increase");
  assert.ok(tracker.isCurrent(fast, "KR: Increase"));
  assert.ok(!tracker.isCurrent(slow, "KR: Increase")); // arrives last, still dropped
});

test("a reply for text the user has changed since is stale", () => {
  const tracker = new RequestTracker();
  const ticket = tracker.begin("KR: Increase");
  assert.ok(!tracker.isCurrent(ticket, "KR: Increase brand"));
});

test("invalidate makes outstanding requests stale", () => {
  const tracker = new RequestTracker();
  const ticket = tracker.begin("KR: Increase");
  tracker.invalidate();
  assert.ok(!tracker.isCurrent(ticket, "KR: Increase"));
  const next = tracker.begin("KR: Increase");
  assert.ok(next.id > ticket.id);
  assert.ok(tracker.isCurrent(next, "KR: Increase"));
});
