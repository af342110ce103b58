// sentry/spdlog/sink.hpp: the Sentry sink for spdlog.
//
//   auto sentry_sink = std::make_shared<sentry::spdlog::sink_mt>();
//   logger->sinks().push_back(sentry_sink);   // an existing logger
//
// Records at or above minimum_event_level (error) become Sentry events,
// records at or above minimum_breadcrumb_level (info) breadcrumbs, and, with
// options::enable_logs, records at or above minimum_log_level structured logs
// (see sentry/log_bridge.hpp for what each holds). The logging context is
// read from the SDK's context store (sentry/context_store.hpp) and, with
// spdlog 1.14 or newer, spdlog's MDC; fields listed in context_tags become
// tags. Plain spdlog calls give Sentry the formatted text; calls through
// sentry/spdlog/log.hpp also give the template and its arguments, so events
// group by template, and carry the call site's context through asynchronous
// loggers.
//
// Threading: the sink keeps no state that needs base_sink's lock (its work
// per record is thread-safe by itself and it has no formatter), so it takes
// none: sink_mt and sink_st are the same type, both safe from any number of
// threads, named as spdlog users expect. Not locking also means a record the
// SDK causes itself (before_send, before_breadcrumb or a diagnostic logging
// through this logger) can neither deadlock nor wait for a thread that waits
// for the SDK; such records are ignored. The sink's level is set to the
// lowest threshold, so records below every threshold never reach it.
//
// Cost on the logging thread: see the benchmark (bench/spdlog_sink_bench.cpp);
// nothing is serialized or sent there. flush() waits for the SDK up to
// sink_options::flush_timeout.
#pragma once

#include <memory>
#include <utility>

#include <spdlog/details/null_mutex.h>
#include <spdlog/sinks/base_sink.h>

#include "sentry/spdlog/detail/sink_core.hpp"

namespace sentry::spdlog {

// Mutex: base_sink's, guarding only set_pattern/set_formatter, which this
// sink ignores; null_mutex is right unless you have a reason.
template <typename Mutex>
class sink final : public ::spdlog::sinks::base_sink<Mutex>, public detail::sink_core {
 public:
  explicit sink(sink_options opts = {}) : detail::sink_core(std::move(opts)) {
    this->set_level(detail::to_spdlog_level(bridge().minimum_level()));
  }

 protected:
  void sink_it_(const ::spdlog::details::log_msg& msg) override { handle_record(msg); }
  void flush_() override { flush_sdk(); }
};

using sink_mt = sink<::spdlog::details::null_mutex>;
using sink_st = sink_mt;

}  // namespace sentry::spdlog
