#!/usr/bin/env node
// Spotlight (Sentry's local receiver and web UI), started from its own server
// code with three differences from its stock CLI:
//   - it listens on 127.0.0.1 only (the CLI listens on every interface);
//   - it sends no telemetry of its own: the CLI's instrument.js (Sentry.init
//     with a sentry.io DSN) is never loaded, the web UI's telemetry module is
//     served as a no-op, and the UI's Content-Security-Policy no longer allows
//     sentry.io;
//   - only the receiver routes are mounted (POST /api/<id>/envelope/, POST and
//     GET /stream, GET /envelope/<id>, /health, DELETE /clear) and the UI; not
//     /open (launches an editor), /contextlines (fetches URLs) or /mcp.
//
// Usage: node server.mjs [--port N]      (or SPOTLIGHT_PORT; default 8969)
// Stops on SIGTERM or SIGINT. tools/spotlight/spotlight starts it in the
// background.

import { readFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { cors } from "hono/cors";

const HOST = "127.0.0.1";

function parsePort(argv) {
  let text = process.env.SPOTLIGHT_PORT || "8969";
  const at = argv.indexOf("--port");
  if (at >= 0 && at + 1 < argv.length) text = argv[at + 1];
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`spotlight: invalid port '${text}'`);
    process.exit(2);
  }
  return port;
}

// Spotlight's package exports only its entry points; its route modules are
// loaded by path from the installed (pinned) package.
const serverDir = new URL("./node_modules/@spotlightjs/spotlight/dist/server/", import.meta.url);
const load = (path) => import(new URL(path, serverDir).href);
const { default: streamRoutes } = await load("routes/stream/index.js");
const { default: healthRoutes } = await load("routes/health.js");
const { default: clearRoutes } = await load("routes/clear.js");
const { SERVER_IDENTIFIER } = await load("constants.js");
const { serveFilesHandler } = await load("handlers/fileToServe.js");

// The web UI, as the CLI serves it, minus its telemetry.
function uiFiles() {
  const uiDir = new URL("../ui/", serverDir);
  const read = (name) => readFileSync(new URL(name, uiDir));
  const files = Object.create(null);
  const manifest = JSON.parse(read("manifest.json").toString());
  for (const entry of Object.values(manifest)) {
    if (entry && typeof entry.file === "string") files[entry.file] = read(entry.file);
  }
  files["index.html"] = Buffer.from(
    read("index.html").toString().replace(/\s*https:\/\/\*\.sentry\.io/g, ""));
  files["assets/instrumentation.js"] = Buffer.from(
    "export default function init() {}\nexport function getIntegrations() { return []; }\n");
  return files;
}

const isLoopbackOrigin = (origin) => {
  try {
    return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(origin).hostname);
  } catch {
    return false;
  }
};

const port = parsePort(process.argv.slice(2));
const app = new Hono()
  .use(cors({ origin: (origin) => (isLoopbackOrigin(origin) ? origin : null) }))
  .use(async (ctx, next) => {
    ctx.header("X-Powered-By", SERVER_IDENTIFIER);  // how Spotlight tools recognise it
    ctx.header("server-timing", `sentrySpotlightPort;desc=${port}`);  // read by the UI
    await next();
  })
  .route("/health", healthRoutes)
  .route("/clear", clearRoutes)
  .route("/", streamRoutes)
  .get("/*", serveFilesHandler(uiFiles()));

const server = serve({ fetch: app.fetch, port, hostname: HOST }, (info) => {
  console.log(`spotlight: listening on http://${HOST}:${info.port} (web UI: http://localhost:${info.port})`);
});
server.on("error", (err) => {
  console.error(`spotlight: ${err.message}`);
  process.exit(1);
});

const stop = () => {
  server.close();
  server.closeAllConnections?.();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
