/**
 * A <textarea> seen as text with positions. A textarea has no DOM for its characters, so the span
 * boxes come from a mirror: an invisible element over the textarea with the same box, font and
 * wrapping, whose text holds the span in its own <span>.
 */

import { replaceSelection } from "./replace.js";

// Everything that affects where a character lands.
const MIRRORED_PROPERTIES = [
  "direction", "fontFamily", "fontSize", "fontStyle", "fontVariant", "fontWeight", "fontStretch",
  "fontFeatureSettings", "fontKerning", "letterSpacing", "lineHeight", "tabSize", "textAlign", "textIndent",
  "textTransform", "whiteSpace", "wordBreak", "overflowWrap", "wordSpacing", "paddingTop", "paddingRight",
  "paddingBottom", "paddingLeft", "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth",
];

export class TextareaSurface {
  #mirror;

  constructor(textarea, mirrorParent) {
    this.element = textarea;
    this.#mirror = document.createElement("div");
    this.#mirror.className = "mirror";
    mirrorParent.append(this.#mirror);
  }

  text() {
    return this.element.value;
  }

  /** The part of the viewport where the textarea shows text: inside its borders, without scrollbars. */
  visibleRect() {
    const box = this.element.getBoundingClientRect();
    return new DOMRect(box.left + this.element.clientLeft, box.top + this.element.clientTop,
      this.element.clientWidth, this.element.clientHeight);
  }

  /** Viewport boxes of the characters [offset, offset + length), as laid out in the textarea. */
  rectsFor(offset, length) {
    this.#syncMirror();
    const text = this.text();
    const span = document.createElement("span");
    span.textContent = text.slice(offset, offset + length);
    // The zero-width space gives a trailing newline its line, as the textarea does.
    this.#mirror.replaceChildren(text.slice(0, offset), span, `${text.slice(offset + length)}\u200b`);
    this.#mirror.scrollTop = this.element.scrollTop;
    this.#mirror.scrollLeft = this.element.scrollLeft;
    return [...span.getClientRects()];
  }

  replace(offset, length, replacement) {
    this.element.focus();
    this.element.setSelectionRange(offset, offset + length);
    replaceSelection(this.element, replacement,
      () => this.element.setRangeText(replacement, offset, offset + length, "end"));
  }

  dispose() {
    this.#mirror.remove();
  }

  #syncMirror() {
    const computed = getComputedStyle(this.element);
    const style = this.#mirror.style;
    for (const property of MIRRORED_PROPERTIES) style[property] = computed[property];
    const box = this.element.getBoundingClientRect();
    // Without the scrollbar's width, so lines wrap where the textarea wraps them.
    style.left = `${box.left}px`;
    style.top = `${box.top}px`;
    const borders = (a, b) => parseFloat(computed[a]) + parseFloat(computed[b]);
    style.width = `${this.element.clientWidth + borders("borderLeftWidth", "borderRightWidth")}px`;
    style.height = `${this.element.clientHeight + borders("borderTopWidth", "borderBottomWidth")}px`;
  }
}
