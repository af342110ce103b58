// Private: the event (and its capture hint) made from a log record.
//
// Calling thread: sets the event's level and time, copies the record's texts
// flat (record_copy) and takes the exception; the worker expands the copy
// into the event's fields, decodes the exception and applies the scopes.
#pragma once

#include <string>

#include "logging/record_copy.hpp"
#include "logging/record_parts.hpp"
#include "sentry/event.hpp"
#include "sentry/log_bridge.hpp"
#include "sentry/sentry.hpp"

namespace sentry::detail {

struct record_capture {
  event ev;
  event_hint hint;
  record_copy record;  // expanded into ev on the worker
};

record_capture make_record_event(const record_parts& parts, const log_bridge_options& opts);

}  // namespace sentry::detail
