#include "model/utf8.hpp"

#include <gtest/gtest.h>

namespace {

using sentry::detail::is_valid_utf8;
using sentry::detail::valid_utf8;

const std::string fffd = "\xef\xbf\xbd";

TEST(utf8, well_formed_text_is_unchanged) {
  const std::string text = "a\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xf0\x90\x80\x80\xf4\x8f\xbf\xbf";
  EXPECT_TRUE(is_valid_utf8(text));
  EXPECT_EQ(valid_utf8(text), text);
}

TEST(utf8, each_invalid_byte_becomes_one_replacement_character) {
  EXPECT_EQ(valid_utf8("\xff"), fffd);
  EXPECT_EQ(valid_utf8("\xc0\xaf"), fffd + fffd);              // overlong
  EXPECT_EQ(valid_utf8("\xe0\x80\xaf"), fffd + fffd + fffd);   // overlong
  EXPECT_EQ(valid_utf8("\xed\xa0\x80"), fffd + fffd + fffd);   // surrogate
  EXPECT_EQ(valid_utf8("\xf4\x90\x80\x80"), fffd + fffd + fffd + fffd);  // > U+10FFFF
  EXPECT_EQ(valid_utf8("\xe2\x82"), fffd + fffd);              // truncated at the end
  EXPECT_EQ(valid_utf8("\xe2\x82x"), fffd + fffd + "x");
  EXPECT_EQ(valid_utf8("\x80x"), fffd + "x");                  // lone continuation
  EXPECT_FALSE(is_valid_utf8("ok\xf5"));
}

TEST(utf8, truncation_counts_code_points_and_never_splits_one) {
  const std::string euro = "\xe2\x82\xac";
  EXPECT_EQ(valid_utf8(euro + euro + euro, 2), euro + euro);
  EXPECT_EQ(valid_utf8("abc", 0), "");
  EXPECT_EQ(valid_utf8("abc", 10), "abc");
  EXPECT_EQ(valid_utf8("a\xffz", 2), "a" + fffd);
}

TEST(utf8, append_encodes_every_length) {
  std::string out;
  sentry::detail::append_utf8(out, U'A');
  sentry::detail::append_utf8(out, 0xE9);
  sentry::detail::append_utf8(out, 0x20AC);
  sentry::detail::append_utf8(out, 0x1F600);
  EXPECT_EQ(out, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
}

}  // namespace
