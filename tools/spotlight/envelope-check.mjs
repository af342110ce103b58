// checkEnvelope(bytes): parses envelope bytes with @sentry/core's
// parseEnvelope (a validator nobody here wrote) and checks the framing rules
// parseEnvelope takes on trust:
//   - every item header has a numeric `length` (PROTOCOL §2: we always write it),
//   - the byte after each payload is "\n" or the end of the input,
//   - payloads of JSON item types (event, log, client_report, ...) parse as
//     JSON objects.
// Returns [headers, [[itemHeaders, payload]...]] (JSON payloads parsed,
// others as {binary_bytes}); throws an Error saying what is wrong.
// Used by parse-envelope.mjs and stream-summary.mjs --check.

import { parseEnvelope } from "@sentry/core";

const JSON_TYPES = new Set([
  "event", "transaction", "log", "client_report", "session", "sessions", "check_in",
  "span", "user_report", "feedback", "profile", "trace_metric",
]);

export function checkEnvelope(bytes) {
  if (bytes.length === 0) throw new Error("empty input");
  let envelope;
  try {
    envelope = parseEnvelope(new Uint8Array(bytes));
  } catch (err) {
    throw new Error(`@sentry/core parseEnvelope failed: ${err.message}`);
  }
  const [headers, items] = envelope;
  if (headers === null || typeof headers !== "object" || Array.isArray(headers)) {
    throw new Error("the envelope header is not a JSON object");
  }

  // Walk the framing again to check what parseEnvelope does not.
  let pos = bytes.indexOf(0x0a);
  if (pos < 0) pos = bytes.length;
  pos += 1;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const out = [];
  for (let i = 0; i < items.length; i += 1) {
    const [itemHeaders, payload] = items[i];
    const where = `item ${i} (${itemHeaders?.type ?? "no type"})`;
    if (typeof itemHeaders?.type !== "string") throw new Error(`${where}: no "type" in the item header`);
    if (typeof itemHeaders.length !== "number") throw new Error(`${where}: no numeric "length" in the item header`);
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new Error(`${where}: the item header is not followed by a newline`);
    pos = end + 1 + itemHeaders.length;
    if (pos > bytes.length) throw new Error(`${where}: length ${itemHeaders.length} runs past the end of the input`);
    if (pos < bytes.length && bytes[pos] !== 0x0a) {
      throw new Error(`${where}: the byte after its ${itemHeaders.length}-byte payload is not a newline`);
    }
    pos += 1;
    let value = payload;
    if (JSON_TYPES.has(itemHeaders.type)) {
      try {
        value = JSON.parse(decoder.decode(payload));
      } catch (err) {
        throw new Error(`${where}: the payload is not valid UTF-8 JSON: ${err.message}`);
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new Error(`${where}: the payload is not a JSON object`);
      }
    } else {
      value = { binary_bytes: payload.length };
    }
    out.push([itemHeaders, value]);
  }
  return [headers, out];
}
