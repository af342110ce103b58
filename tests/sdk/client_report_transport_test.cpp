// Client reports on the wire (PROTOCOL §5): what each kind of discard puts in
// the report that reaches the server, attached or alone.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "loopback_servers.hpp"
#include "transport_fixture.hpp"

using namespace sentry_test;
using sentry::data_category;
using sentry::discard_reason;
using strings = std::vector<std::string>;

namespace {

class ClientReports : public ::testing::Test {
 protected:
  transport_fixture fx;
};

sentry::envelope without_report(const std::string& received) {
  auto env = sentry::envelope::parse(received);
  env->items.erase(std::remove_if(env->items.begin(), env->items.end(),
                                  [](const auto& i) { return i.type == "client_report"; }),
                   env->items.end());
  env->headers.erase("sent_at");
  return *env;
}

}  // namespace

TEST_F(ClientReports, AttachedToTheNextEnvelopeThenReset) {
  http_test_server server;
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  fx.discards.record(discard_reason::queue_overflow, data_category::error, 3);
  fx.discards.record(discard_reason::sample_rate, data_category::error);
  const auto env = event_envelope("carrier");
  t->send(sentry::envelope(env));
  t->send(event_envelope("next"));
  ASSERT_TRUE(server.wait_for(2, 5s));
  const auto requests = server.requests();
  EXPECT_EQ(client_report_of(requests[0].body),
            (strings{"queue_overflow/error=3", "sample_rate/error=1"}));
  const auto items = items_of(requests[0].body);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].type, "event");
  EXPECT_EQ(items[1].type, "client_report");
  EXPECT_EQ(without_report(requests[0].body).serialize(), env.serialize());
  EXPECT_TRUE(client_report_of(requests[1].body).empty());  // read and reset
}

TEST_F(ClientReports, RateLimitAndSendErrorDiscardsReachTheServer) {
  http_test_server server(http_test_server::status(500));
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(log_envelope(2));  // 500: send_error
  ASSERT_TRUE(server.wait_for(1, 5s));
  server.set_responder(http_test_server::status(200, {{"X-Sentry-Rate-Limits", "60:log_item:key"}}));
  t->send(event_envelope("carries the send_error"));
  ASSERT_TRUE(server.wait_for(2, 5s));
  t->send(log_envelope(3));  // dropped: ratelimit_backoff
  t->send(event_envelope("carries the ratelimit_backoff"));
  ASSERT_TRUE(server.wait_for(3, 5s));
  const auto requests = server.requests();
  const std::string two_logs = log_envelope(2).items[0].payload;
  EXPECT_EQ(client_report_of(requests[1].body),
            (strings{"send_error/log_byte=" + std::to_string(two_logs.size()),
                     "send_error/log_item=2"}));
  const std::string three_logs = log_envelope(3).items[0].payload;
  EXPECT_EQ(client_report_of(requests[2].body),
            (strings{"ratelimit_backoff/log_byte=" + std::to_string(three_logs.size()),
                     "ratelimit_backoff/log_item=3"}));
}

TEST_F(ClientReports, RestoredWhenTheCarrierFailsOnTheNetwork) {
  const int port = refused_port();  // nothing there yet
  fx.set_dsn("http://public@127.0.0.1:" + std::to_string(port) + "/42");
  auto t = fx.make();
  fx.discards.record(discard_reason::before_send, data_category::error, 2);
  t->send(event_envelope("fails"));
  t->on_drained();  // as the worker does when its queue runs empty
  EXPECT_EQ(fx.discards.peek(discard_reason::before_send, data_category::error), 2u);
  http_test_server server(http_test_server::ok(), port);
  ASSERT_TRUE(drive_idle(*t, [&] { return server.count() >= 1; }));
  EXPECT_EQ(client_report_of(server.requests()[0].body), (strings{"before_send/error=2"}));
  EXPECT_EQ(fx.discards.peek(discard_reason::before_send, data_category::error), 0u);
}

TEST_F(ClientReports, NetworkErrorAndCacheOverflowAreReported) {
  const int port = refused_port();  // nothing there yet
  fx.set_dsn("http://public@127.0.0.1:" + std::to_string(port) + "/42");
  fx.opts.cache_max_items = 2;
  {
    auto t = fx.make();  // no cache: memory keeps 2, the third evicts one
    for (int i = 0; i < 3; ++i) t->send(event_envelope("kept in memory"));
    EXPECT_EQ(fx.discards.peek(discard_reason::network_error, data_category::error), 1u);
    t->close(clock_type::now());
    EXPECT_EQ(fx.discards.peek(discard_reason::network_error, data_category::error), 3u);
  }
  const auto dir = ::testing::TempDir() + "cr_cache_" + std::to_string(::getpid());
  fx.opts.cache_path = dir;
  {
    auto t = fx.make();
    for (int i = 0; i < 3; ++i) t->send(event_envelope("kept on disk"));
    EXPECT_EQ(fx.discards.peek(discard_reason::cache_overflow, data_category::error), 1u);
    t->close(clock_type::now());  // the two on disk are not given up
  }
  http_test_server server(http_test_server::ok(), port);
  fx.opts.cache_path.clear();
  auto t = fx.make();
  t->send(event_envelope("carrier"));
  ASSERT_TRUE(server.wait_for(1, 5s));
  EXPECT_EQ(client_report_of(server.requests()[0].body),
            (strings{"cache_overflow/error=1", "network_error/error=3"}));
  std::filesystem::remove_all(dir);
}

TEST_F(ClientReports, SentAloneFromIdleWhenNothingElseGoes) {
  http_test_server server;
  fx.set_dsn(server.dsn());
  fx.tuning.client_report_interval = 0ms;
  auto t = fx.make();
  t->on_idle();
  EXPECT_EQ(server.count(), 0u);  // nothing to report: nothing sent
  fx.discards.record(discard_reason::queue_overflow, data_category::log_item, 7);
  t->on_idle();
  ASSERT_TRUE(server.wait_for(1, 5s));
  const auto body = server.requests()[0].body;
  const auto items = items_of(body);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].type, "client_report");
  EXPECT_EQ(client_report_of(body), (strings{"queue_overflow/log_item=7"}));
  const auto payload = sentry::value::parse_json(items[0].payload);
  ASSERT_TRUE(payload && payload->as_object());
  EXPECT_TRUE(payload->as_object()->count("timestamp"));
}

TEST_F(ClientReports, CloseSendsWhatIsLeft) {
  http_test_server server;
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  fx.discards.record(discard_reason::event_processor, data_category::error);
  t->close(clock_type::now() + 3s);
  ASSERT_EQ(server.count(), 1u);
  EXPECT_EQ(client_report_of(server.requests()[0].body), (strings{"event_processor/error=1"}));
}

TEST_F(ClientReports, OptionOffSendsNone) {
  http_test_server server;
  fx.set_dsn(server.dsn());
  fx.opts.send_client_reports = false;
  fx.tuning.client_report_interval = 0ms;
  auto t = fx.make();
  fx.discards.record(discard_reason::sample_rate, data_category::error, 5);
  const auto env = event_envelope("plain");
  t->send(sentry::envelope(env));
  t->on_idle();
  t->close(clock_type::now() + 3s);
  ASSERT_EQ(server.count(), 1u);
  expect_envelope_bytes(server.requests()[0].body, env);
  EXPECT_EQ(fx.discards.peek(discard_reason::sample_rate, data_category::error), 5u);
}
