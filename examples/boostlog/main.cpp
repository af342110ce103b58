// boostlog_example: Boost.Log configured from a settings file that adds Sentry.
//
// The settings file (boostlog_example.ini, next to the binary) has a
// [Sinks.Sentry] section with Destination=Sentry and ContextTags; since the
// code does not initialize the SDK, that section does, from SENTRY_DSN,
// SENTRY_RELEASE, SENTRY_ENVIRONMENT (or its own Dsn/Release/Environment).
// Runs from any working folder, exits 0, flushes before it exits.
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

#include <boost/log/attributes/scoped_attribute.hpp>
#include <boost/log/core/core.hpp>
#include <boost/log/sources/record_ostream.hpp>
#include <boost/log/sources/severity_channel_logger.hpp>
#include <boost/log/trivial.hpp>
#include <boost/log/utility/setup/from_stream.hpp>

#include "sentry/boostlog/settings.hpp"
#include "sentry/sentry.hpp"

namespace {

// The folder of this executable, whatever the working folder.
std::string binary_folder(const char* argv0) {
  char buf[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  std::string path = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string(argv0);
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

}  // namespace

int main(int, char** argv) {
  namespace logging = boost::log;
  using logging::trivial::severity_level;

  // 1. Boost.Log from its settings file; the "Sentry" destination is ours.
  sentry::boostlog::register_sink_factory();
  const std::string settings_path = binary_folder(argv[0]) + "/boostlog_example.ini";
  std::ifstream settings(settings_path);
  if (!settings) {
    std::fprintf(stderr, "cannot read %s\n", settings_path.c_str());
    return 1;
  }
  try {
    logging::init_from_stream(settings);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", settings_path.c_str(), e.what());
    return 1;
  }

  // 2. The scenario: a logger named checkout, a logging context.
  logging::sources::severity_channel_logger<severity_level, std::string> log(
      logging::keywords::channel = "checkout");
  BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-42");
  BOOST_LOG_SCOPED_THREAD_TAG("tenant", "acme");
  BOOST_LOG_SCOPED_THREAD_TAG("session", "s-9");

  BOOST_LOG_SEV(log, severity_level::info) << "cart loaded with " << 3 << " items";
  BOOST_LOG_SEV(log, severity_level::warning) << "inventory low for sku-17";
  try {
    throw std::runtime_error("payment declined");
  } catch (const std::runtime_error&) {
    BOOST_LOG_SEV(log, severity_level::error) << "payment failed for order " << 1234;
  }

  // 3. Hand everything to Sentry and wait for it to be sent, then close.
  logging::core::get()->flush();
  sentry::close();
  return 0;
}
