#!/usr/bin/env bash
# End to end: an example sends with the SDK's own HTTP transport to our local
# Spotlight (tools/spotlight/server.mjs on 127.0.0.1, a free port); Spotlight
# must have received what the example's scenario says (EXAMPLES.md), and every
# raw envelope it received must parse with @sentry/core's parseEnvelope.
#
#   spotlight_e2e.sh <core_example binary> <repository>
#   spotlight_e2e.sh <sink example binary> <repository> <library>
#       a sink's example with SENTRY_ENABLE_LOGS=1: one error event with its
#       tags and exception, and the three records as logs of origin
#       auto.log.<library>
#
# Exit 77 (ctest: skipped) with a message when node or tools/spotlight's npm
# packages are missing (tools/test installs them).
set -euo pipefail
example="${1:?usage: spotlight_e2e.sh <core_example> <repository>}"
repo="${2:?usage: spotlight_e2e.sh <core_example> <repository>}"
library="${3:-}"
spotlight="$repo/tools/spotlight"

skip() { echo "SKIPPED: $*"; exit 77; }
command -v node > /dev/null || skip "node is not installed"
[ -d "$spotlight/node_modules/@spotlightjs/spotlight" ] && [ -d "$spotlight/node_modules/@sentry/core" ] ||
  skip "tools/spotlight has no node_modules (run npm ci there, or tools/test)"

work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A free port on 127.0.0.1 (bound, read, released).
port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
node "$spotlight/server.mjs" --port "$port" > "$work/spotlight.log" 2>&1 < /dev/null &
pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 300); do
  node -e "fetch('$url/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" && break
  kill -0 "$pid" 2> /dev/null || { cat "$work/spotlight.log"; echo "spotlight did not start"; exit 1; }
  sleep 0.1
done

# The example, configured from the environment only: Spotlight, no Sentry.
run_example() {
  env -u SENTRY_DSN -u http_proxy -u HTTP_PROXY -u all_proxy -u ALL_PROXY \
    SENTRY_SPOTLIGHT="$url/stream" SENTRY_RELEASE="e2e@1" "$@" "$example" | tee "$work/example.txt"
}
expect_line() {
  grep -qF -- "$1" "$work/summary.txt" || { echo "missing from what Spotlight received: $1"; exit 1; }
}

if [ -z "$library" ]; then
  run_example
  node "$spotlight/stream-summary.mjs" --url "$url" --expect 2 --seconds 30 --check | tee "$work/summary.txt"
  expect_line 'received 2 envelope(s): 2 event'
  expect_line '"inventory low for sku-17"'
  expect_line 'runtime_error: payment declined'
  expect_line 'example=core'
  echo "e2e: Spotlight received the example's 2 events; every raw envelope parses with @sentry/core"
else
  run_example SENTRY_ENABLE_LOGS=1
  node "$spotlight/stream-summary.mjs" --url "$url" --expect 2 --seconds 30 --check | tee "$work/summary.txt"
  expect_line 'received 2 envelope(s): 1 event, 1 log, 3 log record'
  expect_line 'event error [checkout] "payment failed for order 1234" | std::runtime_error: payment declined tags{request_id=r-42, tenant=acme} breadcrumbs=2'
  expect_line "log info \"cart loaded with 3 items\" origin=auto.log.$library"
  expect_line "log warn \"inventory low for sku-17\" origin=auto.log.$library"
  expect_line "log error \"payment failed for order 1234\" origin=auto.log.$library"
  echo "e2e: Spotlight received the $library example's event and its 3 logs; every raw envelope parses with @sentry/core"
fi
