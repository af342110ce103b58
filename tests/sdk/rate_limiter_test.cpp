// Rate limits in force per category, and the items they drop (PROTOCOL §4.2, §4.4).
#include "transport/rate_limiter.hpp"

#include <gtest/gtest.h>

using sentry::data_category;
using sentry::discard_reason;
using sentry::envelope;
using sentry::envelope_item;
using sentry::detail::rate_limiter;
using std::chrono::seconds;

namespace {

const auto t0 = rate_limiter::clock::time_point{} + std::chrono::hours(1);

envelope_item item(std::string type, std::string payload = "{}") {
  envelope_item i;
  i.type = std::move(type);
  i.payload = std::move(payload);
  return i;
}

envelope_item log_item(int count, std::string payload) {
  envelope_item i = item("log", std::move(payload));
  i.headers["item_count"] = count;
  return i;
}

}  // namespace

TEST(RateLimiter, HeaderAppliesPerCategoryOnAnyStatus) {
  rate_limiter limits;
  limits.update(200, "60:error:key", "", t0);
  EXPECT_TRUE(limits.is_limited(data_category::error, t0 + seconds(59)));
  EXPECT_FALSE(limits.is_limited(data_category::error, t0 + seconds(60)));
  EXPECT_FALSE(limits.is_limited(data_category::log_item, t0));
  EXPECT_FALSE(limits.all_limited(t0));
}

TEST(RateLimiter, LongestWinsWithinAHeaderAndAcrossResponses) {
  rate_limiter limits;
  limits.update(429, "10:error:key, 100:error;log_item:org, 5:error:key", "", t0);
  EXPECT_EQ(limits.limited_until(data_category::error), t0 + seconds(100));
  limits.update(200, "20:error:key", "", t0 + seconds(1));  // shorter: the longer stays
  EXPECT_EQ(limits.limited_until(data_category::error), t0 + seconds(100));
  limits.update(200, "200:error:key", "", t0 + seconds(1));
  EXPECT_EQ(limits.limited_until(data_category::error), t0 + seconds(201));
}

TEST(RateLimiter, EmptyCategoriesLimitEverything) {
  rate_limiter limits;
  limits.update(429, "30::organization", "", t0);
  EXPECT_TRUE(limits.all_limited(t0));
  EXPECT_TRUE(limits.is_limited(data_category::log_item, t0 + seconds(29)));
  EXPECT_FALSE(limits.is_limited(data_category::log_item, t0 + seconds(30)));
}

TEST(RateLimiter, HeaderWinsOverRetryAfterOn429) {
  rate_limiter limits;
  limits.update(429, "5:error:key", "120", t0);
  EXPECT_FALSE(limits.all_limited(t0));
  EXPECT_TRUE(limits.is_limited(data_category::error, t0));
}

TEST(RateLimiter, RetryAfterOnBare429LimitsAll) {
  rate_limiter limits;
  limits.update(429, "", "7", t0);
  EXPECT_TRUE(limits.all_limited(t0 + seconds(6)));
  EXPECT_FALSE(limits.all_limited(t0 + seconds(7)));
}

TEST(RateLimiter, Bare429FallsBackTo60Seconds) {
  rate_limiter limits;
  limits.update(429, "", "", t0);
  EXPECT_TRUE(limits.all_limited(t0 + seconds(59)));
  EXPECT_FALSE(limits.all_limited(t0 + seconds(60)));
  rate_limiter unparsable;
  unparsable.update(429, "", "whenever", t0);
  EXPECT_EQ(unparsable.limited_until(data_category::span), t0 + seconds(60));
}

TEST(RateLimiter, RetryAfterIgnoredWithout429) {
  rate_limiter limits;
  limits.update(503, "", "60", t0);
  limits.update(200, "", "60", t0);
  EXPECT_FALSE(limits.any_limited(t0));
}

TEST(RateLimiter, ErrorLimitDropsTheWholeEventEnvelopeAndCountsEachItem) {
  rate_limiter limits;
  limits.update(200, "60:error:key", "", t0);
  envelope env;
  env.items.push_back(item("event"));
  env.items.push_back(item("attachment", "0123456789"));
  sentry::discard_counter discards;
  EXPECT_FALSE(limits.drop_limited_items(env, discards, t0));
  EXPECT_TRUE(env.items.empty());
  EXPECT_EQ(discards.peek(discard_reason::ratelimit_backoff, data_category::error), 1u);
  EXPECT_EQ(discards.peek(discard_reason::ratelimit_backoff, data_category::attachment), 10u);
  EXPECT_EQ(discards.peek(discard_reason::ratelimit_backoff, data_category::attachment_item), 1u);
}

TEST(RateLimiter, OtherCategoriesPassAndOnlyLimitedItemsGo) {
  rate_limiter limits;
  limits.update(200, "60:attachment:key", "", t0);
  envelope env;
  env.items.push_back(item("event"));
  env.items.push_back(item("attachment", "abc"));
  sentry::discard_counter discards;
  EXPECT_TRUE(limits.drop_limited_items(env, discards, t0));
  ASSERT_EQ(env.items.size(), 1u);
  EXPECT_EQ(env.items[0].type, "event");
  EXPECT_EQ(discards.peek(discard_reason::ratelimit_backoff, data_category::attachment), 3u);
  EXPECT_EQ(discards.total_recorded(), 4u);  // 3 bytes + 1 attachment_item
}

TEST(RateLimiter, LogItemsCountItemsAndBytes) {
  rate_limiter limits;
  limits.update(200, "60:log_item:key", "", t0);
  envelope env;
  const std::string payload = R"({"items":[{"body":"a"},{"body":"b"},{"body":"c"}]})";
  env.items.push_back(log_item(3, payload));
  sentry::discard_counter discards;
  EXPECT_FALSE(limits.drop_limited_items(env, discards, t0));
  EXPECT_EQ(discards.peek(discard_reason::ratelimit_backoff, data_category::log_item), 3u);
  EXPECT_EQ(discards.peek(discard_reason::ratelimit_backoff, data_category::log_byte),
            payload.size());
  // Expired: nothing is dropped any more.
  envelope later;
  later.items.push_back(log_item(1, "{}"));
  EXPECT_TRUE(limits.drop_limited_items(later, discards, t0 + seconds(60)));
  EXPECT_EQ(later.items.size(), 1u);
}

TEST(RateLimiter, ClientReportsAreNeverCountedAsDiscards) {
  rate_limiter limits;
  limits.update(429, "", "", t0);
  envelope env;
  env.items.push_back(item("client_report"));
  sentry::discard_counter discards;
  EXPECT_FALSE(limits.drop_limited_items(env, discards, t0));
  EXPECT_EQ(discards.total_recorded(), 0u);
}
