#include "registration.hpp"

#include <mutex>

#include <log4cplus/spi/factory.h>

#include "properties.hpp"
#include "sentry/dsn.hpp"
#include "sentry/log4cplus/appender.hpp"
#include "sentry/sentry.hpp"

namespace sentry {
namespace log4cplus_detail {
namespace {

struct registration_state {
  std::mutex mutex;
  options defaults;
};

registration_state& state() {
  static registration_state* s = new registration_state();  // outlives static destructors
  return *s;
}

}  // namespace

start_result start_sdk(const std::string& dsn, const std::string& release,
                       const std::string& environment) {
  registration_state& s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (is_initialized()) {
    report_debug("the SDK is already initialized (in code); Dsn, Release and Environment "
                 "of the properties are not used");
    return start_result::already_running;
  }
  options opts = s.defaults;
  if (opts.dsn.empty()) {
    std::string reason;
    if (!dsn::parse(dsn, &reason)) {
      report_error("Dsn is not a valid DSN (" + reason + "); the SDK was not started");
      return start_result::failed;
    }
    opts.dsn = dsn;
  }
  if (opts.release.empty()) opts.release = release;
  if (opts.environment.empty()) opts.environment = environment;
  if (!init(std::move(opts))) {
    report_error("the SDK did not start from the properties' Dsn");
    return start_result::failed;
  }
  report_debug("the SDK was started from the properties");
  return start_result::started;
}

}  // namespace log4cplus_detail

bool register_log4cplus_appender(options defaults) noexcept {
  try {
    log4cplus_detail::registration_state& s = log4cplus_detail::state();
    std::lock_guard<std::mutex> lock(s.mutex);
    s.defaults = std::move(defaults);
    ::log4cplus::spi::AppenderFactoryRegistry& reg = ::log4cplus::spi::getAppenderFactoryRegistry();
    if (reg.get("sentry::log4cplus_appender")) return true;
    return LOG4CPLUS_REG_PRODUCT(reg, "sentry::", log4cplus_appender, sentry::,
                                 ::log4cplus::spi::AppenderFactory);
  } catch (...) {
    return false;
  }
}

}  // namespace sentry
