// Private: the caller's side of structured logs, for the API and the bridge.
//
// Caller's thread: copies the inputs into a pending_log and hands it to the
// current client's batcher. No formatting, no serialization. Never throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sentry/level.hpp"
#include "sentry/log_record.hpp"

namespace sentry::detail {

// True when a log would be kept at all (SDK enabled, logs enabled, not
// inside the SDK). One atomic load and two branches.
bool logs_enabled() noexcept;

class client;

// A record from a sink, for client `c` (enabled, logs enabled; the caller
// checked it and that it is not inside the SDK): body = formatted message,
// the template and params when known, origin (sentry.origin), and the context
// fields listed in `context_tags` as attributes.
void capture_log_record(client& c, const log_record& record, std::string_view origin,
                        const std::vector<std::string>& context_tags) noexcept;

}  // namespace sentry::detail
