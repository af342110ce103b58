// sentry/log_bridge.hpp: what every sink calls to turn a log record into
// Sentry data (an event, a breadcrumb, later a structured log).
//
// One bridge per sink instance, configured once; handle() is thread-safe,
// noexcept, and does on the calling thread only what must happen there (level
// checks, copying the record's strings, a scope snapshot, a queue push). It
// does nothing when the SDK is disabled, and nothing for records the SDK itself
// causes (a per-thread re-entry guard), so a callback or a diagnostic that logs
// through the same logger cannot loop.
//
// Per record, in this order (so an error is not a breadcrumb of its own
// event): a structured log (when enabled; issue 8), an event when
// level >= minimum_event_level, a breadcrumb when level >=
// minimum_breadcrumb_level (an error record is thus also a breadcrumb for the
// events that follow it).
//
// Events: logger = record.logger; logentry {message = template, params as
// text} when the template's arguments are known, formatted = the message;
// level in the events' spelling (trace -> debug, warning); context fields
// listed in context_tags become tags (empty keys skipped; the serializer
// applies PROTOCOL §3.1's limits), the others one context `context_name`;
// source location in the context `code` (file.path, line.number,
// function.name); the thread in `threads` (id, name, current); the record's
// exception, or the one in flight when the record was logged inside a catch on
// the calling thread, with mechanism {type = origin, handled = true}.
//
// Breadcrumbs: type default, category = logger, message = the formatted text,
// level as for events, data = thread.id, thread.name, code.file.path,
// code.line.number, code.function.name and the context fields that are not
// tags. Written flat in place into the scope's ring (no allocation once the
// ring has turned over; tags are told apart when the breadcrumb is read)
// unless options::before_breadcrumb is set, which receives the breadcrumb
// with its data.
//
// Cost on the calling thread: a record below every threshold, the level
// compare; a breadcrumb, one copy of the record's texts into a reused slot of
// the calling thread's own ring in the scope (no lock but once per
// max_breadcrumbs records); an event, building the event and the capture's
// snapshot and queue push.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sentry/export.hpp"
#include "sentry/level.hpp"
#include "sentry/log_record.hpp"

namespace sentry {

struct log_bridge_options {
  // Records at or above become events.
  level minimum_event_level = level::error;
  // Records at or above become breadcrumbs (after their event, if any).
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
  // Whether events of records without an exception carry the call-site stack
  // (starting at the user's log call); nullopt: options::attach_stacktrace.
  // Events with an exception always carry the capture site's stack.
  std::optional<bool> attach_stacktrace;
};

class SENTRY_API log_bridge {
 public:
  explicit log_bridge(log_bridge_options opts = {});

  void handle(const log_record& record) noexcept;
  // False when a record at `l` would produce nothing; lets a sink skip
  // building the record. Cheap (two integer compares and an atomic load).
  bool wants(level l) const noexcept;
  // True when a record at `l` would use its template's arguments (it becomes
  // an event, or a structured log): lets a sink convert arguments only then.
  bool wants_params(level l) const noexcept;
  // The lowest level at which a record can produce anything (a sink may use
  // it as its own filter level).
  level minimum_level() const noexcept { return minimum_level_; }
  const log_bridge_options& options() const noexcept { return opts_; }

  // True on a thread that is running SDK code (its worker, a callback such
  // as before_send, a diagnostic): handle() ignores records there, and a sink
  // must not block there on a lock of its own (the SDK may be waiting for
  // it). A thread-local read.
  static bool inside_sdk() noexcept;
  // The calling thread's name as the bridge reports it (read once per
  // thread, then cached): for a sink that hands records to another thread
  // and must take the name along.
  static std::string_view calling_thread_name() noexcept;
  // The calling thread's id as the bridge reports it (the kernel's thread
  // id, read once per thread).
  static std::uint64_t calling_thread_id() noexcept;

 private:
  log_bridge_options opts_;
  level minimum_level_;  // the lowest of the three thresholds
  // opts_.context_tags, interned (breadcrumbs keep it to be read later).
  const std::vector<std::string>* interned_tags_ = nullptr;
};

}  // namespace sentry
