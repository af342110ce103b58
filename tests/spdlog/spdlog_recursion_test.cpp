// Records the SDK causes itself never come back to Sentry, and never
// deadlock: a before_send, a before_breadcrumb and the SDK's diagnostics that
// log through the very logger the Sentry sink is on.
#include <gtest/gtest.h>

#include <atomic>

#include "spdlog_test_support.hpp"

namespace {

using namespace sentry_test;

class recursion_test : public sdk_test {
 protected:
  std::ostringstream text;
  std::shared_ptr<spdlog::logger> logger;

  template <typename Sink>
  void make_logger() {
    auto console = std::make_shared<spdlog::sinks::ostream_sink_mt>(text);
    console->set_pattern("%v");
    logger = std::make_shared<spdlog::logger>("checkout", console);
    logger->sinks().push_back(std::make_shared<Sink>());
    logger->set_level(spdlog::level::trace);
  }
  bool text_has(const std::string& s) const { return text.str().find(s) != std::string::npos; }
};

TEST_F(recursion_test, before_send_logging_through_the_same_logger) {
  make_logger<sentry::spdlog::sink_mt>();
  std::atomic<int> calls{0};
  sentry::options o = base_options();
  o.before_send = [&](sentry::event& e) {
    ++calls;
    // On the worker thread, while user threads log through the same sink.
    logger->error("before_send saw {}", e.logger);
    logger->info("and a breadcrumb attempt");
    logger->flush();
    return true;
  };
  ASSERT_TRUE(start(o));
  logger->error("the one event");
  auto events = flushed_events();
  EXPECT_EQ(events.size(), 1u);
  EXPECT_EQ(calls.load(), 1);
  EXPECT_TRUE(text_has("before_send saw checkout"));  // the other sink got it
  logger->error("a second event");
  events = flushed_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(crumb_messages(events[1]), (std::vector<std::string>{"the one event"}));
}

TEST_F(recursion_test, before_breadcrumb_logging_through_the_same_logger) {
  make_logger<sentry::spdlog::sink_mt>();
  sentry::options o = base_options();
  o.before_breadcrumb = [&](sentry::breadcrumb& b) {
    // On the logging thread, inside the Sentry sink.
    logger->warn("before_breadcrumb saw {}", b.message);
    b.data["seen"] = sentry::value(true);
    return true;
  };
  ASSERT_TRUE(start(o));
  logger->info("a crumb");
  logger->error("an event");
  auto events = flushed_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(crumb_messages(events[0]), (std::vector<std::string>{"a crumb"}));
  const sentry::value& data = at(at(at(at(events[0], "breadcrumbs"), "values"), 0), "data");
  EXPECT_EQ(at(data, "seen"), sentry::value(true));
  EXPECT_EQ(str(at(data, "thread.name")).empty(), std::string(sentry::log_bridge::calling_thread_name()).empty());
  EXPECT_TRUE(text_has("before_breadcrumb saw a crumb"));
}

TEST_F(recursion_test, diagnostics_logged_through_the_same_logger) {
  make_logger<sentry::spdlog::sink_st>();
  sentry::options o = base_options();
  o.debug = true;
  o.diagnostic_level = sentry::level::debug;
  o.diagnostic_logger = [&](sentry::level, std::string_view m) {
    logger->error("sentry diagnostic: {}", m);
  };
  o.before_send = [](sentry::event&) { return false; };  // dropped: a diagnostic says so
  ASSERT_TRUE(start(o));
  for (int i = 0; i < 3; ++i) logger->error("dropped by before_send {}", i);
  sentry::flush(std::chrono::seconds(5));
  o.before_send = nullptr;
  ASSERT_TRUE(start(o));
  logger->error("kept");
  auto events = flushed_events();
  // Only the kept record's event; none for any diagnostic.
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(str(at(at(events[0], "logentry"), "formatted")), "kept");
  EXPECT_TRUE(text_has("sentry diagnostic:"));
  for (const auto& e : recording.events()) {
    EXPECT_EQ(str(at(at(e, "logentry"), "formatted")).find("sentry diagnostic"), std::string::npos);
  }
}

}  // namespace
