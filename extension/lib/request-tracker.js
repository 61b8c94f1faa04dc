/**
 * Drops stale replies: only the reply to the latest request, for the text still in the editor,
 * may be drawn. Replies can arrive out of order (a slow request overtaken by a fast one), and the
 * user may have typed again before the next debounced request is even sent.
 */
export class RequestTracker {
  #latestId = 0;

  /** A ticket for a new request about `text`; every earlier ticket becomes stale. */
  begin(text) {
    this.#latestId += 1;
    return { id: this.#latestId, text };
  }

  /** Make every outstanding ticket stale (the text was replaced, the editor went away). */
  invalidate() {
    this.#latestId += 1;
  }

  /** True when `ticket` is the latest one and the editor still holds the text it was about. */
  isCurrent(ticket, currentText) {
    return ticket.id === this.#latestId && ticket.text === currentText;
  }
}
