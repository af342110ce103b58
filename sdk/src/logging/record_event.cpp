#include "logging/record_event.hpp"

#include <exception>
#include <utility>

namespace sentry::detail {

record_capture make_record_event(const record_parts& parts, const log_bridge_options& opts) {
  const log_record& r = parts.record;
  record_capture out;
  out.ev.level = event_level(r.level);
  out.ev.timestamp = parts.timestamp;
  out.record = record_copy(parts, opts.context_name);

  std::exception_ptr ex = r.exception;
  if (!ex && r.use_current_exception && parts.on_calling_thread) ex = std::current_exception();
  if (ex) {
    out.hint.exception = std::move(ex);
    out.hint.mechanism.type = opts.origin;
    out.hint.mechanism.handled = true;
  }
  return out;
}

}  // namespace sentry::detail
