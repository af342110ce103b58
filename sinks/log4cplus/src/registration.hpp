// Private: the appender's registration in log4cplus's factory registry, and
// starting the SDK from a properties file's Dsn/Release/Environment.
//
// Thread-safe (one process-wide mutex, never held while logging).
#pragma once

#include <string>

namespace sentry::log4cplus_detail {

enum class start_result { started, already_running, failed };

// Starts the SDK with register_log4cplus_appender()'s defaults, filling in
// what they leave empty from the file, unless code has initialized the SDK
// (sentry::is_initialized(): code wins). Reports through LogLog why it did
// not start.
start_result start_sdk(const std::string& dsn, const std::string& release,
                       const std::string& environment);

}  // namespace sentry::log4cplus_detail
