// Private: turning the event model into the bytes of an envelope item.
//
// Worker thread only. Never throws except std::bad_alloc: invalid UTF-8 is
// replaced with U+FFFD, and PROTOCOL's limits are applied while writing
// (message 8192, tag keys/values 200 with the allowed key characters, logger
// 64, ...). An event whose JSON is
// over 1 MiB is trimmed (breadcrumbs first, then extra, then contexts and
// frames' source context) until it fits.
//
// Cost: an event that fits is written in one pass into one buffer; only an
// event over the limit is assembled from sections (see serialize.cpp).
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "scope/packed_fields.hpp"
#include "scope/record_crumb.hpp"
#include "sentry/envelope.hpp"
#include "sentry/event.hpp"

namespace sentry::detail {

inline constexpr std::size_t max_event_bytes = 1u << 20;

// A breadcrumb where it lies (a scope's ring, the event): a log record's
// stored flat (`record`), or `crumb` with `packed` (may be null) holding
// fields merged into its data, the breadcrumb's own keys winning.
struct breadcrumb_ref {
  const breadcrumb* crumb = nullptr;
  const packed_fields* packed = nullptr;
  const record_crumb* record = nullptr;

  std::chrono::system_clock::time_point timestamp() const noexcept {
    return record ? record->timestamp() : crumb->timestamp;
  }
  // The complete breadcrumb (allocates).
  breadcrumb expanded() const;
};

// What the worker adds to an event while writing it, read in place instead of
// copied into the event (when no hook needs to see the complete event). The
// bytes are those of the event with these applied.
struct event_additions {
  // When set, the breadcrumbs to write (oldest first) instead of the event's.
  const std::vector<breadcrumb_ref>* breadcrumbs = nullptr;
  // Contexts by name, as JSON, written for names the event has no context of.
  const std::map<std::string, std::string>* default_contexts = nullptr;
};

// What serialization had to cut to respect the limits: empty when nothing.
// A line per kind of loss, for the SDK's diagnostics.
struct serialize_report {
  std::vector<std::string> losses;
};

// The JSON payload of an `event` item.
std::string serialize_event(const event& e, serialize_report* report = nullptr,
                            const event_additions* additions = nullptr);

// An envelope with one event item; headers event_id, sdk and dsn (when given).
envelope make_event_envelope(const event& e, std::string_view dsn,
                             serialize_report* report = nullptr,
                             const event_additions* additions = nullptr);

// The JSON of each context, for event_additions::default_contexts.
std::map<std::string, std::string> serialize_contexts(
    const std::map<std::string, value_object>& contexts);

}  // namespace sentry::detail
