import assert from "node:assert/strict";
import { test } from "node:test";

import { itemSpan, rewritesFor } from "../lib/coach-adapter.js";

const TEXT = "🚀 Équipe café — Objective: Be known in our niche\nKR: Increase brand awareness";
const cp = (needle) => [...TEXT.slice(0, TEXT.indexOf(needle))].length; // code points, as the API counts

const REPLY = {
  okrs: { objectives: [{
    title: "🚀 Équipe café — Objective: Be known in our niche", start: 0, end: cp("\n"),
    key_results: [{ text: "Increase brand awareness", start: cp("Increase"), end: cp("Increase") + 24 }],
  }] },
  suggestions: [
    { action: "rewrite", objective: 0, key_result: 0, original: "Increase brand awareness",
      texts: ["Increase aided brand recall from [baseline] to [target] by [deadline]"],
      slots: ["[baseline]", "[target]", "[deadline]"], rationale: "Say how far.", fixes: ["vague-change"],
      verified: true },
    { action: "split", objective: 0, key_result: 0, texts: ["a", "b"], rationale: "", fixes: [], verified: true },
    { action: "add-key-result", objective: 0, key_result: null, texts: ["NPS from 30 to 45"], verified: true },
    { action: "rewrite", objective: 0, key_result: null, texts: ["Be the first name in our niche"], verified: false },
  ],
};

test("rewritesFor keeps the in-place rewrites of exactly the item asked for", () => {
  const rewrites = rewritesFor(REPLY, 0, 0);
  assert.deepEqual(rewrites.map((r) => r.text), ["Increase aided brand recall from [baseline] to [target] by [deadline]"]);
  assert.deepEqual(rewrites[0].fixes, ["vague-change"]);
  assert.deepEqual(rewritesFor(REPLY, 0, null).map((r) => [r.text, r.verified]), [["Be the first name in our niche", false]]);
  assert.deepEqual(rewritesFor(REPLY, 1, 0), []);
  assert.deepEqual(rewritesFor({}, 0, 0), []);
});

test("itemSpan turns the reply's code-point span into a UTF-16 span of the current text", () => {
  const span = itemSpan(REPLY, TEXT, 0, 0);
  assert.equal(TEXT.slice(span.offset, span.offset + span.length), "Increase brand awareness");
  assert.equal(span.offset, TEXT.indexOf("Increase")); // the emoji's extra unit is accounted for
  const objective = itemSpan(REPLY, TEXT, 0, null);
  assert.equal(TEXT.slice(objective.offset, objective.offset + objective.length), REPLY.okrs.objectives[0].title);
});

test("itemSpan refuses when the text changed since the reply or the item is unknown", () => {
  assert.equal(itemSpan(REPLY, TEXT.replace("Increase", "Grow"), 0, 0), null);
  assert.equal(itemSpan(REPLY, "short", 0, 0), null);
  assert.equal(itemSpan(REPLY, TEXT, 0, 3), null);
  assert.equal(itemSpan(REPLY, TEXT, 2, null), null);
});
