#!/usr/bin/env node
// Checks that bytes are a well-framed Sentry envelope, with @sentry/core's
// parseEnvelope plus the framing rules it takes on trust (envelope-check.mjs).
//
// Usage: node parse-envelope.mjs [FILE]      (stdin when FILE is absent or -)
//        --json  print the parsed envelope as JSON: [headers, [[itemHeaders, payload]...]]
// Exit status: 0 when it parses, 1 when it does not (the reason on stderr),
// 2 for a usage error.

import { readFileSync } from "node:fs";
import { checkEnvelope } from "./envelope-check.mjs";

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

let envelope;
try {
  envelope = checkEnvelope(bytes);
} catch (err) {
  process.stderr.write(`parse-envelope: ${err.message}\n`);
  process.exit(1);
}
if (printJson) {
  process.stdout.write(`${JSON.stringify(envelope)}\n`);
} else {
  const summary = envelope[1].map(([h]) => `${h.type} ${h.length}B`).join(", ");
  process.stdout.write(`ok: ${envelope[1].length} item(s)${summary ? `: ${summary}` : ""}\n`);
}
