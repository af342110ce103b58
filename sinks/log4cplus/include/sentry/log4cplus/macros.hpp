// sentry/log4cplus/macros.hpp: printf-style logging macros that also keep the
// template and its arguments for Sentry.
//
//   SENTRY_LOG4CPLUS_ERROR_FMT(logger, "payment failed for order %d", order_id);
//
// logs exactly like LOG4CPLUS_ERROR_FMT (same level check, same formatting,
// same appenders, same LOG4CPLUS_DISABLE_* switches), and the event handed to
// the appenders also carries the template and the arguments. The Sentry
// appender sends them as logentry.message/params, so Sentry groups the
// records by template instead of by formatted text. Other appenders see an
// ordinary event.
//
// log4cplus's own _FMT macros give appenders the formatted text only; so do
// asynchronous appends (AsyncAppend=true, AsyncAppender), which copy the event
// as a plain log4cplus event.
//
// Cost on top of LOG4CPLUS_*_FMT, only when the logger is enabled for the
// level: one event built on the stack (the logger name and text copied) and
// one sentry::value per argument (strings copied). Nothing when disabled.
// Thread-safe as log4cplus's macros are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <log4cplus/logger.h>
#include <log4cplus/loggingmacros.h>
#include <log4cplus/spi/loggingevent.h>

#include "sentry/export.hpp"
#include "sentry/value.hpp"

namespace sentry {

static_assert(std::is_same_v<::log4cplus::tchar, char>,
              "sentry_cpp's log4cplus appender supports narrow-character (non-UNICODE) "
              "builds of log4cplus");

// A log4cplus event that also carries its printf template and arguments.
// Built on the caller's stack by the macros below (template and arguments are
// borrowed for the duration of the call); copies and clone() own theirs.
class SENTRY_API log4cplus_template_event : public ::log4cplus::spi::InternalLoggingEvent {
 public:
  log4cplus_template_event(const ::log4cplus::tstring& logger, ::log4cplus::LogLevel level,
                           const ::log4cplus::tchar* message, const char* file, int line,
                           const char* function, const char* message_template,
                           const value* arguments, std::size_t argument_count);
  log4cplus_template_event(const log4cplus_template_event& other);
  log4cplus_template_event& operator=(const log4cplus_template_event&) = delete;
  ~log4cplus_template_event() override;

  // The value getType() returns for this class.
  static unsigned int type_id() noexcept;
  unsigned int getType() const override;
  std::unique_ptr<::log4cplus::spi::InternalLoggingEvent> clone() const override;

  std::string_view message_template() const noexcept { return template_; }
  // Every argument, in order, '*' widths and precisions included.
  const value* arguments() const noexcept { return arguments_; }
  std::size_t argument_count() const noexcept { return argument_count_; }
  // The thread that logged the event (sentry::log_bridge::calling_thread_id()
  // there): an appender compares it with its own thread to know whether it
  // runs synchronously, without asking log4cplus for thread names.
  std::uint64_t logging_thread_id() const noexcept { return logging_thread_id_; }

 private:
  std::string owned_template_;
  std::vector<value> owned_arguments_;
  std::string_view template_;
  const value* arguments_ = nullptr;
  std::size_t argument_count_ = 0;
  std::uint64_t logging_thread_id_ = 0;
};

namespace detail {

inline value log4cplus_c_string(const char* s) { return value(s ? s : "(null)"); }

// One printf argument as a typed value (as printf would read it).
template <typename T>
value log4cplus_argument(const T& arg) {
  using U = std::decay_t<T>;
  if constexpr (std::is_same_v<U, bool>) {
    return value(static_cast<int>(arg));
  } else if constexpr (std::is_same_v<U, char>) {
    return value(std::string(1, arg));
  } else if constexpr (std::is_integral_v<U>) {
    return value(arg);
  } else if constexpr (std::is_enum_v<U>) {
    return value(static_cast<std::underlying_type_t<U>>(arg));
  } else if constexpr (std::is_floating_point_v<U>) {
    return value(static_cast<double>(arg));
  } else if constexpr (std::is_same_v<U, const char*> || std::is_same_v<U, char*>) {
    return log4cplus_c_string(arg);
  } else if constexpr (std::is_same_v<U, std::nullptr_t>) {
    return value();
  } else if constexpr (std::is_pointer_v<U>) {
    return value(reinterpret_cast<std::uintptr_t>(arg));
  } else {
    return value();
  }
}

// Logs a log4cplus_template_event through `logger` (which already checked
// the level), like log4cplus's own macros do with a plain event.
SENTRY_API void log4cplus_log_values(const ::log4cplus::Logger& logger,
                                     ::log4cplus::LogLevel level,
                                     const ::log4cplus::tchar* message, const char* file,
                                     int line, const char* function,
                                     const char* message_template, const value* arguments,
                                     std::size_t argument_count);

template <typename... Args>
void log4cplus_log_template(const ::log4cplus::Logger& logger, ::log4cplus::LogLevel level,
                            const ::log4cplus::tchar* message, const char* file, int line,
                            const char* function, const char* message_template,
                            const Args&... args) {
  if constexpr (sizeof...(Args) == 0) {
    log4cplus_log_values(logger, level, message, file, line, function, message_template,
                         nullptr, 0);
  } else {
    const value arguments[] = {log4cplus_argument(args)...};
    log4cplus_log_values(logger, level, message, file, line, function, message_template,
                         arguments, sizeof...(Args));
  }
}

}  // namespace detail
}  // namespace sentry

// The body of every macro below; `...` is the format followed by its arguments.
#define SENTRY_LOG4CPLUS_MACRO_FMT_BODY(logger, logLevel, ...)                          \
  do {                                                                                  \
    ::log4cplus::Logger const& sentry_l4c_logger_ =                                     \
        ::log4cplus::detail::macros_get_logger(logger);                                 \
    if (LOG4CPLUS_MACRO_LOGLEVEL_PRED(                                                  \
            sentry_l4c_logger_.isEnabledFor(::log4cplus::logLevel), logLevel)) {        \
      LOG4CPLUS_MACRO_INSTANTIATE_SNPRINTF_BUF(sentry_l4c_buf_);                        \
      ::log4cplus::tchar const* sentry_l4c_text_ = sentry_l4c_buf_.print(__VA_ARGS__);  \
      ::sentry::detail::log4cplus_log_template(                                         \
          sentry_l4c_logger_, ::log4cplus::logLevel, sentry_l4c_text_,                  \
          LOG4CPLUS_MACRO_FILE(), __LINE__, LOG4CPLUS_MACRO_FUNCTION(), __VA_ARGS__);   \
    }                                                                                   \
  } while (0)

#define SENTRY_LOG4CPLUS_NOTHING() \
  do {                             \
  } while (0)

#if !defined(LOG4CPLUS_DISABLE_TRACE)
#define SENTRY_LOG4CPLUS_TRACE_FMT(logger, ...) \
  SENTRY_LOG4CPLUS_MACRO_FMT_BODY(logger, TRACE_LOG_LEVEL, __VA_ARGS__)
#else
#define SENTRY_LOG4CPLUS_TRACE_FMT(logger, ...) SENTRY_LOG4CPLUS_NOTHING()
#endif

#if !defined(LOG4CPLUS_DISABLE_DEBUG)
#define SENTRY_LOG4CPLUS_DEBUG_FMT(logger, ...) \
  SENTRY_LOG4CPLUS_MACRO_FMT_BODY(logger, DEBUG_LOG_LEVEL, __VA_ARGS__)
#else
#define SENTRY_LOG4CPLUS_DEBUG_FMT(logger, ...) SENTRY_LOG4CPLUS_NOTHING()
#endif

#if !defined(LOG4CPLUS_DISABLE_INFO)
#define SENTRY_LOG4CPLUS_INFO_FMT(logger, ...) \
  SENTRY_LOG4CPLUS_MACRO_FMT_BODY(logger, INFO_LOG_LEVEL, __VA_ARGS__)
#else
#define SENTRY_LOG4CPLUS_INFO_FMT(logger, ...) SENTRY_LOG4CPLUS_NOTHING()
#endif

#if !defined(LOG4CPLUS_DISABLE_WARN)
#define SENTRY_LOG4CPLUS_WARN_FMT(logger, ...) \
  SENTRY_LOG4CPLUS_MACRO_FMT_BODY(logger, WARN_LOG_LEVEL, __VA_ARGS__)
#else
#define SENTRY_LOG4CPLUS_WARN_FMT(logger, ...) SENTRY_LOG4CPLUS_NOTHING()
#endif

#if !defined(LOG4CPLUS_DISABLE_ERROR)
#define SENTRY_LOG4CPLUS_ERROR_FMT(logger, ...) \
  SENTRY_LOG4CPLUS_MACRO_FMT_BODY(logger, ERROR_LOG_LEVEL, __VA_ARGS__)
#else
#define SENTRY_LOG4CPLUS_ERROR_FMT(logger, ...) SENTRY_LOG4CPLUS_NOTHING()
#endif

#if !defined(LOG4CPLUS_DISABLE_FATAL)
#define SENTRY_LOG4CPLUS_FATAL_FMT(logger, ...) \
  SENTRY_LOG4CPLUS_MACRO_FMT_BODY(logger, FATAL_LOG_LEVEL, __VA_ARGS__)
#else
#define SENTRY_LOG4CPLUS_FATAL_FMT(logger, ...) SENTRY_LOG4CPLUS_NOTHING()
#endif
