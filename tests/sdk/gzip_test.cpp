// gzip bodies (PROTOCOL §1.4): what our encoder (fast_deflate) writes, zlib's
// inflate (gunzip) reads back byte for byte; JSON gets smaller, incompressible
// input grows by a few bytes per 64 KiB at most.
#include "transport/gzip.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "model/serialize.hpp"
#include "rich_event.hpp"

using sentry::detail::gunzip;
using sentry::detail::gzip;
using sentry::detail::gzip_compressor;

namespace {

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(gen());
  return s;
}

// JSON-like text: repeated keys and punctuation with varying numbers, as
// envelopes are.
std::string json_text(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string s;
  while (s.size() < n) {
    s += "{\"timestamp\":\"2026-11-25T01:" + std::to_string(gen() % 60) + ":00Z\",\"level\":\"info\",";
    s += "\"message\":\"cart loaded with " + std::to_string(gen() % 1000) + " items\"},\n";
  }
  s.resize(n);
  return s;
}

// The most a body of `n` bytes may grow: gzip's header and trailer, and a
// stored block's 5 bytes (6 with the bits of the block before) per 64 KiB.
std::size_t growth_bound(std::size_t n) { return 18 + 6 * (n / 65535 + 1); }

::testing::AssertionResult round_trips(gzip_compressor& c, const std::string& data) {
  const auto packed = c.compress(data);
  if (!packed) return ::testing::AssertionFailure() << "compress failed, " << data.size() << " bytes";
  if (packed->size() > data.size() + growth_bound(data.size()))
    return ::testing::AssertionFailure() << data.size() << " bytes grew to " << packed->size();
  const auto back = gunzip(*packed);
  if (!back) return ::testing::AssertionFailure() << "zlib rejects the stream of " << data.size() << " bytes";
  if (*back != data) return ::testing::AssertionFailure() << "different bytes back, " << data.size() << " bytes";
  return ::testing::AssertionSuccess();
}

std::size_t packed_size(const std::string& data) {
  const auto packed = gzip(data);
  return packed ? packed->size() : 0;
}

}  // namespace

TEST(Gzip, RoundTripsTextAndBinary) {
  std::string data = "{\"event_id\":\"abc\"}\n";
  data += random_bytes(100000, 7);
  const auto packed = gzip(data);
  ASSERT_TRUE(packed);
  ASSERT_GE(packed->size(), 10u);
  EXPECT_EQ(static_cast<unsigned char>((*packed)[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>((*packed)[1]), 0x8b);
  EXPECT_EQ(static_cast<unsigned char>((*packed)[2]), 8);  // deflate
  EXPECT_EQ(gunzip(*packed), data);
}

TEST(Gzip, EmptyInput) {
  const auto packed = gzip("");
  ASSERT_TRUE(packed);
  EXPECT_EQ(gunzip(*packed), std::string());
}

TEST(Gzip, GunzipRejectsTruncatedAndForeignInput) {
  const auto packed = gzip(std::string(1000, 'x'));
  ASSERT_TRUE(packed);
  EXPECT_FALSE(gunzip(packed->substr(0, packed->size() / 2)));
  EXPECT_FALSE(gunzip("not gzip at all"));
}

// Every short length, through one compressor (its table reused from body to
// body): the tails shorter than a hash's 4 bytes, single blocks.
TEST(Gzip, EveryLengthUpTo600RoundTrips) {
  gzip_compressor c;
  const std::string json = json_text(600, 1);
  const std::string random = random_bytes(600, 2);
  for (std::size_t n = 0; n <= 600; ++n) {
    EXPECT_TRUE(round_trips(c, json.substr(0, n)));
    EXPECT_TRUE(round_trips(c, random.substr(0, n)));
  }
}

// Runs longer than a match (258) and than the window (32 KiB): matches that
// overlap their own output, one after another.
TEST(Gzip, LongRunsRoundTripAndShrink) {
  gzip_compressor c;
  for (std::size_t n : {259u, 1000u, 40000u, 200000u}) {
    const std::string run(n, 'a');
    EXPECT_TRUE(round_trips(c, run));
    EXPECT_LT(packed_size(run), 40 + n / 50) << n;  // about 2 bytes per 258
    std::string pattern;
    while (pattern.size() < n) pattern += "abc\x01";
    EXPECT_TRUE(round_trips(c, pattern));
    EXPECT_LT(packed_size(pattern), 40 + n / 50) << n;
  }
}

// A 64-byte piece repeated exactly 32768 bytes later (the farthest deflate
// reaches) is coded as a match; 32769 bytes later it cannot be (zlib rejects a
// distance too far back) and is written again as literals.
TEST(Gzip, MatchesReachBackExactlyOneWindow) {
  const std::string piece = random_bytes(64, 3);
  auto repeated_after = [&](std::size_t distance) {
    return piece + std::string(distance - piece.size(), 'z') + piece;
  };
  gzip_compressor c;
  const std::string at_window = repeated_after(32768);
  const std::string beyond = repeated_after(32769);
  EXPECT_TRUE(round_trips(c, at_window));
  EXPECT_TRUE(round_trips(c, beyond));
  EXPECT_LT(packed_size(at_window) + 40, packed_size(beyond));
}

// Sizes around a chunk (65535 bytes, the most a stored block holds), JSON
// and random, and a body that changes from one to the other mid-chunk.
TEST(Gzip, ChunkBoundariesRoundTrip) {
  gzip_compressor c;
  for (std::size_t n : {65534u, 65535u, 65536u, 65537u, 131070u, 131071u}) {
    EXPECT_TRUE(round_trips(c, json_text(n, 4)));
    EXPECT_TRUE(round_trips(c, random_bytes(n, 5)));
  }
  EXPECT_TRUE(round_trips(c, random_bytes(40000, 6) + json_text(100000, 7) + random_bytes(70000, 8)));
}

TEST(Gzip, RandomMegabyteStoredWithinBound) {
  gzip_compressor c;
  const std::string data = random_bytes(1u << 20, 9);
  const auto packed = c.compress(data);
  ASSERT_TRUE(packed);
  EXPECT_LE(packed->size(), data.size() + growth_bound(data.size()));
  EXPECT_EQ(gunzip(*packed), data);
}

TEST(Gzip, LargeJsonRoundTripsAndShrinks) {
  gzip_compressor c;
  const std::string data = json_text(5u << 20, 10);
  const auto packed = c.compress(data);
  ASSERT_TRUE(packed);
  EXPECT_LT(packed->size(), data.size() * 35 / 100);
  EXPECT_EQ(gunzip(*packed), data);
}

// A real envelope (every event field set) must shrink well: this fails if
// compression silently degrades to stored blocks (or worse).
TEST(Gzip, EnvelopeShrinksBelow55Percent) {
  const std::string envelope =
      sentry::detail::make_event_envelope(sentry_test::rich_event(), "https://k@o1.ingest.sentry.io/42")
          .serialize("2026-11-25T01:00:00.000Z");
  ASSERT_GT(envelope.size(), 1000u);
  gzip_compressor c;
  const auto packed = c.compress(envelope);
  ASSERT_TRUE(packed);
  EXPECT_LE(packed->size(), envelope.size() * 55 / 100) << envelope.size() << " bytes";
  EXPECT_EQ(gunzip(*packed), envelope);
}

// A compressor's output for a body does not depend on the bodies before it
// (its table's old entries are never used), and its numbering of positions
// survives overflowing 32 bits: each body moves it on by the body's size plus
// 32 KiB, so 140,000 bodies pass 2^32.
TEST(Gzip, ReusedCompressorMatchesAFreshOne) {
  const std::string body = json_text(3000, 11);
  gzip_compressor used;
  ASSERT_TRUE(used.compress(body));
  const std::string small = body.substr(0, 100);
  for (int i = 0; i < 140000; ++i) {
    const auto packed = used.compress(small);
    ASSERT_TRUE(packed);
    ASSERT_EQ(gunzip(*packed), small) << i;
    if (i % 20000 == 0) {
      ASSERT_EQ(used.compress(body), gzip(body)) << i;
    }
  }
  EXPECT_EQ(used.compress(body), gzip(body));
  EXPECT_TRUE(round_trips(used, body + body));
}
