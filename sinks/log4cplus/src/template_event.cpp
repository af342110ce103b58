// The event the SENTRY_LOG4CPLUS_*_FMT macros log: a log4cplus event plus
// its printf template and arguments.
#include <cstdint>

#include "sentry/log4cplus/macros.hpp"

#include "sentry/log_bridge.hpp"

namespace sentry {

log4cplus_template_event::log4cplus_template_event(
    const ::log4cplus::tstring& logger, ::log4cplus::LogLevel level,
    const ::log4cplus::tchar* message, const char* file, int line, const char* function,
    const char* message_template, const value* arguments, std::size_t argument_count)
    : InternalLoggingEvent(logger, level, message ? message : "", file, line, function),
      template_(message_template ? message_template : ""),
      arguments_(arguments),
      argument_count_(arguments ? argument_count : 0),
      logging_thread_id_(log_bridge::calling_thread_id()) {}

log4cplus_template_event::log4cplus_template_event(const log4cplus_template_event& other)
    : InternalLoggingEvent(other),
      owned_template_(other.template_),
      owned_arguments_(other.arguments_, other.arguments_ + other.argument_count_),
      template_(owned_template_),
      arguments_(owned_arguments_.data()),
      argument_count_(owned_arguments_.size()),
      logging_thread_id_(other.logging_thread_id_) {}

log4cplus_template_event::~log4cplus_template_event() = default;

unsigned int log4cplus_template_event::type_id() noexcept {
  return 0x53454e54u;  // "SENT"; log4cplus's own events are type 1
}

unsigned int log4cplus_template_event::getType() const { return type_id(); }

std::unique_ptr<::log4cplus::spi::InternalLoggingEvent> log4cplus_template_event::clone()
    const {
  return std::unique_ptr<::log4cplus::spi::InternalLoggingEvent>(
      new log4cplus_template_event(*this));
}

namespace detail {

void log4cplus_log_values(const ::log4cplus::Logger& logger, ::log4cplus::LogLevel level,
                          const ::log4cplus::tchar* message, const char* file, int line,
                          const char* function, const char* message_template,
                          const value* arguments, std::size_t argument_count) {
  log4cplus_template_event event(logger.getName(), level, message, file, line, function,
                                 message_template, arguments, argument_count);
  logger.forcedLog(event);
}

}  // namespace detail
}  // namespace sentry
