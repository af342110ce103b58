// Spotlight (options::spotlight, SENTRY_SPOTLIGHT): a copy of every envelope,
// with or without a DSN, untouched by Sentry's rate limits.
#include "transport/spotlight.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "loopback_servers.hpp"
#include "transport_fixture.hpp"

using namespace sentry_test;
using sentry::detail::spotlight_url;

namespace {

class Spotlight : public ::testing::Test {
 protected:
  transport_fixture fx;
};

std::string stream_url(const http_test_server& s) {
  return "http://127.0.0.1:" + std::to_string(s.port()) + "/stream";
}

}  // namespace

TEST(SpotlightUrl, OptionWinsOverEnvironment) {
  sentry::spotlight_option unset;
  EXPECT_EQ(spotlight_url(unset, nullptr), std::nullopt);
  EXPECT_EQ(spotlight_url(unset, ""), std::nullopt);
  EXPECT_EQ(spotlight_url(unset, "1"), "http://localhost:8969/stream");
  EXPECT_EQ(spotlight_url(unset, "TRUE"), "http://localhost:8969/stream");
  EXPECT_EQ(spotlight_url(unset, "false"), std::nullopt);
  EXPECT_EQ(spotlight_url(unset, "0"), std::nullopt);
  EXPECT_EQ(spotlight_url(unset, "http://h:1/stream"), "http://h:1/stream");
  EXPECT_EQ(spotlight_url(sentry::spotlight_option(true), nullptr), "http://localhost:8969/stream");
  EXPECT_EQ(spotlight_url(sentry::spotlight_option(false), "1"), std::nullopt);
  EXPECT_EQ(spotlight_url(sentry::spotlight_option("http://x:2/stream"), "0"), "http://x:2/stream");
  sentry::options opts;
  opts.spotlight = true;
  EXPECT_TRUE(opts.spotlight.enabled());
  opts.spotlight = "http://127.0.0.1:9/stream";
  EXPECT_EQ(opts.spotlight.url(), "http://127.0.0.1:9/stream");
}

TEST_F(Spotlight, WithoutADsnEveryEnvelopeGoesToSpotlightUncompressed) {
  http_test_server spotlight;
  fx.opts.spotlight = stream_url(spotlight);
  auto t = fx.make();
  ASSERT_TRUE(t);
  const auto env = event_envelope("to spotlight");
  t->send(sentry::envelope(env));
  ASSERT_TRUE(spotlight.wait_for(1, 5s));
  const auto r = spotlight.requests()[0];
  EXPECT_EQ(r.path, "/stream");
  EXPECT_EQ(r.header("Content-Type"), "application/x-sentry-envelope");
  EXPECT_EQ(r.header("Content-Encoding"), "");
  EXPECT_EQ(r.header("X-Sentry-Auth"), "");
  expect_envelope_bytes(r.body, env);
  t->close(clock_type::now() + 2s);
}

TEST_F(Spotlight, FromTheEnvironmentVariable) {
  http_test_server spotlight;
  ::setenv("SENTRY_SPOTLIGHT", stream_url(spotlight).c_str(), 1);
  auto t = fx.make();
  ASSERT_TRUE(t);
  t->send(log_envelope(1));
  ASSERT_TRUE(spotlight.wait_for(1, 5s));
  fx.opts.spotlight = false;  // code wins over the environment
  EXPECT_EQ(fx.make(), nullptr);
}

TEST_F(Spotlight, GetsACopyEvenOfWhatSentryRateLimits) {
  http_test_server sentry_server(http_test_server::status(429, {{"X-Sentry-Rate-Limits", "60::key"}}));
  http_test_server spotlight;
  fx.set_dsn(sentry_server.dsn());
  fx.opts.spotlight = stream_url(spotlight);
  auto t = fx.make();
  const auto first = event_envelope("one");
  const auto second = event_envelope("two");
  t->send(sentry::envelope(first));
  t->send(sentry::envelope(second));
  ASSERT_TRUE(spotlight.wait_for(2, 5s));
  EXPECT_EQ(sentry_server.count(), 1u);
  expect_envelope_bytes(spotlight.requests()[0].body, first);
  expect_envelope_bytes(spotlight.requests()[1].body, second);
  EXPECT_EQ(fx.discards.peek(sentry::discard_reason::ratelimit_backoff, sentry::data_category::error),
            1u);
}

TEST_F(Spotlight, DownDoesNotStopSentryDelivery) {
  http_test_server sentry_server;
  fx.set_dsn(sentry_server.dsn());
  fx.opts.spotlight = "http://127.0.0.1:" + std::to_string(refused_port()) + "/stream";
  auto t = fx.make();
  t->send(event_envelope("a"));
  t->send(event_envelope("b"));
  t->on_drained();  // as the worker does when its queue runs empty
  EXPECT_EQ(sentry_server.count(), 2u);
  EXPECT_TRUE(fx.logged(sentry::level::warning, "Spotlight"));
  EXPECT_EQ(fx.discards.total_recorded(), 0u);
}
