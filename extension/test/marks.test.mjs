import assert from "node:assert/strict";
import { test } from "node:test";

import { badgeText, carryMarks, isOkrDraft, marksAt, marksFrom } from "../lib/marks.js";

const TEXT = "Objective: Be known\nKR: Increase brand awareness";
const KR = TEXT.indexOf("Increase");

function finding(rule, severity, offset, length) {
  return { rule, severity, message: `${rule} message`, hint: "hint", objective: 0, key_result: 0, offset, length };
}

test("findings on the same span share one mark, worst severity first", () => {
  const marks = marksFrom([
    finding("missing-deadline", "warning", KR, 24),
    finding("vague-change", "error", KR, 24),
    finding("too-few-key-results", "warning", 11, 8),
  ], TEXT);
  assert.deepEqual(marks.map((m) => [m.offset, m.length, m.severity]), [[11, 8, "warning"], [KR, 24, "error"]]);
  assert.deepEqual(marks[1].findings.map((f) => f.rule), ["vague-change", "missing-deadline"]);
});

test("findings without a span, with an empty one or one past the text are not drawn", () => {
  const marks = marksFrom([
    finding("too-many-objectives", "warning", null, null),
    finding("placeholder", "error", KR, 0),
    finding("vague-change", "error", KR, 500),
  ], TEXT);
  assert.deepEqual(marks, []);
});

test("marksAt finds the marks under a position, narrowest first", () => {
  const marks = marksFrom([finding("vague-change", "error", KR, 24), finding("compound", "warning", KR + 9, 5)], TEXT);
  assert.deepEqual(marksAt(marks, KR + 10).map((m) => m.length), [5, 24]);
  assert.deepEqual(marksAt(marks, KR + 24), []); // the end is exclusive
  assert.deepEqual(marksAt(marks, KR).map((m) => m.length), [24]);
});

test("only drafts with a key result are critiqued", () => {
  assert.ok(isOkrDraft({ okrs: { objectives: [{ title: "Be known", key_results: [{ text: "x" }] }] } }));
  assert.ok(!isOkrDraft({ okrs: { objectives: [{ title: "hello world", key_results: [] }] } }));
  assert.ok(!isOkrDraft(undefined));
});

test("badge text is empty for none and capped at 99+", () => {
  assert.equal(badgeText(0), "");
  assert.equal(badgeText(7), "7");
  assert.equal(badgeText(140), "99+");
});

test("carryMarks keeps marks before an edit, shifts those after it and drops those it touches", () => {
  const text = "Objective: Be known\nKR: Increase brand awareness\nKR: Ship it";
  const marks = marksFrom([
    finding("too-few-key-results", "warning", text.indexOf("Be known"), 8),
    finding("vague-change", "error", text.indexOf("Increase"), 24),
    finding("activity-key-result", "warning", text.indexOf("Ship it"), 7),
  ], text);
  const edited = text.replace("brand", "our brand");
  const carried = carryMarks(marks, text, edited);
  assert.deepEqual(carried.map((m) => edited.slice(m.offset, m.offset + m.length)), ["Be known", "Ship it"]);
  assert.deepEqual(carryMarks(marks, text, text), marks);
  const appended = carryMarks(marks, text, `${text}!`);
  assert.equal(appended.length, 3); // typing at the very end touches no mark
});

test("carryMarks shifts marks after an edit by its UTF-16 length (an emoji is two units)", () => {
  const text = "KR: Increase brand awareness";
  const marks = marksFrom([finding("vague-change", "error", 4, 24)], text);
  const edited = `🚀 ${text}`;
  const [moved] = carryMarks(marks, text, edited);
  assert.equal(edited.slice(moved.offset, moved.offset + moved.length), "Increase brand awareness");
});
