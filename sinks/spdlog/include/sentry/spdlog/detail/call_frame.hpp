// sentry/spdlog/detail/call_frame.hpp: how a template-capturing call (see
// sentry/spdlog/log.hpp) hands its format string and arguments to the Sentry
// sinks of the logger. Not for direct use.
//
// Synchronous loggers: the call stamps the record with a time unique on its
// thread and publishes a call_frame (views of the format string and the
// arguments) in a thread-local for the duration of logger.log(); a Sentry sink
// running on the same thread finds the frame whose time and size match its
// record and converts the arguments only when an event (or a structured log)
// needs them.
//
// Asynchronous loggers (spdlog's thread pool copies the record and runs the
// sinks on its own thread): before handing the record to spdlog, the call
// resolves everything a Sentry sink of the logger wants from the call site
// (template, typed arguments, the logging context, thread name, in-flight
// exception) into an async_capture it owns, filed with each such sink under
// the record's (thread id, time, size); the sink takes it back when the pool
// delivers the record. See sink_core for the bounds.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <spdlog/common.h>

#include "sentry/export.hpp"
#include "sentry/value.hpp"

namespace spdlog {
class logger;
}

namespace sentry::spdlog::detail {

struct call_frame {
  ::spdlog::log_clock::time_point time;
  std::size_t payload_size = 0;
  std::string_view format;
  std::size_t arg_count = 0;
  const void* args = nullptr;  // the call's arguments (a tuple of references)
  void (*to_values)(const void* args, value* out) = nullptr;
  call_frame* previous = nullptr;

  bool matches(::spdlog::log_clock::time_point t, std::size_t size) const noexcept {
    return t == time && size == payload_size;
  }
};

// The call-site data an asynchronous logger's record carries to the sinks.
struct async_capture {
  std::size_t thread_id = 0;  // spdlog's id of the logging thread
  ::spdlog::log_clock::time_point time;
  std::size_t payload_size = 0;
  std::string message_template;  // with params only
  std::vector<value> params;
  std::vector<std::pair<std::string, std::string>> context;
  std::string thread_name;
  std::exception_ptr exception;
};

// The innermost frame of this thread (nullptr when none).
SENTRY_API call_frame* current_frame() noexcept;
// RAII: makes `frame` the innermost one of this thread while it lives.
class SENTRY_API frame_scope {
 public:
  explicit frame_scope(call_frame& frame) noexcept;
  ~frame_scope();
  frame_scope(const frame_scope&) = delete;
  frame_scope& operator=(const frame_scope&) = delete;

 private:
  call_frame& frame_;
};

// A log time strictly later than the previous one of this thread, so that a
// record's (thread, time) names it alone.
SENTRY_API ::spdlog::log_clock::time_point unique_log_time() noexcept;

// For an asynchronous `logger`: files the call site's data with every Sentry
// sink of the logger that wants a record at `lvl`. No-op for a synchronous
// logger. Never throws.
SENTRY_API void publish_for_async(::spdlog::logger& logger, ::spdlog::level::level_enum lvl,
                                  const call_frame& frame) noexcept;

}  // namespace sentry::spdlog::detail
