#include "sentry/client_report.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>


namespace {

using sentry::data_category;
using sentry::discard_reason;

TEST(client_report, reason_wire_names) {
  const std::vector<std::string_view> expected = {
      "queue_overflow",  "cache_overflow",  "ratelimit_backoff", "network_error",
      "sample_rate",     "before_send",     "event_processor",   "send_error",
      "internal_sdk_error", "insufficient_data", "backpressure", "buffer_overflow",
      "ignored",         "invalid"};
  ASSERT_EQ(expected.size(), static_cast<std::size_t>(discard_reason::count_));
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(sentry::to_string(static_cast<discard_reason>(i)), expected[i]);
  }
}

TEST(client_report, category_wire_names) {
  const std::vector<std::string_view> expected = {
      "error", "transaction", "attachment", "attachment_item", "session", "log_item",
      "log_byte", "span", "feedback", "monitor", "trace_metric", "internal"};
  ASSERT_EQ(expected.size(), static_cast<std::size_t>(data_category::count_));
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(sentry::to_string(static_cast<data_category>(i)), expected[i]);
  }
}

TEST(client_report, out_of_range_enums_are_named_unknown_and_not_counted) {
  EXPECT_EQ(sentry::to_string(discard_reason::count_), "unknown");
  EXPECT_EQ(sentry::to_string(static_cast<data_category>(-1)), "unknown");
  sentry::discard_counter c;
  c.record(discard_reason::count_, data_category::error);
  c.record(discard_reason::invalid, static_cast<data_category>(99));
  EXPECT_EQ(c.total_recorded(), 0u);
  EXPECT_TRUE(c.take().empty());
}

TEST(client_report, take_returns_nonzero_pairs_and_resets) {
  sentry::discard_counter c;
  c.record(discard_reason::queue_overflow, data_category::error);
  c.record(discard_reason::queue_overflow, data_category::error, 22);
  c.record(discard_reason::ratelimit_backoff, data_category::log_byte, 48213);
  c.record(discard_reason::sample_rate, data_category::error, 0);
  EXPECT_EQ(c.peek(discard_reason::queue_overflow, data_category::error), 23u);
  const auto taken = c.take();
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken[0].reason, discard_reason::queue_overflow);
  EXPECT_EQ(taken[0].category, data_category::error);
  EXPECT_EQ(taken[0].quantity, 23u);
  EXPECT_EQ(taken[1].reason, discard_reason::ratelimit_backoff);
  EXPECT_EQ(taken[1].category, data_category::log_byte);
  EXPECT_EQ(taken[1].quantity, 48213u);
  EXPECT_TRUE(c.take().empty());
  EXPECT_EQ(c.peek(discard_reason::queue_overflow, data_category::error), 0u);
  EXPECT_EQ(c.total_recorded(), 23u + 48213u);
}

TEST(client_report, restore_puts_counts_back_on_top_of_new_ones) {
  sentry::discard_counter c;
  c.record(discard_reason::network_error, data_category::error, 3);
  auto taken = c.take();
  c.record(discard_reason::network_error, data_category::error, 2);
  c.restore(taken);
  EXPECT_EQ(c.peek(discard_reason::network_error, data_category::error), 5u);
  EXPECT_EQ(c.total_recorded(), 5u);  // restoring is not recording again
}

TEST(client_report, concurrent_records_and_takes_lose_nothing) {
  sentry::discard_counter c;
  constexpr int threads = 4, per_thread = 20000;
  std::vector<std::thread> workers;
  std::uint64_t taken_total = 0;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&c, t] {
      for (int i = 0; i < per_thread; ++i) {
        c.record(static_cast<discard_reason>(t), data_category::log_item);
      }
    });
  }
  for (int i = 0; i < 50; ++i) {
    for (const auto& d : c.take()) taken_total += d.quantity;
  }
  for (auto& w : workers) w.join();
  for (const auto& d : c.take()) taken_total += d.quantity;
  EXPECT_EQ(taken_total, std::uint64_t{threads} * per_thread);
  EXPECT_EQ(c.total_recorded(), std::uint64_t{threads} * per_thread);
}

}  // namespace
