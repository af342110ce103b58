// sentry/spdlog/log.hpp: logging through spdlog with the template kept.
//
// spdlog hands its sinks only the formatted text. These calls log through the
// given logger exactly as logger->info(...) would (same formatting, same
// sinks, same level checks), and also let the Sentry sinks of that logger see
// the format string and the typed arguments, so Sentry groups events by
// template and shows the arguments (logentry.message/params, and
// sentry.message.template/parameter.N on structured logs):
//
//   sentry::spdlog::info(logger, "cart loaded with {} items", 3);
//   SENTRY_SPDLOG_ERROR(logger, "payment failed for order {}", order_id);
//
// The functions take the source location of their caller (GCC and Clang
// builtins); the macros take __FILE__/__LINE__ like spdlog's SPDLOG_LOGGER_*
// macros and, like them, compile to nothing below SPDLOG_ACTIVE_LEVEL.
//
// With an asynchronous logger the call also resolves, on the calling thread,
// what the Sentry sink needs from there (logging context, thread name,
// in-flight exception) and hands it over with the record, so an async logger
// reports what a synchronous one does. Plain spdlog calls keep working and
// give the formatted text only; on an async logger they also carry no
// call-site context, thread name or exception (spdlog copies only the text,
// level, time, thread id and source location to its pool). Either way, an
// async logger's events, breadcrumbs and logs are recorded on spdlog's pool
// thread, so they use the scopes that thread sees (the shared ones), not
// those of an isolation_scope_guard on the logging thread.
//
// Threading and cost: as the logger's own calls; the arguments are converted
// to values only for records that become events or structured logs.
#pragma once

#include <memory>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <spdlog/logger.h>

#include "sentry/spdlog/detail/call_frame.hpp"
#include "sentry/spdlog/detail/to_value.hpp"

#if defined(SPDLOG_USE_STD_FORMAT)
#  define SENTRY_SPDLOG_CONSTEVAL consteval
#elif defined(FMT_CONSTEVAL)
#  define SENTRY_SPDLOG_CONSTEVAL FMT_CONSTEVAL
#else
#  define SENTRY_SPDLOG_CONSTEVAL constexpr
#endif

namespace sentry::spdlog {
namespace detail {

template <typename T>
struct identity {
  using type = T;
};
template <typename T>
using identity_t = typename identity<T>::type;

inline ::spdlog::logger* logger_of(::spdlog::logger& l) noexcept { return &l; }
template <typename L>
::spdlog::logger* logger_of(const std::shared_ptr<L>& l) noexcept {
  return l.get();
}

template <typename F>
std::string_view template_text(const F& f) noexcept {
  if constexpr (std::is_convertible_v<const F&, std::string_view>) {
    return std::string_view(f);
  } else if constexpr (std::is_convertible_v<const F&, fmt::string_view>) {
    const fmt::string_view v = f;
    return std::string_view(v.data(), v.size());
  } else {
    const auto v = f.get();
    return std::string_view(v.data(), v.size());
  }
}

template <typename... Args>
void args_to_values(const void* args, value* out) {
  const auto& refs = *static_cast<const std::tuple<const std::remove_reference_t<Args>&...>*>(args);
  std::apply(
      [out](const auto&... a) {
        std::size_t i = 0;
        ((out[i++] = to_value(a)), ...);
        (void)i;
      },
      refs);
}

template <typename F, typename... Args>
void format_into(::spdlog::memory_buf_t& buf, const F& fmt, const Args&... args) {
#if defined(SPDLOG_USE_STD_FORMAT)
  std::vformat_to(std::back_inserter(buf), template_text(fmt), std::make_format_args(args...));
#else
  fmt::vformat_to(fmt::appender(buf), template_text(fmt), fmt::make_format_args(args...));
#endif
}

// A format string that remembers where it was written (its caller's file,
// line and function).
template <typename... Args>
struct located_format {
  ::spdlog::format_string_t<Args...> fmt;
  ::spdlog::source_loc loc;

  template <typename S, typename = std::enable_if_t<
                            std::is_convertible_v<const S&, ::spdlog::format_string_t<Args...>>>>
  SENTRY_SPDLOG_CONSTEVAL located_format(const S& s, const char* file = __builtin_FILE(),
                                         int line = __builtin_LINE(),
                                         const char* function = __builtin_FUNCTION())
      : fmt(s), loc{file, line, function} {}
};

}  // namespace detail

// logger->log(loc, lvl, fmt, args...), with the template for Sentry.
template <typename L, typename... Args>
void log(L&& logger_ref, ::spdlog::source_loc loc, ::spdlog::level::level_enum lvl,
         ::spdlog::format_string_t<Args...> fmt, Args&&... args) {
  ::spdlog::logger* logger = detail::logger_of(logger_ref);
  if (!logger || (!logger->should_log(lvl) && !logger->should_backtrace())) return;
  ::spdlog::memory_buf_t buf;
  try {
    detail::format_into(buf, fmt, args...);
  } catch (...) {
    // Let spdlog meet the same error and report it its own way.
    logger->log(loc, lvl, fmt, std::forward<Args>(args)...);
    return;
  }
  const std::tuple<const std::remove_reference_t<Args>&...> refs(args...);
  detail::call_frame frame;
  frame.time = detail::unique_log_time();
  frame.payload_size = buf.size();
  frame.format = detail::template_text(fmt);
  frame.arg_count = sizeof...(Args);
  frame.args = &refs;
  frame.to_values = &detail::args_to_values<Args...>;
  detail::frame_scope active(frame);
  detail::publish_for_async(*logger, lvl, frame);
  logger->log(frame.time, loc, lvl, ::spdlog::string_view_t(buf.data(), buf.size()));
}

#define SENTRY_SPDLOG_LEVEL_FUNCTION(name, lvl)                                               \
  template <typename L, typename... Args>                                                     \
  void name(L&& logger, detail::located_format<detail::identity_t<Args>...> fmt,         \
            Args&&... args) {                                                                 \
    ::sentry::spdlog::log(logger, fmt.loc, lvl, fmt.fmt, std::forward<Args>(args)...);        \
  }

SENTRY_SPDLOG_LEVEL_FUNCTION(trace, ::spdlog::level::trace)
SENTRY_SPDLOG_LEVEL_FUNCTION(debug, ::spdlog::level::debug)
SENTRY_SPDLOG_LEVEL_FUNCTION(info, ::spdlog::level::info)
SENTRY_SPDLOG_LEVEL_FUNCTION(warn, ::spdlog::level::warn)
SENTRY_SPDLOG_LEVEL_FUNCTION(error, ::spdlog::level::err)
SENTRY_SPDLOG_LEVEL_FUNCTION(critical, ::spdlog::level::critical)
#undef SENTRY_SPDLOG_LEVEL_FUNCTION

}  // namespace sentry::spdlog

#define SENTRY_SPDLOG_LOGGER_CALL(logger, level, ...)                                        \
  ::sentry::spdlog::log(logger, ::spdlog::source_loc{__FILE__, __LINE__, SPDLOG_FUNCTION}, \
                        level, __VA_ARGS__)

#if SPDLOG_ACTIVE_LEVEL <= SPDLOG_LEVEL_TRACE
#  define SENTRY_SPDLOG_TRACE(logger, ...) \
    SENTRY_SPDLOG_LOGGER_CALL(logger, ::spdlog::level::trace, __VA_ARGS__)
#else
#  define SENTRY_SPDLOG_TRACE(logger, ...) (void)0
#endif
#if SPDLOG_ACTIVE_LEVEL <= SPDLOG_LEVEL_DEBUG
#  define SENTRY_SPDLOG_DEBUG(logger, ...) \
    SENTRY_SPDLOG_LOGGER_CALL(logger, ::spdlog::level::debug, __VA_ARGS__)
#else
#  define SENTRY_SPDLOG_DEBUG(logger, ...) (void)0
#endif
#if SPDLOG_ACTIVE_LEVEL <= SPDLOG_LEVEL_INFO
#  define SENTRY_SPDLOG_INFO(logger, ...) \
    SENTRY_SPDLOG_LOGGER_CALL(logger, ::spdlog::level::info, __VA_ARGS__)
#else
#  define SENTRY_SPDLOG_INFO(logger, ...) (void)0
#endif
#if SPDLOG_ACTIVE_LEVEL <= SPDLOG_LEVEL_WARN
#  define SENTRY_SPDLOG_WARN(logger, ...) \
    SENTRY_SPDLOG_LOGGER_CALL(logger, ::spdlog::level::warn, __VA_ARGS__)
#else
#  define SENTRY_SPDLOG_WARN(logger, ...) (void)0
#endif
#if SPDLOG_ACTIVE_LEVEL <= SPDLOG_LEVEL_ERROR
#  define SENTRY_SPDLOG_ERROR(logger, ...) \
    SENTRY_SPDLOG_LOGGER_CALL(logger, ::spdlog::level::err, __VA_ARGS__)
#else
#  define SENTRY_SPDLOG_ERROR(logger, ...) (void)0
#endif
#if SPDLOG_ACTIVE_LEVEL <= SPDLOG_LEVEL_CRITICAL
#  define SENTRY_SPDLOG_CRITICAL(logger, ...) \
    SENTRY_SPDLOG_LOGGER_CALL(logger, ::spdlog::level::critical, __VA_ARGS__)
#else
#  define SENTRY_SPDLOG_CRITICAL(logger, ...) (void)0
#endif
