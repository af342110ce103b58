// Asynchronous spdlog loggers: the sinks run on spdlog's thread pool, yet the
// call site's context, template and exception reach Sentry as with a
// synchronous logger.
#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

#include "spdlog_test_support.hpp"

namespace {

using namespace sentry_test;
using sentry::value;

class async_test : public sdk_test {
 protected:
  void SetUp() override {
    sentry::context_store::clear();
    sentry::options o = base_options();
    o.context_tags = {"request_id", "tenant"};
    ASSERT_TRUE(start(std::move(o)));
  }
  void TearDown() override {
    sentry::context_store::clear();
    sdk_test::TearDown();
  }
};

// What a scenario event holds that depends on the call site.
struct observed {
  std::string request_id, tenant, session_tag, session_context, template_text, params, formatted,
      exception, crumbs, crumb_session, crumb_thread_name;
};

observed observe(const value& e) {
  observed o;
  o.request_id = str(at(at(e, "tags"), "request_id"));
  o.tenant = str(at(at(e, "tags"), "tenant"));
  o.session_tag = str(at(at(e, "tags"), "session"));
  o.session_context = str(at(at(at(e, "contexts"), "log_context"), "session"));
  o.template_text = str(at(at(e, "logentry"), "message"));
  o.params = at(at(e, "logentry"), "params").to_json();
  o.formatted = str(at(at(e, "logentry"), "formatted"));
  o.exception = str(at(at(at(at(e, "exception"), "values"), 0), "value"));
  for (const auto& m : crumb_messages(e)) o.crumbs += m + "|";
  const value& crumb = at(at(at(e, "breadcrumbs"), "values"), 0);
  o.crumb_session = str(at(at(crumb, "data"), "session"));
  o.crumb_thread_name = str(at(at(crumb, "data"), "thread.name"));
  return o;
}

bool operator==(const observed& a, const observed& b) {
  return std::tie(a.request_id, a.tenant, a.session_tag, a.session_context, a.template_text, a.params,
                  a.formatted, a.exception, a.crumbs, a.crumb_session, a.crumb_thread_name) ==
         std::tie(b.request_id, b.tenant, b.session_tag, b.session_context, b.template_text, b.params,
                  b.formatted, b.exception, b.crumbs, b.crumb_session, b.crumb_thread_name);
}
void PrintTo(const observed& o, std::ostream* os) {
  *os << o.request_id << "," << o.tenant << "," << o.session_tag << "," << o.session_context << ","
      << o.template_text << "," << o.params << "," << o.formatted << "," << o.exception << ","
      << o.crumbs << "," << o.crumb_session << "," << o.crumb_thread_name;
}

TEST_F(async_test, async_logger_reports_what_a_synchronous_one_does) {
  auto sync_logger = std::make_shared<spdlog::logger>("checkout", std::make_shared<sentry::spdlog::sink_mt>());
  sync_logger->set_level(spdlog::level::trace);
  play_scenario(*sync_logger, true);
  auto sync_events = flushed_events();
  ASSERT_EQ(sync_events.size(), 1u);
  sentry::isolation_scope().clear_breadcrumbs();
  recording.clear();

  async_setup async("checkout", {std::make_shared<sentry::spdlog::sink_mt>()});
  play_scenario(*async.logger, true);
  async.drain();
  auto async_events = flushed_events();
  ASSERT_EQ(async_events.size(), 1u);

  const observed want{"r-42", "acme", "", "s-9", "payment failed for order {}", "[\"1234\"]",
                      "payment failed for order 1234", "payment declined",
                      "cart loaded with 3 items|inventory low for sku-17|", "s-9", ""};
  observed sync_seen = observe(sync_events[0]);
  observed async_seen = observe(async_events[0]);
  // The thread name is the logging thread's in both cases.
  EXPECT_FALSE(sync_seen.crumb_thread_name.empty());
  EXPECT_EQ(async_seen.crumb_thread_name, sync_seen.crumb_thread_name);
  sync_seen.crumb_thread_name.clear();
  async_seen.crumb_thread_name.clear();
  EXPECT_EQ(sync_seen, want);
  EXPECT_EQ(async_seen, want);
  // The thread is the one that logged, not spdlog's pool.
  const value& thread = at(at(at(async_events[0], "threads"), "values"), 0);
  EXPECT_EQ(at(thread, "id"), value(static_cast<std::int64_t>(spdlog::details::os::thread_id())));
}

TEST_F(async_test, plain_calls_on_an_async_logger_carry_no_foreign_context) {
  async_setup async("checkout", {std::make_shared<sentry::spdlog::sink_mt>()});
  {
    sentry::scoped_context a("request_id", "r-1");
    try {
      throw std::runtime_error("not attached");
    } catch (...) {
      async.logger->error("plain {}", 1);
    }
  }
  async.drain();
  auto events = flushed_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(str(at(at(events[0], "logentry"), "formatted")), "plain 1");
  // spdlog copied only the text: no tags, and never the pool thread's
  // context or exception passed off as the caller's.
  EXPECT_TRUE(at(events[0], "tags").is_null() || len(at(events[0], "tags")) == 0);
  EXPECT_TRUE(at(events[0], "exception").is_null());
  const value& thread = at(at(at(events[0], "threads"), "values"), 0);
  EXPECT_EQ(at(thread, "id"), value(static_cast<std::int64_t>(spdlog::details::os::thread_id())));
}

TEST_F(async_test, many_threads_each_keep_their_own_context) {
  async_setup async("checkout", {std::make_shared<sentry::spdlog::sink_mt>()});
  constexpr int threads = 8;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      sentry::scoped_context id("request_id", "r-" + std::to_string(t));
      for (int i = 0; i < 5; ++i) sentry::spdlog::error(async.logger, "thread {} record {}", t, i);
    });
  }
  for (auto& w : workers) w.join();
  async.drain();
  auto events = flushed_events();
  ASSERT_EQ(events.size(), static_cast<std::size_t>(threads * 5));
  for (const auto& e : events) {
    const std::vector<std::string> params = texts(at(at(e, "logentry"), "params"));
    ASSERT_EQ(params.size(), 2u);
    EXPECT_EQ(str(at(at(e, "tags"), "request_id")), "r-" + params[0]);
  }
}

TEST(pending_captures, take_finds_its_record_and_the_oldest_go_beyond_the_limit) {
  sentry::spdlog::detail::pending_captures pending;
  using key = sentry::spdlog::detail::pending_captures::key;
  const auto t0 = spdlog::log_clock::time_point(std::chrono::seconds(100));
  auto capture = [](const char* name) {
    auto c = std::make_shared<sentry::spdlog::detail::async_capture>();
    c->thread_name = name;
    return c;
  };
  EXPECT_TRUE(pending.empty());
  for (int i = 0; i < 5; ++i) {
    pending.put(key{t0 + std::chrono::nanoseconds(i), 7, 10}, capture(std::to_string(i).c_str()), 3);
  }
  EXPECT_FALSE(pending.empty());
  EXPECT_EQ(pending.take(key{t0, 7, 10}), nullptr);  // evicted
  EXPECT_EQ(pending.take(key{t0 + std::chrono::nanoseconds(3), 8, 10}), nullptr);  // other thread
  EXPECT_EQ(pending.take(key{t0 + std::chrono::nanoseconds(3), 7, 11}), nullptr);  // other size
  auto found = pending.take(key{t0 + std::chrono::nanoseconds(3), 7, 10});
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->thread_name, "3");
  EXPECT_EQ(pending.take(key{t0 + std::chrono::nanoseconds(3), 7, 10}), nullptr);  // taken once
  EXPECT_NE(pending.take(key{t0 + std::chrono::nanoseconds(2), 7, 10}), nullptr);
  EXPECT_NE(pending.take(key{t0 + std::chrono::nanoseconds(4), 7, 10}), nullptr);
  EXPECT_TRUE(pending.empty());
}

TEST_F(async_test, records_the_pool_drops_leave_a_bounded_backlog) {
  // A queue of two that overruns (records dropped by spdlog leave their
  // call-site data behind, bounded by max_pending_async): every record the
  // Sentry sink does get must still be paired with its own call site.
  sentry::spdlog::sink_options opts;
  opts.max_pending_async = 4;
  auto sentry_sink = std::make_shared<sentry::spdlog::sink_mt>(opts);
  async_setup async("checkout", {sentry_sink}, 2, spdlog::async_overflow_policy::overrun_oldest);
  for (int i = 0; i < 200; ++i) {
    sentry::scoped_context n("request_id", std::to_string(i));
    sentry::spdlog::error(async.logger, "record {}", i);
  }
  async.drain();
  auto events = flushed_events();
  ASSERT_FALSE(events.empty());
  for (const auto& e : events) {
    const std::vector<std::string> params = texts(at(at(e, "logentry"), "params"));
    if (params.empty()) continue;  // its call-site data was evicted: text only
    EXPECT_EQ(str(at(at(e, "tags"), "request_id")), params[0]);
    EXPECT_EQ(str(at(at(e, "logentry"), "formatted")), "record " + params[0]);
  }
}

}  // namespace
