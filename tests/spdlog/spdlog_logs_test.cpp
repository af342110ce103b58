// The Sentry sink and Sentry structured logs: records at or above
// minimum_log_level become logs when the SDK's enable_logs is on, with
// sentry.origin auto.log.spdlog, the template and its typed parameters, and
// the listed context fields as attributes; also through an async logger.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>

#include <pthread.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "spdlog_test_support.hpp"

namespace {

using namespace sentry_test;
using sentry::value;

class logs_test : public sdk_test {
 protected:
  void SetUp() override { sentry::context_store::clear(); }
  void TearDown() override {
    sentry::context_store::clear();
    sdk_test::TearDown();
  }
  void start_with_logs(bool enabled = true) {
    sentry::options o = base_options();
    o.enable_logs = enabled;
    o.context_tags = {"request_id", "tenant"};
    o.release = "shop@1.2.3";
    o.environment = "staging";
    ASSERT_TRUE(start(std::move(o)));
  }
  static std::shared_ptr<spdlog::logger> make_logger(sentry::spdlog::sink_options opts = {}) {
    auto l = std::make_shared<spdlog::logger>("checkout",
                                              std::make_shared<sentry::spdlog::sink_mt>(opts));
    l->set_level(spdlog::level::trace);
    return l;
  }
  std::vector<value> logs() {
    EXPECT_TRUE(sentry::flush(std::chrono::seconds(10)));
    return recording.logs();
  }
};

const value& attr(const value& log, const char* key) { return at(at(at(log, "attributes"), key), "value"); }
std::string attr_type(const value& log, const char* key) {
  return str(at(at(at(log, "attributes"), key), "type"));
}

void expect_scenario_logs(const std::vector<value>& ls, bool template_warning) {
  ASSERT_EQ(ls.size(), 3u);
  EXPECT_EQ(str(at(ls[0], "level")), "info");
  EXPECT_EQ(str(at(ls[0], "body")), "cart loaded with 3 items");
  EXPECT_EQ(str(attr(ls[0], "sentry.message.template")), "cart loaded with {} items");
  EXPECT_EQ(attr(ls[0], "sentry.message.parameter.0"), value(3));
  EXPECT_EQ(attr_type(ls[0], "sentry.message.parameter.0"), "integer");
  EXPECT_EQ(str(at(ls[1], "level")), "warn");  // the logs' spelling
  EXPECT_EQ(str(at(ls[1], "body")), "inventory low for sku-17");
  if (template_warning) {
    EXPECT_EQ(str(attr(ls[1], "sentry.message.template")), "inventory low for {}");
    EXPECT_EQ(str(attr(ls[1], "sentry.message.parameter.0")), "sku-17");
  } else {
    EXPECT_TRUE(attr(ls[1], "sentry.message.template").is_null());  // a plain spdlog call
  }
  EXPECT_EQ(str(at(ls[2], "level")), "error");
  EXPECT_EQ(str(attr(ls[2], "sentry.message.template")), "payment failed for order {}");
  EXPECT_EQ(attr(ls[2], "sentry.message.parameter.0"), value(1234));
  for (const auto& l : ls) {
    EXPECT_EQ(str(attr(l, "sentry.origin")), "auto.log.spdlog");
    EXPECT_EQ(str(attr(l, "logger.name")), "checkout");
    EXPECT_EQ(str(attr(l, "sentry.release")), "shop@1.2.3");
    EXPECT_EQ(str(attr(l, "sentry.environment")), "staging");
    EXPECT_EQ(str(attr(l, "request_id")), "r-42");  // listed context fields only
    EXPECT_EQ(str(attr(l, "tenant")), "acme");
    EXPECT_TRUE(attr(l, "session").is_null());
    EXPECT_EQ(attr(l, "thread.id"), value(static_cast<std::int64_t>(spdlog::details::os::thread_id())));
    EXPECT_EQ(str(at(l, "trace_id")).size(), 32u);
  }
  // Template calls know their call site.
  EXPECT_NE(str(attr(ls[0], "code.file.path")).find("spdlog_test_support.hpp"), std::string::npos);
  EXPECT_EQ(attr_type(ls[0], "code.line.number"), "integer");
}

TEST_F(logs_test, records_become_logs_with_origin_template_parameters_and_context) {
  start_with_logs();
  auto logger = make_logger();
  play_scenario(*logger, false);
  expect_scenario_logs(logs(), false);
  EXPECT_EQ(recording.events().size(), 1u);  // the error is still an event
}

TEST_F(logs_test, an_async_logger_forwards_the_same_logs) {
  start_with_logs();
  async_setup async("checkout", {std::make_shared<sentry::spdlog::sink_mt>()});
  play_scenario(*async.logger, true);
  async.drain();
  expect_scenario_logs(logs(), true);
  EXPECT_EQ(recording.events().size(), 1u);
}

TEST_F(logs_test, no_logs_unless_the_sdk_enables_them) {
  start_with_logs(false);
  auto logger = make_logger();
  logger->warn("not a log");
  logger->error("an event, not a log");
  EXPECT_TRUE(logs().empty());
  EXPECT_EQ(recording.events().size(), 1u);
}

TEST_F(logs_test, minimum_log_level_per_sink) {
  start_with_logs();
  sentry::spdlog::sink_options opts;
  opts.minimum_log_level = sentry::level::warning;
  auto logger = make_logger(opts);
  logger->info("a breadcrumb, not a log");
  logger->warn("a log");
  auto ls = logs();
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(str(at(ls[0], "body")), "a log");
}

TEST_F(logs_test, logs_below_the_breadcrumb_level_reach_the_sink) {
  start_with_logs();
  sentry::spdlog::sink_options opts;
  opts.minimum_log_level = sentry::level::trace;
  auto logger = make_logger(opts);
  auto sink = std::static_pointer_cast<sentry::spdlog::sink_mt>(logger->sinks()[0]);
  EXPECT_EQ(sink->level(), spdlog::level::trace);  // the sink's own filter follows
  logger->trace("a trace log");
  auto ls = logs();
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(str(at(ls[0], "level")), "trace");
  EXPECT_TRUE(recording.events().empty());
}

TEST_F(logs_test, every_spdlog_level_maps_onto_a_log_level) {
  // Logs keep trace and say warn; critical is fatal (PROTOCOL §12.4).
  start_with_logs();
  sentry::spdlog::sink_options opts;
  opts.minimum_log_level = sentry::level::trace;
  auto logger = make_logger(opts);
  logger->trace("trace");
  logger->debug("debug");
  logger->info("info");
  logger->warn("warn");
  logger->error("err");
  logger->critical("critical");
  auto ls = logs();
  ASSERT_EQ(ls.size(), 6u);
  const char* bodies[] = {"trace", "debug", "info", "warn", "err", "critical"};
  const char* levels[] = {"trace", "debug", "info", "warn", "error", "fatal"};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(str(at(ls[i], "body")), bodies[i]);
    EXPECT_EQ(str(at(ls[i], "level")), levels[i]);
  }
}

// A log names the thread that logged it and its call site (spdlog's source
// location macros).
TEST_F(logs_test, a_log_names_its_thread_and_call_site) {
  start_with_logs();
  auto logger = make_logger();
  int line = 0;
  std::string function;
  std::int64_t thread_id = 0;
  std::thread worker([&] {
    pthread_setname_np(pthread_self(), "cart-worker");
    thread_id = static_cast<std::int64_t>(::gettid());
    function = __FUNCTION__;
    SPDLOG_LOGGER_INFO(logger, "cart loaded"); line = __LINE__;
  });
  worker.join();
  auto ls = logs();
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(str(attr(ls[0], "thread.name")), "cart-worker") << ls[0].to_json();
  EXPECT_EQ(attr(ls[0], "thread.id"), value(thread_id));
  EXPECT_NE(str(attr(ls[0], "code.file.path")).find("spdlog_logs_test.cpp"), std::string::npos);
  EXPECT_EQ(attr(ls[0], "code.line.number"), value(line));
  EXPECT_EQ(str(attr(ls[0], "code.function.name")), function);
  EXPECT_EQ(str(attr(ls[0], "logger.name")), "checkout");
}

TEST_F(logs_test, parameters_keep_their_types) {
  start_with_logs();
  auto logger = make_logger();
  sentry::spdlog::info(logger, "{} {} {} {} {}", 7, 2.5, true, "text", std::string("str"));
  auto ls = logs();
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(str(at(ls[0], "body")), "7 2.5 true text str");
  EXPECT_EQ(attr_type(ls[0], "sentry.message.parameter.0"), "integer");
  EXPECT_EQ(attr_type(ls[0], "sentry.message.parameter.1"), "double");
  EXPECT_EQ(attr_type(ls[0], "sentry.message.parameter.2"), "boolean");
  EXPECT_EQ(attr_type(ls[0], "sentry.message.parameter.3"), "string");
  EXPECT_EQ(str(attr(ls[0], "sentry.message.parameter.4")), "str");
}

}  // namespace
