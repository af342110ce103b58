// Private: what the fatal-signal handler writes, prepared ahead of time.
//
// The worker builds a template event (scopes, release, contexts, debug
// images: everything but the crash itself) and publishes it here as bytes;
// the signal handler only adds the timestamp, the exception, the crashing
// thread and its stack, and writes. Publishing allocates (worker thread);
// reading (crash_snapshot_current) is lock-free and async-signal-safe.
#pragma once

#include <string>
#include <string_view>

#include "sentry/event.hpp"

namespace sentry::detail::crash {

struct crash_snapshot {
  // The envelope's header line, '\n' included: event_id, dsn, sdk.
  std::string envelope_header;
  // The template event's JSON members after the handler's own ones: starts
  // with ',' (or is empty) and ends with the closing '}'.
  std::string event_tail;
};

// Builds the snapshot of `template_event` (its event_id must be set; its
// timestamp is replaced by the crash time) and makes it the current one.
// Older snapshots are kept for a while so that a handler still reading one
// never sees it freed. Worker thread.
void publish_snapshot(const event& template_event, std::string_view dsn);

// The current snapshot or nullptr. Async-signal-safe.
const crash_snapshot* current_snapshot() noexcept;

// Removes the leading `"timestamp":...` member from an event's JSON object,
// leaving what follows '{' and the member's comma. Exposed for tests.
std::string event_tail_without_timestamp(std::string_view event_json);

}  // namespace sentry::detail::crash
