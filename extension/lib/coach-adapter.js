/**
 * The one place that knows the shape of a POST /v1/coach reply (coach/coach_schemas.py,
 * `CoachResponse`): the check result plus `suggestions`, each naming an objective and key result
 * by index with the proposed `texts`. Everything else in the extension works with what this
 * module returns, so a change in that contract is a change here only.
 */

import { codePointToUtf16 } from "./offsets.js";

/** Actions whose single proposed text can replace the item in place. */
const IN_PLACE_ACTIONS = new Set(["rewrite"]);

/**
 * Rewrites offered for objective `objective` (and key result `keyResult`, or null for the
 * objective itself): `[{text, rationale, verified, slots, fixes}]`.
 */
export function rewritesFor(coachReply, objective, keyResult) {
  return (coachReply?.suggestions ?? [])
    .filter((s) => IN_PLACE_ACTIONS.has(s.action) && s.objective === objective
      && (s.key_result ?? null) === keyResult && s.texts?.length === 1)
    .map((s) => ({
      text: s.texts[0],
      rationale: s.rationale ?? "",
      verified: Boolean(s.verified),
      slots: s.slots ?? [],
      fixes: s.fixes ?? [],
    }));
}

/**
 * The UTF-16 span `{offset, length}` of an objective or key result in `text`, from the reply's
 * parsed draft (whose `start`/`end` are code points); null when the reply does not locate it or
 * `text` no longer holds it there (the user typed since).
 */
export function itemSpan(reply, text, objective, keyResult) {
  const parsed = reply?.okrs?.objectives?.[objective];
  const item = keyResult === null ? parsed : parsed?.key_results?.[keyResult];
  if (!item || !Number.isInteger(item.start) || !Number.isInteger(item.end)) return null;
  let offset;
  let end;
  try {
    offset = codePointToUtf16(text, item.start);
    end = codePointToUtf16(text, item.end);
  } catch {
    return null;
  }
  const expected = keyResult === null ? item.title : item.text;
  return text.slice(offset, end) === expected ? { offset, length: end - offset } : null;
}
