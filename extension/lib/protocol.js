/**
 * The message protocol between content scripts and the service worker.
 *
 * Versioned so a content script left in an open tab after the extension updates gets a clear
 * error instead of a silently misread message. Every request is `{v, type, payload}`; every
 * reply is `{v, ok: true, result}` or `{v, ok: false, error: {message, status}}`.
 */

export const PROTOCOL_VERSION = 1;

export const MessageType = Object.freeze({
  CHECK: "okr-coach/check",
  COACH: "okr-coach/coach",
  BADGE: "okr-coach/badge",
});

export class ProtocolError extends Error {}

/** An error the API or the worker reported; `status` is the HTTP status when there was one. */
export class RemoteError extends Error {
  constructor(message, status = null) {
    super(message);
    this.status = status;
  }
}

const PAYLOAD_CHECKS = {
  [MessageType.CHECK]: (p) => typeof p.text === "string" || "payload.text must be a string",
  [MessageType.COACH]: (p) => typeof p.text === "string" || "payload.text must be a string",
  [MessageType.BADGE]: (p) => {
    if (!Number.isInteger(p.count) || p.count < 0) return "payload.count must be a non-negative integer";
    return p.problem === undefined || typeof p.problem === "string" || "payload.problem must be a string if given";
  },
};

export function makeRequest(type, payload) {
  return { v: PROTOCOL_VERSION, type, payload };
}

/** The `{type, payload}` of a request, or a ProtocolError saying what is wrong with it. */
export function parseRequest(message) {
  if (message === null || typeof message !== "object") {
    throw new ProtocolError("a message must be an object");
  }
  if (message.v !== PROTOCOL_VERSION) {
    throw new ProtocolError(
      `protocol version ${message.v} is not ${PROTOCOL_VERSION}: reload the page to use the updated extension`,
    );
  }
  const check = PAYLOAD_CHECKS[message.type];
  if (!check) throw new ProtocolError(`unknown message type ${JSON.stringify(message.type)}`);
  if (message.payload === null || typeof message.payload !== "object") {
    throw new ProtocolError(`${message.type}: payload must be an object`);
  }
  const verdict = check(message.payload);
  if (verdict !== true) throw new ProtocolError(`${message.type}: ${verdict}`);
  return { type: message.type, payload: message.payload };
}

export function okReply(result) {
  return { v: PROTOCOL_VERSION, ok: true, result };
}

export function errorReply(message, status = null) {
  return { v: PROTOCOL_VERSION, ok: false, error: { message, status } };
}

/** The result of a reply, or the RemoteError it carries. */
export function unwrapReply(reply) {
  if (reply === undefined) throw new ProtocolError("the extension's service worker did not answer");
  if (reply === null || typeof reply !== "object" || reply.v !== PROTOCOL_VERSION) {
    throw new ProtocolError("the service worker answered in another protocol version: reload the page");
  }
  if (reply.ok) return reply.result;
  throw new RemoteError(reply.error?.message ?? "unknown error", reply.error?.status ?? null);
}
