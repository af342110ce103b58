// Private: the appender's keys in a log4cplus properties file.
//
// Reads ContextTags, MinimumEventLevel, MinimumBreadcrumbLevel,
// MinimumLogLevel, Dsn, Release and Environment. A bad value is reported through log4cplus's LogLog as an
// error naming the property, and the default is kept; an unknown key is
// reported as a warning (a typo would otherwise be silently ignored).
// Called from the appender's constructor; thread-safe.
#pragma once

#include <string>

#include <log4cplus/helpers/property.h>

#include "sentry/log4cplus/appender.hpp"

namespace sentry::log4cplus_detail {

struct appender_properties {
  log4cplus_appender_options options;
  std::string dsn;
  std::string release;
  std::string environment;
};

appender_properties read_properties(const ::log4cplus::helpers::Properties& properties);

// Checks options given in code the same way (OFF as the event level is
// reported and replaced by the default).
log4cplus_appender_options checked(log4cplus_appender_options options);

// Splits "request_id, tenant" into its trimmed, non-empty entries.
std::vector<std::string> split_list(std::string_view text);

// Reports through log4cplus's LogLog, prefixed with the appender's name.
void report_error(const std::string& message);
void report_warning(const std::string& message);
void report_debug(const std::string& message);

}  // namespace sentry::log4cplus_detail
