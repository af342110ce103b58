#include "model/client_report_item.hpp"

#include <gtest/gtest.h>

#include "sentry/value.hpp"

namespace {

using sentry::data_category;
using sentry::discard_reason;

TEST(client_report_item, payload_matches_the_protocol_shape) {
  const std::vector<sentry::discarded> items = {
      {discard_reason::queue_overflow, data_category::error, 23},
      {discard_reason::ratelimit_backoff, data_category::log_item, 100},
      {discard_reason::sample_rate, data_category::error, 0}};
  EXPECT_EQ(sentry::detail::client_report_payload(items, "2020-02-07T14:16:00Z"),
            "{\"timestamp\":\"2020-02-07T14:16:00Z\",\"discarded_events\":["
            "{\"reason\":\"queue_overflow\",\"category\":\"error\",\"quantity\":23},"
            "{\"reason\":\"ratelimit_backoff\",\"category\":\"log_item\",\"quantity\":100}]}");
}

TEST(client_report_item, is_typed_and_timestamped) {
  const auto item = sentry::detail::make_client_report_item(
      {{discard_reason::send_error, data_category::error, 1}});
  EXPECT_EQ(item.type, "client_report");
  EXPECT_TRUE(item.headers.empty());
  auto parsed = sentry::value::parse_json(item.payload);
  ASSERT_TRUE(parsed);
  const auto& obj = *parsed->as_object();
  ASSERT_TRUE(obj.at("timestamp").is_string());
  EXPECT_EQ(obj.at("timestamp").as_string()->size(), 24u);  // 2024-01-01T00:00:00.000Z
  EXPECT_EQ(obj.at("discarded_events").as_array()->size(), 1u);
  EXPECT_EQ(item.category(), data_category::internal);
}

}  // namespace
