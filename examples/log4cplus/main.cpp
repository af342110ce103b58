// log4cplus_example: the example scenario of the project (one error event
// with two breadcrumbs, tags from the MDC, the exception being handled) with
// log4cplus, configured from log4cplus.properties next to the binary.
//
// Configuration comes from the environment as in every Sentry SDK:
// SENTRY_DSN (nothing is sent without it), SENTRY_RELEASE,
// SENTRY_ENVIRONMENT, SENTRY_DEBUG. Runs from any working folder, exits 0,
// and flushes before it exits.
#include <limits.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

#include <log4cplus/configurator.h>
#include <log4cplus/initializer.h>
#include <log4cplus/logger.h>
#include <log4cplus/loggingmacros.h>
#include <log4cplus/mdc.h>

#include <sentry/log4cplus/appender.hpp>
#include <sentry/log4cplus/macros.hpp>
#include <sentry/sentry.hpp>

namespace {

// log4cplus.properties in the folder of this binary.
std::string config_path() {
  char exe[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  std::string dir = n > 0 ? std::string(exe, static_cast<std::size_t>(n)) : std::string();
  dir = dir.substr(0, dir.find_last_of('/') + 1);
  return dir + "log4cplus.properties";
}

}  // namespace

int main() {
  log4cplus::Initializer log4cplus_initializer;
  // Closed (and flushed) at the end of main, before log4cplus shuts down.
  sentry::init_guard sentry_guard(sentry::options{});

  sentry::register_log4cplus_appender();
  log4cplus::PropertyConfigurator::doConfigure(config_path());

  log4cplus::Logger logger = log4cplus::Logger::getInstance("checkout");
  log4cplus::getMDC().put("request_id", "r-42");
  log4cplus::getMDC().put("tenant", "acme");
  log4cplus::getMDC().put("session", "s-9");

  SENTRY_LOG4CPLUS_INFO_FMT(logger, "cart loaded with %d items", 3);
  LOG4CPLUS_WARN(logger, "inventory low for sku-17");
  try {
    throw std::runtime_error("payment declined");
  } catch (const std::runtime_error&) {
    SENTRY_LOG4CPLUS_ERROR_FMT(logger, "payment failed for order %d", 1234);
  }
  return 0;
}
