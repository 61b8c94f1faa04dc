/**
 * Draws the underlines and owns the tooltip. Everything lives in one shadow root laid over the
 * page (position: fixed), so page styles cannot reach it and it never changes the page's layout.
 * Marks are boxes under each span's line boxes, clipped to the editor's visible area and redrawn
 * on the next frame after any scroll, resize or new reply.
 */

import { Tooltip } from "./tooltip.js";

const px = (value) => `${value}px`;

function contains(rect, x, y) {
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}

function intersects(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function markBox(mark, rect, clip, excerpt) {
  const box = document.createElement("div");
  box.className = `mark ${mark.severity}`;
  box.dataset.rules = mark.findings.map((finding) => finding.rule).join(" ");
  box.dataset.offset = String(mark.offset);
  box.dataset.length = String(mark.length);
  box.dataset.excerpt = excerpt;
  Object.assign(box.style, {
    left: px(rect.left - clip.left), top: px(rect.top - clip.top), width: px(rect.width), height: px(rect.height),
  });
  return box;
}

export class Overlay {
  #root;
  #layers = new Map(); // session -> its layer element
  #hits = []; // {session, mark, rects, clip}: what the pointer can hover, in viewport coordinates
  #frame = 0;
  #tooltip;
  #resizes = new ResizeObserver(() => this.scheduleLayout());

  constructor() {
    const host = document.createElement("okr-coach-overlay");
    host.style.cssText = "all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;";
    this.#root = host.attachShadow({ mode: "open" });
    const styles = document.createElement("link");
    styles.rel = "stylesheet";
    styles.href = chrome.runtime.getURL("content/overlay.css");
    this.#root.append(styles);
    document.documentElement.append(host);
    this.#tooltip = new Tooltip(this.#root);
    addEventListener("scroll", () => this.scheduleLayout(), { capture: true, passive: true });
    addEventListener("resize", () => this.scheduleLayout(), { passive: true });
    document.addEventListener("mousemove", (event) => this.#hover(event), { capture: true, passive: true });
    document.addEventListener("keydown", (event) => event.key === "Escape" && this.#tooltip.hide(), true);
  }

  /** Where editors' helper elements (the textarea mirrors) go: inside the shadow root, out of the page. */
  get mirrorParent() {
    return this.#root;
  }

  add(session) {
    const layer = document.createElement("div");
    layer.className = "layer";
    this.#root.append(layer);
    this.#layers.set(session, layer);
    this.#resizes.observe(session.surface.element);
  }

  remove(session) {
    this.#layers.get(session)?.remove();
    this.#layers.delete(session);
    this.#resizes.unobserve(session.surface.element);
    this.#tooltip.hideFor(session);
    this.scheduleLayout();
  }

  scheduleLayout() {
    if (this.#frame !== 0) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#layout();
    });
  }

  #layout() {
    this.#hits = [];
    for (const [session, layer] of this.#layers) {
      const clip = session.surface.visibleRect();
      Object.assign(layer.style, {
        left: px(clip.left), top: px(clip.top), width: px(clip.width), height: px(clip.height),
      });
      const text = session.surface.text();
      const boxes = [];
      for (const mark of session.marks) {
        const rects = session.surface.rectsFor(mark.offset, mark.length)
          .filter((rect) => rect.width > 0 && rect.height > 0 && intersects(rect, clip));
        this.#hits.push({ session, mark, rects, clip });
        const excerpt = text.slice(mark.offset, mark.offset + mark.length);
        boxes.push(...rects.map((rect) => markBox(mark, rect, clip, excerpt)));
      }
      layer.replaceChildren(...boxes);
    }
    this.#tooltip.hideIfGone(new Set(this.#hits.map((hit) => hit.mark)));
  }

  #hover(event) {
    if (event.composedPath().includes(this.#tooltip.element)) {
      this.#tooltip.keep();
      return;
    }
    const { clientX: x, clientY: y } = event;
    const under = this.#hits
      .map((hit) => ({ ...hit, rect: hit.rects.find((rect) => contains(rect, x, y)) }))
      .filter((hit) => hit.rect !== undefined && contains(hit.clip, x, y));
    if (under.length === 0) {
      this.#tooltip.hideSoon();
      return;
    }
    const session = under[0].session;
    const hits = under.filter((hit) => hit.session === session).sort((a, b) => a.mark.length - b.mark.length);
    this.#tooltip.show(session, hits.map((hit) => hit.mark), hits[0].rect);
  }
}
