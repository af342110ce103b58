// Load and odd input through the Sentry sink: many threads at once, invalid
// UTF-8, a 1 MB message.
#include <gtest/gtest.h>

#include <thread>

#include "spdlog_test_support.hpp"

namespace {

using namespace sentry_test;

class robustness_test : public sdk_test {
 protected:
  std::shared_ptr<spdlog::logger> logger;
  void SetUp() override {
    sentry::options o = base_options();
    o.context_tags = {"worker"};
    o.max_queue_size = 10000;
    ASSERT_TRUE(start(o));
    logger = std::make_shared<spdlog::logger>("load", std::make_shared<sentry::spdlog::sink_mt>());
    logger->set_level(spdlog::level::trace);
  }
};

TEST_F(robustness_test, eight_threads_logging_at_once) {
  constexpr int threads = 8;
  constexpr int per_thread = 200;  // each: breadcrumbs, every 20th an event
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      sentry::scoped_context who("worker", std::to_string(t));
      for (int i = 0; i < per_thread; ++i) {
        if (i % 20 == 19) {
          sentry::spdlog::error(logger, "worker {} failed step {}", t, i);
        } else {
          sentry::spdlog::info(logger, "worker {} step {}", t, i);
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  auto events = flushed_events();
  ASSERT_EQ(events.size(), static_cast<std::size_t>(threads * per_thread / 20));
  for (const auto& e : events) {
    const auto params = texts(at(at(e, "logentry"), "params"));
    ASSERT_EQ(params.size(), 2u);
    EXPECT_EQ(str(at(at(e, "tags"), "worker")), params[0]);
    // Breadcrumbs are whole records (never torn between threads).
    for (const auto& m : crumb_messages(e)) EXPECT_EQ(m.rfind("worker ", 0), 0u) << m;
    EXPECT_LE(crumb_messages(e).size(), 100u);
  }
}

TEST_F(robustness_test, invalid_utf8_everywhere) {
  const std::string bad = "caf\xc3 \xff\xfe end";
  sentry::scoped_context odd("worker", bad);
  sentry::scoped_context odd_key(bad, "value");
  auto odd_logger = std::make_shared<spdlog::logger>(bad, std::make_shared<sentry::spdlog::sink_mt>());
  odd_logger->info("crumb {}", bad);
  sentry::spdlog::error(odd_logger, "event {} {}", bad, 1);
  auto events = flushed_events();
  ASSERT_EQ(events.size(), 1u);
  const auto params = texts(at(at(events[0], "logentry"), "params"));
  ASSERT_EQ(params.size(), 2u);
  EXPECT_NE(params[0].find("\xef\xbf\xbd"), std::string::npos);  // U+FFFD replaces the bad bytes
  EXPECT_NE(str(at(at(events[0], "logentry"), "formatted")).find(" end 1"), std::string::npos);
  EXPECT_NE(str(at(at(events[0], "tags"), "worker")).find("caf"), std::string::npos);
  ASSERT_EQ(crumb_messages(events[0]).size(), 1u);
}

TEST_F(robustness_test, a_one_megabyte_message) {
  const std::string big(1u << 20, 'x');
  logger->info("{}", big);
  sentry::spdlog::error(logger, "big {}", big);
  auto events = flushed_events();
  ASSERT_EQ(events.size(), 1u);
  // Relay's limits apply: the texts are cut, the event still goes out.
  const std::string formatted = str(at(at(events[0], "logentry"), "formatted"));
  EXPECT_GT(formatted.size(), 100u);
  EXPECT_LE(formatted.size(), 8192u + 16);
  EXPECT_EQ(formatted.rfind("big xxx", 0), 0u);
  EXPECT_LT(recording.envelopes().back().items.at(0).payload.size(), std::size_t{1} << 20);
}

}  // namespace
