#!/usr/bin/env node
// Checks that bytes are a well-framed Sentry envelope, with @sentry/core's
// parseEnvelope (a validator nobody here wrote) plus the framing rules
// parseEnvelope takes on trust:
//   - every item header has a numeric `length` (PROTOCOL §2: we always write it),
//   - the byte after each payload is "\n" or the end of the input,
//   - payloads of JSON item types (event, log, client_report, ...) parse as
//     JSON objects.
//
// Usage: node parse-envelope.mjs [FILE]      (stdin when FILE is absent or -)
//        --json  print the parsed envelope as JSON: [headers, [[itemHeaders, payload]...]]
// Exit status: 0 when it parses, 1 when it does not (the reason on stderr),
// 2 for a usage error.

import { readFileSync } from "node:fs";
import { parseEnvelope } from "@sentry/core";

const JSON_TYPES = new Set([
  "event", "transaction", "log", "client_report", "session", "sessions", "check_in",
  "span", "user_report", "feedback", "profile", "trace_metric",
]);

function fail(reason) {
  process.stderr.write(`parse-envelope: ${reason}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const printJson = args.includes("--json");
const files = args.filter((a) => a !== "--json");
if (files.length > 1 || files.some((f) => f.startsWith("--"))) {
  process.stderr.write("usage: parse-envelope.mjs [--json] [FILE|-]\n");
  process.exit(2);
}
let bytes;
try {
  bytes = readFileSync(files.length && files[0] !== "-" ? files[0] : 0);
} catch (err) {
  process.stderr.write(`parse-envelope: ${err.message}\n`);
  process.exit(2);
}
if (bytes.length === 0) fail("empty input");

let envelope;
try {
  envelope = parseEnvelope(new Uint8Array(bytes));
} catch (err) {
  fail(`@sentry/core parseEnvelope failed: ${err.message}`);
}
const [headers, items] = envelope;
if (headers === null || typeof headers !== "object" || Array.isArray(headers)) {
  fail("the envelope header is not a JSON object");
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
  if (typeof itemHeaders?.type !== "string") fail(`${where}: no "type" in the item header`);
  if (typeof itemHeaders.length !== "number") fail(`${where}: no numeric "length" in the item header`);
  let end = bytes.indexOf(0x0a, pos);
  if (end < 0) fail(`${where}: the item header is not followed by a newline`);
  pos = end + 1 + itemHeaders.length;
  if (pos > bytes.length) fail(`${where}: length ${itemHeaders.length} runs past the end of the input`);
  if (pos < bytes.length && bytes[pos] !== 0x0a) {
    fail(`${where}: the byte after its ${itemHeaders.length}-byte payload is not a newline`);
  }
  pos += 1;
  let value = payload;
  if (JSON_TYPES.has(itemHeaders.type)) {
    try {
      value = JSON.parse(decoder.decode(payload));
    } catch (err) {
      fail(`${where}: the payload is not valid UTF-8 JSON: ${err.message}`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      fail(`${where}: the payload is not a JSON object`);
    }
  } else {
    value = { binary_bytes: payload.length };
  }
  out.push([itemHeaders, value]);
}

if (printJson) {
  process.stdout.write(`${JSON.stringify([headers, out])}\n`);
} else {
  const summary = out.map(([h]) => `${h.type} ${h.length}B`).join(", ");
  process.stdout.write(`ok: ${out.length} item(s)${summary ? `: ${summary}` : ""}\n`);
}
