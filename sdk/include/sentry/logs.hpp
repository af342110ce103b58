// sentry/logs.hpp: Sentry structured logs (PROTOCOL §12).
//
// Off unless options::enable_logs (or SENTRY_ENABLE_LOGS=1). A log call on
// the caller's thread copies its inputs and pushes them to a batch (a short
// lock, no formatting, no serialization); the SDK's worker formats the body,
// adds the default attributes, runs before_send_log and sends batches of up to
// 100 logs, at the latest 5 s after the first one waited. At most 1000 logs
// wait; beyond that a log is dropped and counted (log_item, log_byte).
// flush() and close() send everything waiting. Thread-safe, noexcept.
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>

#include "sentry/export.hpp"
#include "sentry/level.hpp"
#include "sentry/value.hpp"

namespace sentry {

// A log as before_send_log sees it (worker thread); edit it freely.
struct log_entry {
  std::chrono::system_clock::time_point timestamp;
  sentry::level level = sentry::level::info;
  std::string body;
  std::string trace_id;  // 32 hex digits
  // Typed attributes: strings, booleans, integers and doubles keep their
  // type on the wire; unsigned values above INT64_MAX are sent as strings.
  value_object attributes;
};

// Logs `message_template` with `{}` placeholders filled from `params` in order
// (e.g. "cart loaded with {} items"). The template and each parameter are also
// sent as sentry.message.template / sentry.message.parameter.<i>.
SENTRY_API void log(level l, std::string_view message_template, const value* params,
                    std::size_t param_count) noexcept;

namespace logger {

template <typename... Args>
void write(level l, std::string_view message_template, const Args&... args) noexcept {
  try {
    if constexpr (sizeof...(Args) == 0) {
      sentry::log(l, message_template, nullptr, 0);
    } else {
      const std::array<value, sizeof...(Args)> params{value(args)...};
      sentry::log(l, message_template, params.data(), params.size());
    }
  } catch (...) {
  }
}

template <typename... Args>
void trace(std::string_view t, const Args&... a) noexcept { write(level::trace, t, a...); }
template <typename... Args>
void debug(std::string_view t, const Args&... a) noexcept { write(level::debug, t, a...); }
template <typename... Args>
void info(std::string_view t, const Args&... a) noexcept { write(level::info, t, a...); }
template <typename... Args>
void warn(std::string_view t, const Args&... a) noexcept { write(level::warning, t, a...); }
template <typename... Args>
void error(std::string_view t, const Args&... a) noexcept { write(level::error, t, a...); }
template <typename... Args>
void fatal(std::string_view t, const Args&... a) noexcept { write(level::fatal, t, a...); }

}  // namespace logger
}  // namespace sentry
