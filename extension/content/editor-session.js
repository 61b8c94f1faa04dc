/**
 * One text box being coached: debounced checks through the worker, stale replies dropped, the
 * marks to draw, and rewrites fetched from /v1/coach and applied in place.
 */

import { itemSpan, rewritesFor } from "../lib/coach-adapter.js";
import { debounce } from "../lib/debounce.js";
import { carryMarks, isOkrDraft, marksFrom } from "../lib/marks.js";
import { RequestTracker } from "../lib/request-tracker.js";
import { worker } from "./messaging.js";

export const TYPING_PAUSE_MS = 300;

export class EditorSession {
  #tracker = new RequestTracker();
  #checkSoon = debounce(() => this.check(), TYPING_PAUSE_MS);
  #onUpdate;
  #markedText = ""; // the text `marks` are positioned in
  #checkedText = null; // the text of the last successful check: no need to ask again

  /** What to draw: `{offset, length, severity, findings}` in UTF-16 units of the editor's text. */
  marks = [];
  /** Findings in the last reply (set-level ones included), for the badge. */
  findingCount = 0;
  /** Why the last check failed, in words for the badge's tooltip; null when it worked. */
  problem = null;

  constructor(surface, onUpdate) {
    this.surface = surface;
    this.#onUpdate = onUpdate;
  }

  /** The user typed (or the editor got focus): keep the marks the edit did not touch, check after the pause. */
  textChanged() {
    const text = this.surface.text();
    if (text !== this.#markedText) {
      this.marks = carryMarks(this.marks, this.#markedText, text);
      this.#markedText = text;
      this.#onUpdate(this);
    }
    this.#checkSoon();
  }

  async check() {
    const text = this.surface.text();
    if (text.trim() === "") {
      this.#tracker.invalidate();
      this.#show(text, [], 0, null);
      return;
    }
    if (text === this.#checkedText) return;
    const ticket = this.#tracker.begin(text);
    try {
      const reply = await worker.check(text);
      if (!this.#tracker.isCurrent(ticket, this.surface.text())) return;
      const critiqued = isOkrDraft(reply);
      this.#show(text, critiqued ? marksFrom(reply.findings, text) : [], critiqued ? reply.findings.length : 0, null);
    } catch (error) {
      if (this.#tracker.isCurrent(ticket, this.surface.text())) this.#show(text, [], 0, error.message);
    }
  }

  /**
   * Rewrites the coach proposes for one objective or key result (`keyResult` null = the objective),
   * with the text they were made for, which `applyRewrite` needs to find the item again.
   */
  async suggestRewrites(objective, keyResult) {
    const text = this.surface.text();
    const reply = await worker.coach(text);
    return { reply, rewrites: rewritesFor(reply, objective, keyResult) };
  }

  /** Replace exactly the item's words by `replacement`, then check the new draft. */
  applyRewrite(suggestion, objective, keyResult, replacement) {
    const span = itemSpan(suggestion.reply, this.surface.text(), objective, keyResult);
    if (span === null) throw new Error("The draft changed since this suggestion was made: ask for a new one.");
    this.#tracker.invalidate();
    this.surface.replace(span.offset, span.length, replacement);
    this.textChanged();
  }

  dispose() {
    this.#checkSoon.cancel();
    this.#tracker.invalidate();
    this.surface.dispose();
  }

  #show(text, marks, findingCount, problem) {
    this.#markedText = text;
    this.#checkedText = problem === null ? text : null;
    this.marks = marks;
    this.findingCount = findingCount;
    this.problem = problem;
    this.#onUpdate(this);
  }
}
