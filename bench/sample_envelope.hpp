// For the bench programs that need the event the transport benchmarks send:
// options for a DSN, the scope it is captured with (5 tags, 10 breadcrumbs),
// and that event's envelope as the worker writes it (about 3.3 KB of JSON),
// for the benchmarks of what the worker does with it (gzip, a bare POST).
#pragma once

#include <sentry/recording_transport.hpp>
#include <sentry/sentry.hpp>

#include <string>

namespace sentry_bench {

inline sentry::options options_for(const std::string& dsn) {
  sentry::options o;
  o.dsn = dsn;
  o.release = "bench@1";
  o.include_source_context = false;
  o.spotlight = false;
  return o;
}

inline sentry::breadcrumb make_crumb(int i) {
  sentry::breadcrumb crumb;
  crumb.category = "checkout";
  crumb.message = "cart loaded with " + std::to_string(i) + " items";
  return crumb;
}

inline void fill_scope() {
  for (int i = 0; i < 5; ++i) sentry::set_tag("tag" + std::to_string(i), "value" + std::to_string(i));
  for (int i = 0; i < 10; ++i) sentry::add_breadcrumb(make_crumb(i));
}

inline void clear_scope() {
  sentry::global_scope().clear();
  sentry::isolation_scope().clear();
  sentry::current_scope().clear();
}

// One captured message with fill_scope()'s scope, through the whole client
// to a recording transport, serialized (not compressed). Initializes and
// closes the SDK.
inline std::string sample_envelope() {
  sentry::recording_transport recording;
  sentry::options o = options_for("http://public@127.0.0.1:9/1");
  o.transport = recording.factory();
  sentry::init(o);
  fill_scope();
  sentry::capture_message("payment failed for order 1234", sentry::level::error);
  sentry::close();
  clear_scope();
  const auto envelopes = recording.envelopes();
  return envelopes.empty() ? std::string() : envelopes[0].serialize(sentry::rfc3339_now());
}

}  // namespace sentry_bench
