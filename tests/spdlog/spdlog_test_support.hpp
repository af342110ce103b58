// Test support for the spdlog sink: real spdlog loggers around a Sentry sink,
// the SDK on a recording transport (sdk_fixture.hpp), and readers for what
// arrived.
#pragma once

#include <spdlog/async.h>
#include <spdlog/async_logger.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <memory>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include "sdk_fixture.hpp"
#include "sentry/context_store.hpp"
#include "sentry/spdlog/log.hpp"
#include "sentry/spdlog/sink.hpp"

namespace sentry_test {

// Messages of an event's breadcrumbs, oldest first.
inline std::vector<std::string> crumb_messages(const sentry::value& event) {
  std::vector<std::string> out;
  const sentry::value& values = at(at(event, "breadcrumbs"), "values");
  for (std::size_t i = 0; i < len(values); ++i) out.push_back(str(at(at(values, i), "message")));
  return out;
}

inline std::vector<std::string> texts(const sentry::value& array) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < len(array); ++i) out.push_back(array.as_array() ? at(array, i).to_text() : "");
  return out;
}

// The scenario of EXAMPLES.md on `logger`, with a debug record below every
// default threshold first. The warning is a plain spdlog call, or
// (`template_warning`) a template call: on an asynchronous logger only
// template calls carry the call site's context (see sentry/spdlog/log.hpp).
inline void play_scenario(spdlog::logger& logger, bool template_warning = false) {
  sentry::scoped_context a("request_id", "r-42");
  sentry::scoped_context b("tenant", "acme");
  sentry::scoped_context c("session", "s-9");
  logger.debug("below the log level");
  sentry::spdlog::info(logger, "cart loaded with {} items", 3);
  if (template_warning) {
    SENTRY_SPDLOG_WARN(logger, "inventory low for {}", "sku-17");
  } else {
    logger.warn("inventory low for sku-17");
  }
  try {
    throw std::runtime_error("payment declined");
  } catch (const std::runtime_error&) {
    sentry::spdlog::error(logger, "payment failed for order {}", 1234);
  }
}

// What EXAMPLES.md wants of the scenario's one event (template calls for
// the info and the error, the error logged inside the catch).
inline void expect_scenario_event(const sentry::value& e) {
  EXPECT_EQ(str(at(e, "logger")), "checkout");
  EXPECT_EQ(str(at(e, "level")), "error");
  EXPECT_EQ(str(at(e, "platform")), "native");
  EXPECT_EQ(str(at(at(e, "logentry"), "message")), "payment failed for order {}");
  EXPECT_EQ(texts(at(at(e, "logentry"), "params")), (std::vector<std::string>{"1234"}));
  EXPECT_EQ(str(at(at(e, "logentry"), "formatted")), "payment failed for order 1234");
  EXPECT_EQ(str(at(at(e, "tags"), "request_id")), "r-42");
  EXPECT_EQ(str(at(at(e, "tags"), "tenant")), "acme");
  EXPECT_TRUE(at(at(e, "tags"), "session").is_null());
  EXPECT_EQ(str(at(at(at(e, "contexts"), "log_context"), "session")), "s-9");
  const sentry::value& ex = at(at(at(e, "exception"), "values"), 0);
  EXPECT_EQ(str(at(ex, "type")), "std::runtime_error");
  EXPECT_EQ(str(at(ex, "value")), "payment declined");
  EXPECT_EQ(str(at(at(ex, "mechanism"), "type")), "auto.log.spdlog");
  EXPECT_EQ(at(at(ex, "mechanism"), "handled"), sentry::value(true));
  EXPECT_EQ(crumb_messages(e),
            (std::vector<std::string>{"cart loaded with 3 items", "inventory low for sku-17"}));
  const sentry::value& crumbs = at(at(e, "breadcrumbs"), "values");
  for (std::size_t i = 0; i < len(crumbs); ++i) {
    EXPECT_EQ(str(at(at(crumbs, i), "category")), "checkout");
    EXPECT_EQ(str(at(at(crumbs, i), "type")), "default");
  }
  EXPECT_EQ(str(at(at(crumbs, 0), "level")), "info");
  EXPECT_EQ(str(at(at(crumbs, 1), "level")), "warning");
}

// An asynchronous logger on a thread pool of its own. drain() returns once
// the pool has run every record logged so far (it joins the pool's thread),
// and only then frees the logger and its sinks: after the join, which
// ThreadSanitizer sees (the pool's own reference to the logger is counted
// inside libspdlog, which it does not).
struct async_setup {
  std::shared_ptr<spdlog::details::thread_pool> pool;
  std::shared_ptr<spdlog::async_logger> logger;

  async_setup(const std::string& name, std::vector<spdlog::sink_ptr> sinks, std::size_t queue = 8192,
              spdlog::async_overflow_policy policy = spdlog::async_overflow_policy::block)
      : pool(std::make_shared<spdlog::details::thread_pool>(queue, 1)),
        logger(std::make_shared<spdlog::async_logger>(name, sinks.begin(), sinks.end(), pool, policy)) {
    logger->set_level(spdlog::level::trace);
  }
  void drain() {
    pool.reset();
    logger.reset();
  }
};

}  // namespace sentry_test
