// Structured logs over the SDK's own HTTP transport to a server on
// 127.0.0.1: the 1000-log cap and a log_item rate limit, each read back from
// what the server received (log items and client reports).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "clean_environment.hpp"
#include "loopback_servers.hpp"
#include "sentry/logs.hpp"
#include "sentry/scope.hpp"
#include "sentry/sentry.hpp"

namespace {

using namespace sentry_test;
using std::chrono::milliseconds;
using std::chrono::seconds;

// What a server received, summed over every request.
struct received {
  std::size_t log_requests = 0;
  std::int64_t logs = 0;          // log entries in log items
  std::int64_t logs_counted = 0;  // the item_count headers of those items
  std::vector<std::string> events;  // the events' messages
  // client report quantities by "reason/category"
  std::vector<std::pair<std::string, std::int64_t>> discarded;

  std::int64_t discarded_of(const std::string& key) const {
    std::int64_t n = 0;
    for (const auto& [k, q] : discarded)
      if (k == key) n += q;
    return n;
  }
};

received read_all(const http_test_server& server) {
  received out;
  for (const auto& request : server.requests()) {
    auto env = sentry::envelope::parse(request.body);
    if (!env) continue;
    bool has_log = false;
    for (const auto& item : env->items) {
      auto payload = sentry::value::parse_json(item.payload);
      if (!payload || !payload->as_object()) continue;
      const auto& o = *payload->as_object();
      if (item.type == "log") {
        has_log = true;
        out.logs_counted += *item.headers.at("item_count").as_int();
        out.logs += static_cast<std::int64_t>(o.at("items").as_array()->size());
      } else if (item.type == "event") {
        auto m = o.find("logentry");
        if (m != o.end() && m->second.as_object()) {
          const auto& entry = *m->second.as_object();
          auto text = entry.find("formatted");
          if (text == entry.end()) text = entry.find("message");
          if (text != entry.end() && text->second.as_string()) out.events.push_back(*text->second.as_string());
        }
      } else if (item.type == "client_report") {
        for (const auto& d : *o.at("discarded_events").as_array()) {
          const auto& e = *d.as_object();
          out.discarded.emplace_back(*e.at("reason").as_string() + "/" + *e.at("category").as_string(),
                                     *e.at("quantity").as_int());
        }
      }
    }
    if (has_log) ++out.log_requests;
  }
  return out;
}

class logs_http : public ::testing::Test {
 protected:
  void TearDown() override {
    sentry::close(seconds(5));
    sentry::isolation_scope().clear();
  }
  sentry::options options_for(const http_test_server& server) {
    sentry::options o;
    o.dsn = server.dsn();
    o.enable_logs = true;
    return o;
  }

 private:
  // Proxies would reroute loopback requests; Spotlight would get a copy.
  clean_environment environment_;
};

// A burst while the worker is held (in before_send_log): at most 1000 logs
// wait, the rest are dropped; every log is either delivered or reported to
// the server as queue_overflow, in log_item and log_byte.
TEST_F(logs_http, logs_past_the_cap_reach_the_server_as_a_client_report) {
  http_test_server server;
  std::atomic<bool> open{false};
  auto o = options_for(server);
  o.max_queue_size = 1;
  o.before_send_log = [&open](sentry::log_entry&) {
    for (int i = 0; i < 10000 && !open.load(); ++i) std::this_thread::sleep_for(milliseconds(1));
    return true;
  };
  ASSERT_TRUE(sentry::init(std::move(o)));
  constexpr int burst = 1500;
  for (int i = 0; i < burst; ++i) sentry::logger::info("burst {}", i);
  open = true;
  bool drained = false;  // each flush hands the queue (one slot) what it can take
  for (int i = 0; i < 50 && !drained; ++i) drained = sentry::flush(seconds(5));
  EXPECT_TRUE(drained);
  sentry::close(seconds(5));  // sends the client report still held

  const received r = read_all(server);
  EXPECT_EQ(r.logs, r.logs_counted);  // item_count exact
  const std::int64_t dropped = r.discarded_of("queue_overflow/log_item");
  // 1000 wait, one batch in the queue, at most one in the worker.
  EXPECT_GE(dropped, burst - 1200);
  EXPECT_LE(dropped, burst - 1000);
  EXPECT_EQ(r.logs + dropped, burst);
  EXPECT_GT(r.discarded_of("queue_overflow/log_byte"), dropped * 20);
  for (const auto& [key, quantity] : r.discarded) {
    EXPECT_TRUE(key == "queue_overflow/log_item" || key == "queue_overflow/log_byte")
        << key << "=" << quantity;
  }
}

// A rate limit on logs from the server (`categories` of
// X-Sentry-Rate-Limits): logs are dropped before sending (ratelimit_backoff,
// reported with their bytes), events still go out.
void expect_logs_rate_limited(const std::string& categories) {
  std::atomic<int> answered{0};
  http_test_server server([&answered, categories](const httplib::Request&, httplib::Response& res) {
    res.status = 200;
    if (answered++ == 0) res.set_header("X-Sentry-Rate-Limits", "60:" + categories + ":key");
    res.set_content("{}", "application/json");
  });
  sentry::options o;
  o.dsn = server.dsn();
  o.enable_logs = true;
  ASSERT_TRUE(sentry::init(std::move(o)));
  sentry::capture_message("first");
  ASSERT_TRUE(sentry::flush(seconds(5)));
  ASSERT_EQ(server.count(), 1u);

  for (int i = 0; i < 3; ++i) sentry::logger::info("limited {}", i);
  sentry::capture_message("second");
  sentry::flush(seconds(5));
  sentry::close(seconds(5));

  const received r = read_all(server);
  EXPECT_EQ(r.log_requests, 0u) << categories;
  EXPECT_EQ(r.events, (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(r.discarded_of("ratelimit_backoff/log_item"), 3) << categories;
  EXPECT_GT(r.discarded_of("ratelimit_backoff/log_byte"), 3 * 20) << categories;
}

TEST_F(logs_http, a_log_item_rate_limit_drops_logs_and_not_events) { expect_logs_rate_limited("log_item"); }

TEST_F(logs_http, a_log_byte_rate_limit_drops_logs_too) { expect_logs_rate_limited("log_byte"); }

}  // namespace
