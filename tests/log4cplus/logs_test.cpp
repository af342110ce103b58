// sentry::log4cplus_appender and Sentry structured logs: records at or above
// minimum_log_level become logs when the SDK's enable_logs is on.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>

#include <pthread.h>
#include <unistd.h>

#include <log4cplus/helpers/property.h>
#include <log4cplus/loggingmacros.h>

#include "log4cplus_support.hpp"
#include "sentry/log4cplus/macros.hpp"

namespace {

using namespace l4c_test;

class logs_test : public appender_test {
 protected:
  void start_with_logs(bool enabled = true) {
    sentry::options opts;
    opts.enable_logs = enabled;
    start_sdk(opts);
  }
  std::vector<sentry::value> logs() {
    sentry::flush(std::chrono::seconds(5));
    return recording.logs();
  }
  static std::string attribute(const sentry::value& log, const char* key) {
    return text(log, "attributes", key, "value");
  }
};

TEST_F(logs_test, records_become_logs_with_origin_template_and_parameters) {
  start_with_logs();
  log4cplus::Logger logger = logger_with(sentry_appender());

  LOG4CPLUS_DEBUG(logger, "below the log level");
  SENTRY_LOG4CPLUS_INFO_FMT(logger, "cart loaded with %d items", 3);
  LOG4CPLUS_WARN(logger, "inventory low for sku-17");
  try {
    throw std::runtime_error("payment declined");
  } catch (const std::runtime_error&) {
    SENTRY_LOG4CPLUS_ERROR_FMT(logger, "payment failed for order %d", 1234);
  }

  auto ls = logs();
  ASSERT_EQ(ls.size(), 3u);
  EXPECT_EQ(text(ls[0], "level"), "info");
  EXPECT_EQ(text(ls[0], "body"), "cart loaded with 3 items");
  EXPECT_EQ(attribute(ls[0], "sentry.message.template"), "cart loaded with %d items");
  EXPECT_EQ(attribute(ls[0], "sentry.message.parameter.0"), "3");
  EXPECT_EQ(text(ls[1], "level"), "warn");
  EXPECT_EQ(text(ls[1], "body"), "inventory low for sku-17");
  EXPECT_EQ(attribute(ls[1], "sentry.message.template"), "");  // plain log4cplus call
  EXPECT_EQ(text(ls[2], "level"), "error");
  EXPECT_EQ(text(ls[2], "body"), "payment failed for order 1234");
  EXPECT_EQ(attribute(ls[2], "sentry.message.parameter.0"), "1234");
  for (const auto& l : ls) EXPECT_EQ(attribute(l, "sentry.origin"), "auto.log.log4cplus");
  EXPECT_EQ(events().size(), 1u);  // the error is still an event too
}

// A log names its logger, the thread that logged it, its call site, and the
// MDC entries listed in context_tags (the others stay out); printf
// parameters keep their types.
TEST_F(logs_test, a_log_names_its_logger_thread_call_site_and_listed_mdc_entries) {
  start_with_logs();
  sentry::log4cplus_appender_options o;
  o.context_tags = std::vector<std::string>{"request_id"};
  log4cplus::Logger logger = logger_with(sentry_appender(o));
  int line = 0;
  std::string function;
  std::int64_t thread_id = 0;
  std::thread worker([&] {
    pthread_setname_np(pthread_self(), "cart-worker");
    thread_id = static_cast<std::int64_t>(::gettid());
    const char* f = LOG4CPLUS_MACRO_FUNCTION();
    function = f ? f : "";
    log4cplus::getMDC().put("request_id", "r-42");
    log4cplus::getMDC().put("session", "s-9");
    SENTRY_LOG4CPLUS_INFO_FMT(logger, "cart %s has %d items worth %.2f", "c-7", 3, 19.5); line = __LINE__;
    log4cplus::getMDC().clear();
  });
  worker.join();

  auto ls = logs();
  ASSERT_EQ(ls.size(), 1u);
  const sentry::value& l = ls[0];
  EXPECT_EQ(text(l, "body"), "cart c-7 has 3 items worth 19.50");
  EXPECT_EQ(attribute(l, "logger.name"), "checkout");
  EXPECT_EQ(attribute(l, "thread.name"), "cart-worker");
  const sentry::value* id = path(l, "attributes", "thread.id", "value");
  ASSERT_NE(id, nullptr);
  ASSERT_NE(id->as_int(), nullptr);
  EXPECT_EQ(*id->as_int(), thread_id);
  EXPECT_NE(attribute(l, "code.file.path").find("logs_test.cpp"), std::string::npos);
  EXPECT_EQ(attribute(l, "code.line.number"), std::to_string(line));
  EXPECT_EQ(text(l, "attributes", "code.line.number", "type"), "integer");
  EXPECT_EQ(attribute(l, "code.function.name"), function);
  EXPECT_EQ(attribute(l, "request_id"), "r-42");
  EXPECT_EQ(path(l, "attributes", "session"), nullptr) << l.to_json();
  EXPECT_EQ(attribute(l, "sentry.message.template"), "cart %s has %d items worth %.2f");
  const char* types[] = {"string", "integer", "double"};
  for (int i = 0; i < 3; ++i) {
    const std::string key = "sentry.message.parameter." + std::to_string(i);
    EXPECT_EQ(text(l, "attributes", key.c_str(), "type"), types[i]) << key;
  }
}

TEST_F(logs_test, every_log4cplus_level_maps_onto_a_breadcrumb_and_a_log_level) {
  // Events and breadcrumbs know no trace and say warning; logs keep trace
  // and say warn (PROTOCOL §12.4).
  start_with_logs();
  sentry::log4cplus_appender_options o;
  o.minimum_breadcrumb_level = log4cplus::TRACE_LOG_LEVEL;
  o.minimum_log_level = log4cplus::TRACE_LOG_LEVEL;
  log4cplus::Logger logger = logger_with(sentry_appender(o));

  LOG4CPLUS_TRACE(logger, "trace");
  LOG4CPLUS_DEBUG(logger, "debug");
  LOG4CPLUS_INFO(logger, "info");
  LOG4CPLUS_WARN(logger, "warn");
  LOG4CPLUS_ERROR(logger, "error");
  LOG4CPLUS_FATAL(logger, "fatal");

  auto ls = logs();
  ASSERT_EQ(ls.size(), 6u);
  const char* log_levels[] = {"trace", "debug", "info", "warn", "error", "fatal"};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(text(ls[i], "body"), log_levels[i]);
    EXPECT_EQ(text(ls[i], "level"), log_levels[i]);
  }
  auto evs = events();
  ASSERT_EQ(evs.size(), 2u);  // error and fatal
  auto crumbs = breadcrumbs(evs[1]);
  ASSERT_EQ(crumbs.size(), 5u);  // all but the fatal record itself
  const char* crumb_levels[] = {"debug", "debug", "info", "warning", "error"};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(text(crumbs[i], "message"), log_levels[i]);
    EXPECT_EQ(text(crumbs[i], "level"), crumb_levels[i]);
  }
  EXPECT_EQ(text(evs[1], "level"), "fatal");
}

TEST_F(logs_test, a_bad_minimum_log_level_is_reported_by_name) {
  start_with_logs();
  loglog_capture loglog;
  log4cplus::helpers::Properties p;
  p.setProperty("MinimumLogLevel", "chatty");
  log4cplus::Logger logger =
      logger_with(log4cplus::SharedAppenderPtr(new sentry::log4cplus_appender(p)));
  EXPECT_NE(loglog.text().find("MinimumLogLevel=\"chatty\" is not a log level"), std::string::npos)
      << loglog.text();
  EXPECT_NE(loglog.text().find("using INFO"), std::string::npos) << loglog.text();

  LOG4CPLUS_DEBUG(logger, "not a log");
  LOG4CPLUS_INFO(logger, "a log: the default level applies");
  auto ls = logs();
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(text(ls[0], "body"), "a log: the default level applies");
}

TEST_F(logs_test, no_logs_unless_the_sdk_enables_them) {
  start_with_logs(false);
  log4cplus::Logger logger = logger_with(sentry_appender());
  LOG4CPLUS_WARN(logger, "not a log");
  LOG4CPLUS_ERROR(logger, "an event, not a log");
  EXPECT_TRUE(logs().empty());
  EXPECT_EQ(recording.events().size(), 1u);
}

TEST_F(logs_test, minimum_log_level_from_properties) {
  start_with_logs();
  log4cplus::helpers::Properties p;
  p.setProperty("MinimumLogLevel", "WARN");
  log4cplus::Logger logger =
      logger_with(log4cplus::SharedAppenderPtr(new sentry::log4cplus_appender(p)));

  LOG4CPLUS_INFO(logger, "a breadcrumb, not a log");
  LOG4CPLUS_WARN(logger, "a log");

  auto ls = logs();
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(text(ls[0], "body"), "a log");
}

TEST_F(logs_test, log_level_off_keeps_only_the_records_that_are_events) {
  start_with_logs();
  sentry::log4cplus_appender_options o;
  o.minimum_log_level = log4cplus::OFF_LOG_LEVEL;
  log4cplus::Logger logger = logger_with(sentry_appender(o));

  LOG4CPLUS_WARN(logger, "no log");
  LOG4CPLUS_ERROR(logger, "event and log");

  auto ls = logs();
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(text(ls[0], "body"), "event and log");
}

}  // namespace
