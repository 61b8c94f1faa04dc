import assert from "node:assert/strict";
import { test } from "node:test";

import {
  errorReply, makeRequest, MessageType, okReply, parseRequest, PROTOCOL_VERSION, ProtocolError, RemoteError,
  unwrapReply,
} from "../lib/protocol.js";

test("a request made by makeRequest parses back to its type and payload", () => {
  const parsed = parseRequest(makeRequest(MessageType.CHECK, { text: "KR: Increase brand awareness" }));
  assert.deepEqual(parsed, { type: MessageType.CHECK, payload: { text: "KR: Increase brand awareness" } });
  assert.equal(parseRequest(makeRequest(MessageType.BADGE, { count: 3 })).payload.count, 3);
  assert.equal(parseRequest(makeRequest(MessageType.BADGE, { count: 0, problem: "API down" })).payload.problem, "API down");
});

test("requests from another protocol version are refused with advice", () => {
  assert.throws(() => parseRequest({ v: PROTOCOL_VERSION + 1, type: MessageType.CHECK, payload: { text: "" } }),
    (error) => error instanceof ProtocolError && /reload the page/.test(error.message));
});

test("malformed requests name what is wrong", () => {
  const cases = [
    [null, /must be an object/],
    [{ v: PROTOCOL_VERSION, type: "okr-coach/nope", payload: {} }, /unknown message type/],
    [{ v: PROTOCOL_VERSION, type: MessageType.CHECK }, /payload must be an object/],
    [makeRequest(MessageType.COACH, { text: 42 }), /payload.text must be a string/],
    [makeRequest(MessageType.BADGE, { count: -1 }), /non-negative integer/],
    [makeRequest(MessageType.BADGE, { count: 1.5 }), /non-negative integer/],
    [makeRequest(MessageType.BADGE, { count: 0, problem: 404 }), /problem must be a string/],
  ];
  for (const [message, pattern] of cases) {
    assert.throws(() => parseRequest(message), (error) => error instanceof ProtocolError && pattern.test(error.message));
  }
});

test("replies unwrap to their result or throw the remote error with its status", () => {
  assert.deepEqual(unwrapReply(okReply({ findings: [] })), { findings: [] });
  assert.throws(() => unwrapReply(errorReply("The API refused the request", 401)),
    (error) => error instanceof RemoteError && error.status === 401 && error.message === "The API refused the request");
});

test("a missing or foreign reply is a protocol error, not a crash", () => {
  assert.throws(() => unwrapReply(undefined), /did not answer/);
  assert.throws(() => unwrapReply({ ok: true, result: 1 }), /another protocol version/);
});
