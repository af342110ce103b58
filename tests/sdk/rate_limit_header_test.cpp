// The X-Sentry-Rate-Limits and Retry-After grammar (PROTOCOL §4.1, §4.2).
#include "transport/rate_limit_header.hpp"

#include <gtest/gtest.h>

#include <ctime>

using sentry::data_category;
using sentry::detail::parse_rate_limits;
using sentry::detail::parse_retry_after;
using std::chrono::seconds;

namespace {

std::vector<data_category> cats(std::initializer_list<data_category> c) { return c; }

}  // namespace

TEST(RateLimitHeader, SingleLimitWithScope) {
  const auto limits = parse_rate_limits("60:transaction:key");
  ASSERT_EQ(limits.size(), 1u);
  EXPECT_EQ(limits[0].retry_after, seconds(60));
  EXPECT_EQ(limits[0].categories, cats({data_category::transaction}));
}

TEST(RateLimitHeader, SeveralLimitsWithSpacesAndUnknownCategories) {
  // Relay's own example: "default" and "security" are not categories this SDK sends.
  const auto limits = parse_rate_limits("60:transaction:key, 2700:default;error;security:organization");
  ASSERT_EQ(limits.size(), 2u);
  EXPECT_EQ(limits[0].categories, cats({data_category::transaction}));
  EXPECT_EQ(limits[1].retry_after, seconds(2700));
  EXPECT_EQ(limits[1].categories, cats({data_category::error}));
}

TEST(RateLimitHeader, EmptyCategoryListMeansAll) {
  const auto limits = parse_rate_limits("60::organization, 2700::organization");
  ASSERT_EQ(limits.size(), 2u);
  EXPECT_TRUE(limits[0].categories.empty());
  EXPECT_EQ(limits[1].retry_after, seconds(2700));
  EXPECT_TRUE(limits[1].categories.empty());
}

TEST(RateLimitHeader, OnlyUnknownCategoriesIsIgnoredNotAll) {
  EXPECT_TRUE(parse_rate_limits("2700:metric_bucket:organization:quota_exceeded:custom").empty());
  EXPECT_TRUE(parse_rate_limits("10:foo;bar:key").empty());
}

TEST(RateLimitHeader, FloatRetryAfterIsRoundedUp) {
  auto limits = parse_rate_limits("1.2:error:key");
  ASSERT_EQ(limits.size(), 1u);
  EXPECT_EQ(limits[0].retry_after, seconds(2));
  limits = parse_rate_limits("0.001::key");
  ASSERT_EQ(limits.size(), 1u);
  EXPECT_EQ(limits[0].retry_after, seconds(1));
  limits = parse_rate_limits("5.0:log_item:key");
  ASSERT_EQ(limits.size(), 1u);
  EXPECT_EQ(limits[0].retry_after, seconds(5));
}

TEST(RateLimitHeader, NegativeClampsToZeroAndHugeToADay) {
  auto limits = parse_rate_limits("-5:error:key");
  ASSERT_EQ(limits.size(), 1u);
  EXPECT_EQ(limits[0].retry_after, seconds(0));
  limits = parse_rate_limits("99999999999:error:key");
  ASSERT_EQ(limits.size(), 1u);
  EXPECT_EQ(limits[0].retry_after, sentry::detail::max_retry_after);
}

TEST(RateLimitHeader, UnparsableRetryAfterSkipsThatLimitOnly) {
  const auto limits = parse_rate_limits("abc:error:key, :error:key, nan:error:key, 7:log_item:key");
  ASSERT_EQ(limits.size(), 1u);
  EXPECT_EQ(limits[0].retry_after, seconds(7));
  EXPECT_EQ(limits[0].categories, cats({data_category::log_item}));
}

TEST(RateLimitHeader, WhitespaceTrimmedEverywhere) {
  const auto limits = parse_rate_limits("  30 : error ; log_item : key  ,,  , 4:span:org ");
  ASSERT_EQ(limits.size(), 2u);
  EXPECT_EQ(limits[0].retry_after, seconds(30));
  EXPECT_EQ(limits[0].categories, cats({data_category::error, data_category::log_item}));
  EXPECT_EQ(limits[1].categories, cats({data_category::span}));
}

TEST(RateLimitHeader, ExtraFieldsAreIgnored) {
  const auto limits =
      parse_rate_limits("60:error;log_byte:organization:quota_exceeded:ns1;ns2:future:more");
  ASSERT_EQ(limits.size(), 1u);
  EXPECT_EQ(limits[0].categories, cats({data_category::error, data_category::log_byte}));
}

TEST(RateLimitHeader, MissingScopeStillParses) {
  // Only retry_after and categories matter for enforcement.
  auto limits = parse_rate_limits("60:error");
  ASSERT_EQ(limits.size(), 1u);
  EXPECT_EQ(limits[0].categories, cats({data_category::error}));
  limits = parse_rate_limits("60");
  ASSERT_EQ(limits.size(), 1u);
  EXPECT_TRUE(limits[0].categories.empty());
}

TEST(RateLimitHeader, EmptyAndGarbage) {
  EXPECT_TRUE(parse_rate_limits("").empty());
  EXPECT_TRUE(parse_rate_limits(" , ,").empty());
  EXPECT_TRUE(parse_rate_limits(std::string("\0\xff:::", 6)).empty());
}

TEST(RateLimitHeader, CategoryNamesAreExact) {
  EXPECT_EQ(sentry::detail::category_from_name("error"), data_category::error);
  EXPECT_EQ(sentry::detail::category_from_name("log_item"), data_category::log_item);
  EXPECT_FALSE(sentry::detail::category_from_name("Error"));
  EXPECT_FALSE(sentry::detail::category_from_name("default"));
  EXPECT_FALSE(sentry::detail::category_from_name(""));
}

TEST(RetryAfterHeader, SecondsAndFloats) {
  EXPECT_EQ(parse_retry_after("120"), seconds(120));
  EXPECT_EQ(parse_retry_after(" 2.5 "), seconds(3));
  EXPECT_EQ(parse_retry_after("0"), seconds(0));
  EXPECT_FALSE(parse_retry_after(""));
  EXPECT_FALSE(parse_retry_after("soon"));
}

TEST(RetryAfterHeader, HttpDate) {
  const std::time_t later = std::time(nullptr) + 3600;
  char text[64];
  std::tm tm{};
  gmtime_r(&later, &tm);
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  const auto parsed = parse_retry_after(text);
  ASSERT_TRUE(parsed);
  EXPECT_GE(parsed->count(), 3590);
  EXPECT_LE(parsed->count(), 3600);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), seconds(0));  // in the past
}
