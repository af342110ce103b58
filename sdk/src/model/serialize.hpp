// Private: turning the event model into the bytes of an envelope item.
//
// Worker thread only. Never throws: invalid UTF-8 is replaced with U+FFFD, and
// PROTOCOL's limits are applied while writing (message 8192, tag keys/values
// 200 with the allowed key characters, logger 64, ...). An event whose JSON is
// over 1 MiB is trimmed (breadcrumbs first, then extra, then contexts and
// frames' source context) until it fits.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sentry/envelope.hpp"
#include "sentry/event.hpp"

namespace sentry::detail {

inline constexpr std::size_t max_event_bytes = 1u << 20;

// What serialization had to cut to respect the limits: empty when nothing.
// A line per kind of loss, for the SDK's diagnostics.
struct serialize_report {
  std::vector<std::string> losses;
};

// The JSON payload of an `event` item.
std::string serialize_event(const event& e, serialize_report* report = nullptr);

// An envelope with one event item; headers event_id, sdk and dsn (when given).
envelope make_event_envelope(const event& e, std::string_view dsn,
                             serialize_report* report = nullptr);

}  // namespace sentry::detail
