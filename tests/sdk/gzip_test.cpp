// gzip bodies (PROTOCOL §1.4): what zlib writes, any gzip reader reads back.
#include "transport/gzip.hpp"

#include <gtest/gtest.h>

#include <random>

TEST(Gzip, RoundTripsTextAndBinary) {
  std::string data = "{\"event_id\":\"abc\"}\n";
  std::mt19937 gen(7);
  for (int i = 0; i < 100000; ++i) data.push_back(static_cast<char>(gen()));
  const auto packed = sentry::detail::gzip(data);
  ASSERT_TRUE(packed);
  ASSERT_GE(packed->size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>((*packed)[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>((*packed)[1]), 0x8b);
  EXPECT_EQ(sentry::detail::gunzip(*packed), data);
}

TEST(Gzip, EmptyInput) {
  const auto packed = sentry::detail::gzip("");
  ASSERT_TRUE(packed);
  EXPECT_EQ(sentry::detail::gunzip(*packed), std::string());
}

TEST(Gzip, GunzipRejectsTruncatedAndForeignInput) {
  const auto packed = sentry::detail::gzip(std::string(1000, 'x'));
  ASSERT_TRUE(packed);
  EXPECT_FALSE(sentry::detail::gunzip(packed->substr(0, packed->size() / 2)));
  EXPECT_FALSE(sentry::detail::gunzip("not gzip at all"));
}
