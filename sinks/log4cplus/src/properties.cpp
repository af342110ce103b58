#include "properties.hpp"

#include <cctype>
#include <string_view>

#include <log4cplus/helpers/loglog.h>

#include "levels.hpp"

namespace sentry::log4cplus_detail {

namespace {

constexpr const char* kPrefix = "sentry::log4cplus_appender: ";

// Keys that log4cplus's Appender base reads itself.
bool is_base_key(std::string_view key) {
  return key == "layout" || key.rfind("layout.", 0) == 0 || key == "Threshold" ||
         key.rfind("filters.", 0) == 0 || key == "UseLockFile" || key == "LockFile" ||
         key == "AsyncAppend";
}

bool is_own_key(std::string_view key) {
  return key == "ContextTags" || key == "MinimumEventLevel" ||
         key == "MinimumBreadcrumbLevel" || key == "MinimumLogLevel" || key == "Dsn" ||
         key == "Release" || key == "Environment";
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

void read_level(const ::log4cplus::helpers::Properties& props, const char* key,
                ::log4cplus::LogLevel& target) {
  if (!props.exists(key)) return;
  const std::string& text = props.getProperty(key);
  if (auto parsed = parse_level(text)) {
    target = *parsed;
    return;
  }
  report_error(std::string(key) + "=\"" + text +
               "\" is not a log level (TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF or a "
               "number); using " + level_text(target));
}

}  // namespace

void report_error(const std::string& message) {
  ::log4cplus::helpers::getLogLog().error(kPrefix + message);
}

void report_warning(const std::string& message) {
  ::log4cplus::helpers::getLogLog().warn(kPrefix + message);
}

void report_debug(const std::string& message) {
  ::log4cplus::helpers::getLogLog().debug(kPrefix + message);
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    std::string entry = trimmed(text.substr(0, comma));
    if (!entry.empty()) out.push_back(std::move(entry));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

log4cplus_appender_options checked(log4cplus_appender_options options) {
  if (options.minimum_event_level > ::log4cplus::FATAL_LOG_LEVEL) {
    report_error("MinimumEventLevel=" + level_text(options.minimum_event_level) +
                 " leaves nothing to become an event (FATAL is the highest it can be); "
                 "using ERROR");
    options.minimum_event_level = ::log4cplus::ERROR_LOG_LEVEL;
  }
  if (options.flush_timeout.count() < 0) options.flush_timeout = std::chrono::milliseconds(0);
  return options;
}

appender_properties read_properties(const ::log4cplus::helpers::Properties& props) {
  appender_properties out;
  for (const std::string& key : props.propertyNames()) {
    if (!is_own_key(key) && !is_base_key(key)) {
      report_warning("unknown property \"" + key +
                     "\" ignored (known: ContextTags, MinimumEventLevel, "
                     "MinimumBreadcrumbLevel, MinimumLogLevel, Dsn, Release, Environment)");
    }
  }
  read_level(props, "MinimumEventLevel", out.options.minimum_event_level);
  read_level(props, "MinimumBreadcrumbLevel", out.options.minimum_breadcrumb_level);
  read_level(props, "MinimumLogLevel", out.options.minimum_log_level);
  if (props.exists("ContextTags")) out.options.context_tags = split_list(props.getProperty("ContextTags"));
  out.dsn = trimmed(props.getProperty("Dsn"));
  out.release = trimmed(props.getProperty("Release"));
  out.environment = trimmed(props.getProperty("Environment"));
  out.options = checked(std::move(out.options));
  return out;
}

}  // namespace sentry::log4cplus_detail
