/**
 * From the API's findings to what the content script draws: one mark per distinct span, carrying
 * every finding on that span, worst severity first.
 */

import { spanFits } from "./offsets.js";

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 };
const BADGE_MAX = 99;

/**
 * Only text the server reads as an OKR draft (at least one key result) is critiqued, so search
 * boxes, chat messages and comments stay free of underlines.
 */
export function isOkrDraft(reply) {
  return (reply?.okrs?.objectives ?? []).some((objective) => objective.key_results.length > 0);
}

/** Marks `{offset, length, severity, findings}` sorted by position, for findings that fit `text`. */
export function marksFrom(findings, text) {
  const bySpan = new Map();
  for (const finding of findings) {
    if (!spanFits(finding.offset, finding.length, text.length) || finding.length === 0) continue;
    const key = `${finding.offset}:${finding.length}`;
    if (!bySpan.has(key)) bySpan.set(key, { offset: finding.offset, length: finding.length, findings: [] });
    bySpan.get(key).findings.push(finding);
  }
  return [...bySpan.values()]
    .map((mark) => {
      const worstFirst = mark.findings.toSorted((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
      return { ...mark, findings: worstFirst, severity: worstFirst[0].severity };
    })
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
}

/** The marks under UTF-16 position `offset`, narrowest first (the most specific finding on top). */
export function marksAt(marks, offset) {
  return marks
    .filter((mark) => mark.offset <= offset && offset < mark.offset + mark.length)
    .sort((a, b) => a.length - b.length);
}

/** The badge text for a number of findings: empty for none, capped so it fits the icon. */
export function badgeText(count) {
  if (count <= 0) return "";
  return count > BADGE_MAX ? `${BADGE_MAX}+` : String(count);
}

/**
 * The marks of `oldText` that still hold in `newText`: those before the edited region stay,
 * those after it move by the edit's length, those touching it go (the next check redraws them).
 * Keeps underlines steady while the user types, instead of flickering until the next reply.
 */
export function carryMarks(marks, oldText, newText) {
  const shortest = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < shortest && oldText[prefix] === newText[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < shortest - prefix && oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]) {
    suffix += 1;
  }
  const editEnd = oldText.length - suffix;
  const shift = newText.length - oldText.length;
  return marks.flatMap((mark) => {
    if (mark.offset + mark.length <= prefix) return [mark];
    if (mark.offset >= editEnd) return [{ ...mark, offset: mark.offset + shift }];
    return [];
  });
}
