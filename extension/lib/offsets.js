/**
 * Text positions, in UTF-16 code units like JavaScript strings and the API's `offset`/`length`.
 *
 * A contenteditable editor's text is spread over many text nodes plus line breaks that exist only
 * in the joined text (block boundaries, <br>). Such an editor is described here as a list of
 * segments `{text, node}`, where `node` is null for those virtual breaks, so spans can be mapped
 * back to nodes without touching the DOM.
 */

/** The UTF-16 index of the `codePoint`-th code point of `text` (the API's `start`/`end` are code points). */
export function codePointToUtf16(text, codePoint) {
  let index = 0;
  for (let seen = 0; seen < codePoint; seen += 1) {
    if (index >= text.length) {
      throw new RangeError(`code point ${codePoint} is past the end of a ${text.length}-unit text`);
    }
    index += text.codePointAt(index) > 0xffff ? 2 : 1;
  }
  return index;
}

export function joinSegments(segments) {
  return segments.map((segment) => segment.text).join("");
}

/** True when [offset, offset + length) lies inside a text of `textLength` units. */
export function spanFits(offset, length, textLength) {
  return Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0
    && offset + length <= textLength;
}

/**
 * The parts of the span [offset, offset + length) that fall in real (node-backed) segments:
 * `[{index, start, end}]` with `index` into `segments` and `start`/`end` inside its text.
 * Virtual segments are skipped: they have no node to underline or select.
 */
export function spanPieces(segments, offset, length) {
  const end = offset + length;
  const pieces = [];
  let position = 0;
  segments.forEach((segment, index) => {
    const segmentEnd = position + segment.text.length;
    const from = Math.max(offset, position);
    const to = Math.min(end, segmentEnd);
    if (segment.node !== null && from < to) {
      pieces.push({ index, start: from - position, end: to - position });
    }
    position = segmentEnd;
  });
  return pieces;
}

export function spliceText(text, offset, length, replacement) {
  return text.slice(0, offset) + replacement + text.slice(offset + length);
}
