// Backpressure (PROTOCOL §6.3): the health check and the downsampling factor.
#include "transport/backpressure.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "loopback_servers.hpp"
#include "transport_fixture.hpp"

using namespace sentry_test;
using sentry::detail::backpressure_monitor;

TEST(BackpressureMonitor, ChecksEveryIntervalRisesToTenResetsWhenHealthy) {
  backpressure_monitor m(std::chrono::seconds(10));
  const auto t0 = backpressure_monitor::clock::time_point{} + std::chrono::hours(1);
  EXPECT_FALSE(m.due(t0));  // the first check is one interval away
  EXPECT_FALSE(m.due(t0 + 9s));
  EXPECT_TRUE(m.due(t0 + 10s));
  EXPECT_FALSE(m.due(t0 + 11s));
  for (int i = 1; i <= 12; ++i) {
    m.check(false);
    EXPECT_EQ(m.factor(), std::min(i, 10));
  }
  m.check(true);
  EXPECT_EQ(m.factor(), 0);
}

namespace {

class Backpressure : public ::testing::Test {
 protected:
  void SetUp() override {
    fx.tuning.health_check_interval = 0ms;  // a check on every call
  }
  transport_fixture fx;
};

}  // namespace

TEST_F(Backpressure, QueueOverflowRaisesTheFactorUntilItStops) {
  http_test_server server;
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->on_idle();  // starts the monitor
  EXPECT_EQ(t->downsample_factor(), 0);
  fx.discards.record(sentry::discard_reason::queue_overflow, sentry::data_category::error);
  t->on_idle();
  EXPECT_EQ(t->downsample_factor(), 1);
  // Still overflowing, even after a client report took the counters.
  fx.discards.record(sentry::discard_reason::queue_overflow, sentry::data_category::error);
  t->send(event_envelope("carries the report"));
  EXPECT_EQ(t->downsample_factor(), 2);
  t->on_idle();  // no new overflow
  EXPECT_EQ(t->downsample_factor(), 0);
}

TEST_F(Backpressure, ActiveRateLimitIsUnhealthy) {
  http_test_server server(http_test_server::status(429, {{"Retry-After", "60"}}));
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->on_idle();
  t->send(event_envelope("limited"));
  for (int i = 0; i < 12; ++i) t->on_idle();
  EXPECT_EQ(t->downsample_factor(), 10);
}

TEST_F(Backpressure, DisabledStaysZero) {
  http_test_server server(http_test_server::status(429));
  fx.set_dsn(server.dsn());
  fx.opts.enable_backpressure_handling = false;
  auto t = fx.make();
  t->send(event_envelope("limited"));
  for (int i = 0; i < 3; ++i) t->on_idle();
  EXPECT_EQ(t->downsample_factor(), 0);
}
