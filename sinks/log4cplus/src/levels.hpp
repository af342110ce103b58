// Private: log4cplus levels and Sentry levels.
//
// Pure functions, thread-safe, no allocation.
#pragma once

#include <optional>
#include <string_view>

#include <log4cplus/loglevel.h>

#include "sentry/level.hpp"

namespace sentry::log4cplus_detail {

// The standard level at or below `ll`: TRACE -> trace, DEBUG -> debug,
// INFO -> info, WARN -> warning, ERROR -> error, FATAL and above -> fatal.
// Custom levels between two standard ones take the lower one.
inline level to_sentry_level(::log4cplus::LogLevel ll) noexcept {
  if (ll >= ::log4cplus::FATAL_LOG_LEVEL) return level::fatal;
  if (ll >= ::log4cplus::ERROR_LOG_LEVEL) return level::error;
  if (ll >= ::log4cplus::WARN_LOG_LEVEL) return level::warning;
  if (ll >= ::log4cplus::INFO_LOG_LEVEL) return level::info;
  if (ll >= ::log4cplus::DEBUG_LOG_LEVEL) return level::debug;
  return level::trace;
}

// A level named in configuration: TRACE, DEBUG, INFO, WARN (or WARNING),
// ERROR, FATAL, OFF, ALL in any case, or a non-negative number (custom
// levels). nullopt for anything else.
std::optional<::log4cplus::LogLevel> parse_level(std::string_view text) noexcept;

// "ERROR", "INFO", ... for standard levels, the number otherwise.
std::string level_text(::log4cplus::LogLevel ll);

}  // namespace sentry::log4cplus_detail
