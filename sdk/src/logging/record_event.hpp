// Private: the event (and its capture hint) made from a log record.
//
// Calling thread: copies what the event keeps; decoding the exception, the
// scopes and serialization happen later on the worker.
#pragma once

#include <string>

#include "logging/record_parts.hpp"
#include "sentry/event.hpp"
#include "sentry/log_bridge.hpp"
#include "sentry/sentry.hpp"

namespace sentry::detail {

struct record_capture {
  event ev;
  event_hint hint;
};

record_capture make_record_event(const record_parts& parts, const log_bridge_options& opts);

}  // namespace sentry::detail
