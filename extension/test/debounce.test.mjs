import assert from "node:assert/strict";
import { beforeEach, mock, test } from "node:test";

import { debounce } from "../lib/debounce.js";

beforeEach(() => {
  mock.timers.reset();
  mock.timers.enable({ apis: ["setTimeout"] });
});

test("bursts of calls run once, with the last arguments, after the pause", () => {
  const calls = [];
  const check = debounce((text) => calls.push(text), 300);
  check("K");
  mock.timers.tick(200);
  check("KR");
  mock.timers.tick(299);
  assert.deepEqual(calls, []);
  mock.timers.tick(1);
  assert.deepEqual(calls, ["KR"]);
  mock.timers.tick(1000);
  assert.deepEqual(calls, ["KR"]);
});

test("cancel drops the pending call", () => {
  const calls = [];
  const check = debounce((text) => calls.push(text), 300);
  check("KR");
  assert.ok(check.pending());
  check.cancel();
  assert.ok(!check.pending());
  mock.timers.tick(500);
  assert.deepEqual(calls, []);
});

test("flush runs the pending call now and only once", () => {
  const calls = [];
  const check = debounce((text) => calls.push(text), 300);
  assert.equal(check.flush(), undefined); // nothing pending: nothing to run
  check("KR: Increase");
  check.flush();
  mock.timers.tick(500);
  assert.deepEqual(calls, ["KR: Increase"]);
});
