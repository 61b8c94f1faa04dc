/**
 * A contenteditable editor seen as text with positions. Its text is joined from the text nodes,
 * with a line break for each <br> and block boundary (so the API sees lines as the user does);
 * spans map back to nodes through lib/offsets.js and are measured with DOM Ranges.
 */

import { joinSegments, spanPieces } from "../lib/offsets.js";
import { replaceSelection } from "./replace.js";

const BLOCK_TAGS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DIV", "DL", "DT", "FIGCAPTION", "FIGURE", "FOOTER", "H1",
  "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "TABLE", "TD",
  "TH", "TR", "UL",
]);
const HIDDEN_TAGS = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);
const LINE_BREAK = Object.freeze({ text: "\n", node: null });

/** The editor's text as segments `{text, node}`; `node` is null for line breaks that have no text node. */
export function readSegments(host) {
  const segments = [];
  let endsWithBreak = true; // no break before the first block
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (HIDDEN_TAGS.has(node.nodeName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.data.length === 0) continue;
      segments.push({ text: node.data, node });
      endsWithBreak = node.data.endsWith("\n");
    } else if (node.nodeName === "BR" || (BLOCK_TAGS.has(node.nodeName) && !endsWithBreak)) {
      segments.push(LINE_BREAK);
      endsWithBreak = true;
    }
  }
  return segments;
}

export class EditableSurface {
  constructor(host) {
    this.element = host;
  }

  text() {
    return joinSegments(readSegments(this.element));
  }

  visibleRect() {
    const box = this.element.getBoundingClientRect();
    const width = this.element.clientWidth || box.width;
    const height = this.element.clientHeight || box.height;
    return new DOMRect(box.left + this.element.clientLeft, box.top + this.element.clientTop, width, height);
  }

  /** Viewport boxes of the characters [offset, offset + length): one Range per text node, so block boxes stay out. */
  rectsFor(offset, length) {
    return this.#ranges(offset, length).flatMap((range) => [...range.getClientRects()]);
  }

  replace(offset, length, replacement) {
    const ranges = this.#ranges(offset, length);
    if (ranges.length === 0) throw new Error("the text to replace is no longer in the editor");
    const range = document.createRange();
    range.setStart(ranges[0].startContainer, ranges[0].startOffset);
    range.setEnd(ranges.at(-1).endContainer, ranges.at(-1).endOffset);
    this.element.focus();
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    replaceSelection(this.element, replacement, () => {
      range.deleteContents();
      range.insertNode(document.createTextNode(replacement));
    });
  }

  dispose() {}

  #ranges(offset, length) {
    const segments = readSegments(this.element);
    return spanPieces(segments, offset, length).map(({ index, start, end }) => {
      const range = document.createRange();
      range.setStart(segments[index].node, start);
      range.setEnd(segments[index].node, end);
      return range;
    });
  }
}
