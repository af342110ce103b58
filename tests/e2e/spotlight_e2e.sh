#!/usr/bin/env bash
# End to end (issue 3): an example sends with the SDK's own HTTP transport
# to our local Spotlight (tools/spotlight/server.mjs on 127.0.0.1, a free
# port); Spotlight must have received its events, and every raw envelope it
# received must parse with @sentry/core's parseEnvelope.
#
#   spotlight_e2e.sh <core_example binary> <repository>
#
# Exit 77 (ctest: skipped) with a message when node or tools/spotlight's npm
# packages are missing (tools/test installs them).
set -euo pipefail
example="${1:?usage: spotlight_e2e.sh <core_example> <repository>}"
repo="${2:?usage: spotlight_e2e.sh <core_example> <repository>}"
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
for _ in $(seq 1 100); do
  node -e "fetch('$url/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" && break
  kill -0 "$pid" 2> /dev/null || { cat "$work/spotlight.log"; echo "spotlight did not start"; exit 1; }
  sleep 0.1
done

# The example, configured from the environment only: Spotlight, no Sentry.
env -u SENTRY_DSN -u http_proxy -u HTTP_PROXY -u all_proxy -u ALL_PROXY \
  SENTRY_SPOTLIGHT="$url/stream" SENTRY_RELEASE="e2e@1" "$example" | tee "$work/example.txt"

node "$spotlight/stream-summary.mjs" --url "$url" --expect 2 --seconds 10 --check | tee "$work/summary.txt"
grep -q 'received 2 envelope(s): 2 event' "$work/summary.txt" || { echo "expected exactly 2 events"; exit 1; }
grep -q '"inventory low for sku-17"' "$work/summary.txt" || { echo "the message event is missing"; exit 1; }
grep -q 'runtime_error: payment declined' "$work/summary.txt" || { echo "the exception event is missing"; exit 1; }
grep -q 'example=core' "$work/summary.txt" || { echo "the example's tag is missing"; exit 1; }
echo "e2e: Spotlight received the example's 2 events; every raw envelope parses with @sentry/core"
