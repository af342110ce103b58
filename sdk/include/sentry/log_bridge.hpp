// sentry/log_bridge.hpp: what every sink calls to turn a log record into
// Sentry data (an event, a breadcrumb, later a structured log).
//
// One bridge per sink instance, configured once; handle() is thread-safe,
// noexcept, and does on the calling thread only what must happen there (level
// checks, copying the record's strings, a scope snapshot, a queue push). It
// does nothing when the SDK is disabled, and nothing for records the SDK itself
// causes (a per-thread re-entry guard), so a callback or a diagnostic that logs
// through the same logger cannot loop.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sentry/export.hpp"
#include "sentry/level.hpp"
#include "sentry/log_record.hpp"

namespace sentry {

struct log_bridge_options {
  // Records at or above become events.
  level minimum_event_level = level::error;
  // Records at or above (and below minimum_event_level) become breadcrumbs.
  level minimum_breadcrumb_level = level::info;
  // Records at or above become structured logs, when options::enable_logs.
  level minimum_log_level = level::info;
  // Context fields that become tags; nullopt: options::context_tags.
  std::optional<std::vector<std::string>> context_tags;
  // "auto.log.spdlog", "auto.log.boostlog", "auto.log.log4cplus": the
  // mechanism of exceptions attached to events (and sentry.origin of logs).
  std::string origin = "auto.log";
  // Name of the event context holding the context fields that are not tags.
  std::string context_name = "log_context";
};

class SENTRY_API log_bridge {
 public:
  explicit log_bridge(log_bridge_options opts = {});

  void handle(const log_record& record) noexcept;
  // False when a record at `l` would produce nothing; lets a sink skip
  // building the record. Cheap (two integer compares and an atomic load).
  bool wants(level l) const noexcept;
  const log_bridge_options& options() const noexcept { return opts_; }

 private:
  log_bridge_options opts_;
};

}  // namespace sentry
