#include "model/timestamp.hpp"

#include <gtest/gtest.h>

#include <ctime>

namespace {

using namespace std::chrono;
using sentry::detail::format_rfc3339;

TEST(timestamp, formats_utc_with_the_requested_fraction) {
  const system_clock::time_point tp = system_clock::time_point(seconds(1704164645)) + microseconds(678901);
  EXPECT_EQ(format_rfc3339(tp, 3), "2024-01-02T03:04:05.678Z");
  EXPECT_EQ(format_rfc3339(tp, 6), "2024-01-02T03:04:05.678901Z");
  EXPECT_EQ(format_rfc3339(tp, 0), "2024-01-02T03:04:05Z");
  EXPECT_EQ(format_rfc3339(system_clock::time_point{}, 3), "1970-01-01T00:00:00.000Z");
}

TEST(timestamp, times_before_the_epoch_round_down) {
  const auto tp = system_clock::time_point{} - milliseconds(1);
  EXPECT_EQ(format_rfc3339(tp, 3), "1969-12-31T23:59:59.999Z");
}

TEST(timestamp, the_extremes_of_the_clock_format_without_overflow) {
  // libstdc++'s system_clock counts nanoseconds in 64 bits: years 1677 to 2262.
  EXPECT_EQ(format_rfc3339(system_clock::time_point::max(), 0), "2262-04-11T23:47:16Z");
  EXPECT_EQ(format_rfc3339(system_clock::time_point::min(), 0), "1677-09-21T00:12:43Z");
}

}  // namespace

namespace {

TEST(timestamp, agrees_with_gmtime_across_centuries) {
  using namespace std::chrono;
  // Every 9 days and 17 hours or so from 1700 to 2260, including leap days.
  for (long long s = -8520336000LL; s < 9151488000LL; s += 9 * 86400 + 61237) {
    const std::time_t t = static_cast<std::time_t>(s);
    std::tm tm{};
    ASSERT_NE(gmtime_r(&t, &tm), nullptr);
    char expected[32];
    std::strftime(expected, sizeof expected, "%Y-%m-%dT%H:%M:%SZ", &tm);
    ASSERT_EQ(format_rfc3339(system_clock::time_point(seconds(s)), 0), expected) << s;
  }
  EXPECT_EQ(format_rfc3339(system_clock::time_point(seconds(951782400)), 0), "2000-02-29T00:00:00Z");
}

}  // namespace
