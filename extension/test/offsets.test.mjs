import assert from "node:assert/strict";
import { test } from "node:test";

import { codePointToUtf16, joinSegments, spanFits, spanPieces, spliceText } from "../lib/offsets.js";

const EMOJI_DRAFT = "🚀 Équipe café — Objective: Be known\nKR: Increase brand awareness";

test("code points map to UTF-16 indices: an emoji counts twice, accents once", () => {
  assert.equal(codePointToUtf16("abc", 2), 2);
  assert.equal(codePointToUtf16("🚀 a", 1), 2);
  const krCodePoint = [...EMOJI_DRAFT].indexOf("I"); // what the API's `start` says
  const krIndex = codePointToUtf16(EMOJI_DRAFT, krCodePoint);
  assert.equal(krIndex, krCodePoint + 1);
  assert.equal(EMOJI_DRAFT.slice(krIndex, krIndex + 24), "Increase brand awareness");
  assert.equal(codePointToUtf16("é🚀", 2), 3); // the end of the text is a valid position
});

test("code points past the end are a RangeError", () => {
  assert.throws(() => codePointToUtf16("🚀", 2), RangeError);
});

test("spanFits rejects negative, fractional and overlong spans", () => {
  assert.ok(spanFits(0, 3, 3));
  assert.ok(!spanFits(1, 3, 3));
  assert.ok(!spanFits(-1, 1, 3));
  assert.ok(!spanFits(0.5, 1, 3));
  assert.ok(!spanFits(null, 1, 3));
});

// A contenteditable editor: "🚀 Équipe " in a <b>, "café" in a text node, a block break, then the KR
// split over two nodes as editors do when part of it is styled.
const SEGMENTS = [
  { text: "🚀 Équipe ", node: "b" },
  { text: "café", node: "t1" },
  { text: "\n", node: null },
  { text: "KR: Increase ", node: "t2" },
  { text: "brand awareness", node: "em" },
];

test("a span is mapped to the nodes that hold it, in UTF-16 units of each node", () => {
  const text = joinSegments(SEGMENTS);
  const offset = text.indexOf("Increase brand awareness");
  const pieces = spanPieces(SEGMENTS, offset, "Increase brand awareness".length);
  assert.deepEqual(pieces, [{ index: 3, start: 4, end: 13 }, { index: 4, start: 0, end: 15 }]);
  const covered = pieces.map((p) => SEGMENTS[p.index].text.slice(p.start, p.end)).join("");
  assert.equal(covered, "Increase brand awareness");
});

test("virtual line breaks are skipped: a span across them maps to the real text on both sides", () => {
  const text = joinSegments(SEGMENTS);
  const offset = text.indexOf("café");
  const pieces = spanPieces(SEGMENTS, offset, "café\nKR:".length);
  assert.deepEqual(pieces, [{ index: 1, start: 0, end: 4 }, { index: 3, start: 0, end: 3 }]);
});

test("an empty span or one in a virtual break has no pieces", () => {
  assert.deepEqual(spanPieces(SEGMENTS, 3, 0), []);
  const breakAt = joinSegments(SEGMENTS).indexOf("\n");
  assert.deepEqual(spanPieces(SEGMENTS, breakAt, 1), []);
});

test("spliceText replaces exactly the span", () => {
  const offset = EMOJI_DRAFT.indexOf("Increase");
  assert.equal(spliceText(EMOJI_DRAFT, offset, 24, "Raise aided recall from 12% to 20%"),
    "🚀 Équipe café — Objective: Be known\nKR: Raise aided recall from 12% to 20%");
});
