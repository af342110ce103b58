// sentry/spdlog/detail/sink_core.hpp: the Sentry sink's work, compiled into
// sentry_cpp::spdlog (the sink template only forwards to it). Not for direct
// use: see sentry/spdlog/sink.hpp.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include <spdlog/common.h>
#include <spdlog/details/log_msg.h>

#include "sentry/export.hpp"
#include "sentry/log_bridge.hpp"
#include "sentry/spdlog/detail/call_frame.hpp"

namespace sentry::spdlog {

// Everything the sink can be told: the bridge's options (thresholds,
// context_tags, ...; origin "auto.log.spdlog") plus the sink's own.
struct sink_options : log_bridge_options {
  sink_options() { origin = "auto.log.spdlog"; }
  // How long the sink's flush() (logger->flush(), flush_on, flush_every)
  // waits for the SDK to send what it holds. Zero: flush() does not wait.
  std::chrono::milliseconds flush_timeout{2000};
  // Asynchronous loggers: how many records' call-site data (template,
  // context, ...) may wait for spdlog's thread pool. Records the pool drops
  // (overflow policy) leave theirs behind; beyond this bound the oldest is
  // discarded. spdlog's default queue holds 8192 records.
  std::size_t max_pending_async = 8192;
};

namespace detail {

constexpr sentry::level to_sentry_level(::spdlog::level::level_enum l) noexcept {
  switch (l) {
    case ::spdlog::level::trace: return sentry::level::trace;
    case ::spdlog::level::debug: return sentry::level::debug;
    case ::spdlog::level::info: return sentry::level::info;
    case ::spdlog::level::warn: return sentry::level::warning;
    case ::spdlog::level::err: return sentry::level::error;
    default: return sentry::level::fatal;  // critical
  }
}

constexpr ::spdlog::level::level_enum to_spdlog_level(sentry::level l) noexcept {
  switch (l) {
    case sentry::level::trace: return ::spdlog::level::trace;
    case sentry::level::debug: return ::spdlog::level::debug;
    case sentry::level::info: return ::spdlog::level::info;
    case sentry::level::warning: return ::spdlog::level::warn;
    case sentry::level::error: return ::spdlog::level::err;
    default: return ::spdlog::level::critical;
  }
}

// Async captures waiting for their record, keyed by (time, thread, size).
class pending_captures {
 public:
  using key = std::tuple<::spdlog::log_clock::time_point, std::size_t, std::size_t>;
  void put(const key& k, std::shared_ptr<const async_capture> capture, std::size_t limit);
  std::shared_ptr<const async_capture> take(const key& k);
  bool empty() const noexcept { return size_.load(std::memory_order_relaxed) == 0; }

 private:
  mutable std::mutex mutex_;
  std::map<key, std::shared_ptr<const async_capture>> waiting_;  // oldest first
  std::atomic<std::size_t> size_{0};
};

class SENTRY_API sink_core {
 public:
  explicit sink_core(sink_options opts);
  virtual ~sink_core();
  sink_core(const sink_core&) = delete;
  sink_core& operator=(const sink_core&) = delete;

  const sink_options& options() const noexcept { return opts_; }
  const log_bridge& bridge() const noexcept { return bridge_; }

  // From base_sink, on any thread at once (thread-safe, no lock).
  void handle_record(const ::spdlog::details::log_msg& msg) noexcept;
  void flush_sdk() noexcept;

  // From a template-capturing call on an asynchronous logger.
  void file_async(const std::shared_ptr<const async_capture>& capture) noexcept;

 private:
  sink_options opts_;
  log_bridge bridge_;
  pending_captures pending_;
};

}  // namespace detail
}  // namespace sentry::spdlog
