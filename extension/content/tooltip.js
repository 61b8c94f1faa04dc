/**
 * The card shown over underlined words: each finding's rule, message and hint, and a "Suggest a
 * rewrite" button that asks the coach and offers its rewrites to apply in place.
 */

const HIDE_DELAY_MS = 300; // time to move the pointer from the words to the card
const MARGIN = 8;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The objective or key result the findings are about, if any: what a rewrite would replace. */
function itemOf(marks) {
  const finding = marks.flatMap((mark) => mark.findings).find((f) => Number.isInteger(f.objective));
  return finding ? { objective: finding.objective, keyResult: finding.key_result ?? null } : null;
}

export class Tooltip {
  element = element("div", "tooltip");
  #shown = null; // {session, marks}
  #hideTimer = 0;

  constructor(root) {
    this.element.hidden = true;
    this.element.setAttribute("role", "dialog");
    // Keep the focus (and caret) in the editor when the card is clicked.
    this.element.addEventListener("mousedown", (event) => event.preventDefault());
    root.append(this.element);
  }

  show(session, marks, anchor) {
    this.keep();
    const same = this.#shown?.session === session && this.#shown.marks.length === marks.length
      && this.#shown.marks.every((mark, i) => mark === marks[i]);
    if (same && !this.element.hidden) return;
    this.#shown = { session, marks };
    this.element.replaceChildren(...this.#findings(marks), ...this.#rewriteArea(session, marks));
    this.element.hidden = false;
    this.#place(anchor);
  }

  keep() {
    clearTimeout(this.#hideTimer);
    this.#hideTimer = 0;
  }

  hideSoon() {
    if (this.element.hidden || this.#hideTimer !== 0) return;
    this.#hideTimer = setTimeout(() => this.hide(), HIDE_DELAY_MS);
  }

  hide() {
    this.keep();
    this.element.hidden = true;
    this.#shown = null;
  }

  hideFor(session) {
    if (this.#shown?.session === session) this.hide();
  }

  /** Hide the card when the marks it describes were redrawn away (new reply, edited text). */
  hideIfGone(liveMarks) {
    if (this.#shown && !this.#shown.marks.every((mark) => liveMarks.has(mark))) this.hide();
  }

  #findings(marks) {
    const seen = new Set();
    return marks.flatMap((mark) => mark.findings).filter((f) => !seen.has(f.rule) && seen.add(f.rule)).map((f) => {
      const card = element("section", `finding ${f.severity}`);
      const heading = element("header");
      heading.append(element("code", "rule", f.rule), element("span", "severity", f.severity));
      card.append(heading, element("p", "message", f.message), element("p", "hint", f.hint));
      return card;
    });
  }

  #rewriteArea(session, marks) {
    const item = itemOf(marks);
    if (item === null) return [];
    const area = element("div", "rewrites");
    const button = element("button", "suggest", "Suggest a rewrite");
    button.type = "button";
    button.addEventListener("click", () => this.#suggest(session, item, area, button));
    area.append(button);
    return [area];
  }

  async #suggest(session, item, area, button) {
    button.disabled = true;
    button.textContent = "Asking the coach…";
    try {
      const suggestion = await session.suggestRewrites(item.objective, item.keyResult);
      const options = suggestion.rewrites
        .map((rewrite) => this.#rewriteOption(session, item, suggestion, rewrite, area));
      const none = element("p", "note", "The coach has no rewrite for this one.");
      area.replaceChildren(...(options.length ? options : [none]));
    } catch (error) {
      area.replaceChildren(element("p", "problem", error.message));
    }
  }

  #rewriteOption(session, item, suggestion, rewrite, area) {
    const option = element("div", "suggestion");
    option.append(element("p", "rewrite", rewrite.text));
    if (rewrite.rationale) option.append(element("p", "rationale", rewrite.rationale));
    const checks = rewrite.verified ? "The rubric finds no error in it." : "The rubric still finds problems in it.";
    const slots = rewrite.slots.length ? ` Fill in ${rewrite.slots.join(", ")}.` : "";
    option.append(element("p", "note", checks + slots));
    const apply = element("button", "apply", "Apply");
    apply.type = "button";
    apply.addEventListener("click", () => {
      try {
        session.applyRewrite(suggestion, item.objective, item.keyResult, rewrite.text);
        this.hide();
      } catch (error) {
        area.append(element("p", "problem", error.message));
      }
    });
    option.append(apply);
    return option;
  }

  #place(anchor) {
    const card = this.element.getBoundingClientRect();
    const left = Math.max(MARGIN, Math.min(anchor.left, innerWidth - card.width - MARGIN));
    const below = anchor.bottom + 2;
    const top = below + card.height <= innerHeight - MARGIN ? below : Math.max(MARGIN, anchor.top - card.height - 2);
    this.element.style.left = `${left}px`;
    this.element.style.top = `${top}px`;
  }
}
