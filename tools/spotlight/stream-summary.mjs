#!/usr/bin/env node
// Reads Spotlight's /stream (server-sent events) and prints what arrived:
// one line per event item (level, message or exception, tags), per log
// (level, body), and per other item type, then totals.
//
// Spotlight replays what it holds (its last 500 envelopes) to every new
// reader, so this sees envelopes sent before it started.
//
// Usage: node stream-summary.mjs [--url http://127.0.0.1:8969] [--seconds 3]
//                                [--expect N] [--json] [--check]
//   --seconds  how long to listen (default 3)
//   --expect   stop as soon as N envelopes arrived; exit 1 if fewer did
//   --json     print the envelopes, one JSON array per line, instead
//   --check    also fetch the raw bytes Spotlight received for each envelope
//              (GET /envelope/<id>) and check them with @sentry/core's
//              parseEnvelope (envelope-check.mjs); exit 1 if one fails
// Exit status: 0, or 1 when Spotlight cannot be reached, --expect is not met
// or --check finds a malformed envelope.

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}
const base = option("--url", process.env.SPOTLIGHT_URL || "http://127.0.0.1:8969");
const seconds = Number(option("--seconds", "3"));
const expect = Number(option("--expect", "0"));
const asJson = process.argv.includes("--json");
const check = process.argv.includes("--check");

const envelopes = [];
const ids = [];
const controller = new AbortController();
const timer = setTimeout(() => controller.abort(), Math.max(0, seconds) * 1000);

function onEnvelope(data, id) {
  let envelope;
  try {
    envelope = JSON.parse(data);
  } catch {
    return;
  }
  envelopes.push(envelope);
  ids.push(id);
  if (expect > 0 && envelopes.length >= expect) controller.abort();
}

// Minimal SSE reader: events are blocks separated by a blank line; we keep
// the `data:` lines of `application/x-sentry-envelope` events.
async function read() {
  const url = new URL("/stream", base);
  url.searchParams.set("client", "sentry-cpp-stream-summary");
  const response = await fetch(url, { signal: controller.signal });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of response.body) {
    pending += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      const block = pending.slice(0, end);
      pending = pending.slice(end + 2);
      let type = "message";
      let id = "";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) type = line.slice(6).trim();
        else if (line.startsWith("id:")) id = line.slice(3).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (type.startsWith("application/x-sentry-envelope") && data.length) onEnvelope(data.join("\n"), id);
    }
  }
}

const messageOf = (event) => {
  const exception = event.exception?.values?.at(-1);
  const message = event.logentry?.formatted ?? event.logentry?.message ??
    (typeof event.message === "string" ? event.message : event.message?.formatted ?? event.message?.message);
  const parts = [];
  if (message) parts.push(JSON.stringify(message));
  if (exception) parts.push(`${exception.type}: ${exception.value ?? ""}`);
  return parts.join(" | ") || "(no message)";
};
const tagsOf = (tags) => {
  const pairs = Array.isArray(tags) ? tags : Object.entries(tags ?? {});
  return pairs.length ? ` tags{${pairs.map(([k, v]) => `${k}=${v}`).join(", ")}}` : "";
};

function summarize() {
  const counts = {};
  const lines = [];
  for (const [headers, items] of envelopes) {
    const sdk = headers?.sdk ? ` sdk=${headers.sdk.name}/${headers.sdk.version}` : "";
    for (const [itemHeaders, payload] of items ?? []) {
      const type = itemHeaders?.type ?? "?";
      counts[type] = (counts[type] ?? 0) + 1;
      if (type === "event" || type === "transaction") {
        const crumbs = payload.breadcrumbs?.values?.length ?? payload.breadcrumbs?.length ?? 0;
        lines.push(`  ${type} ${payload.level ?? ""} [${payload.logger ?? "-"}] ${messageOf(payload)}` +
          `${tagsOf(payload.tags)} breadcrumbs=${crumbs}${sdk}`);
      } else if (type === "log") {
        for (const log of payload.items ?? []) {
          counts["log record"] = (counts["log record"] ?? 0) + 1;
          const origin = log.attributes?.["sentry.origin"]?.value;
          lines.push(`  log ${log.level ?? ""} ${JSON.stringify(log.body ?? "")}` +
            (origin ? ` origin=${origin}` : ""));
        }
      } else if (type === "client_report") {
        const discarded = (payload.discarded_events ?? [])
          .map((d) => `${d.reason}/${d.category}=${d.quantity}`).join(", ");
        lines.push(`  client_report ${discarded || "(nothing discarded)"}`);
      } else {
        lines.push(`  ${type}`);
      }
    }
  }
  const totals = Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ");
  console.log(`Spotlight at ${base} received ${envelopes.length} envelope(s)` +
    `${totals ? `: ${totals}` : ""}`);
  for (const line of lines) console.log(line);
}

let failed = false;
try {
  await read();
} catch (err) {
  if (err.name !== "AbortError") {
    console.error(`stream-summary: cannot read ${base}/stream: ${err.cause?.message ?? err.message}`);
    failed = true;
  }
}
clearTimeout(timer);

// The raw bytes of each envelope, as Spotlight received them.
async function checkRaw() {
  const { checkEnvelope } = await import("./envelope-check.mjs");
  let bad = 0;
  for (const id of ids) {
    const response = await fetch(new URL(`/envelope/${id}`, base));
    const bytes = new Uint8Array(await response.arrayBuffer());
    try {
      if (!response.ok) throw new Error(`GET /envelope/${id} answered ${response.status}`);
      const [, items] = checkEnvelope(bytes);
      console.error(`raw envelope ${id}: ${bytes.length} bytes, ${items.length} item(s), parseEnvelope ok`);
    } catch (err) {
      console.error(`raw envelope ${id}: ${err.message}`);
      bad += 1;
    }
  }
  return bad === 0;
}

if (!failed && check && !(await checkRaw())) failed = true;
if (!failed) {
  if (asJson) for (const envelope of envelopes) console.log(JSON.stringify(envelope));
  else summarize();
  if (expect > 0 && envelopes.length < expect) {
    console.error(`stream-summary: expected ${expect} envelope(s), got ${envelopes.length}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
