#include "model/text_limits.hpp"

#include <gtest/gtest.h>

namespace {

using sentry::detail::sanitize_tag_key;
using sentry::detail::single_line;

TEST(text_limits, tag_keys_keep_only_relays_characters) {
  EXPECT_EQ(sanitize_tag_key("ok_Key.9:x-y"), "ok_Key.9:x-y");
  EXPECT_EQ(sanitize_tag_key("user id"), "user-id");
  EXPECT_EQ(sanitize_tag_key("a/b*c!d\te"), "abcde");
  EXPECT_EQ(sanitize_tag_key("caf\xc3\xa9"), "caf");
  EXPECT_EQ(sanitize_tag_key("\xff\xfe"), "");
  EXPECT_EQ(sanitize_tag_key(std::string(500, 'k')), std::string(200, 'k'));
  EXPECT_EQ(sanitize_tag_key(std::string(500, '/') + "k"), "k");
}

TEST(text_limits, single_line_replaces_line_breaks_and_cuts_by_code_points) {
  EXPECT_EQ(single_line("a\nb\r\nc", 100), "a b  c");
  EXPECT_EQ(single_line("\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", 2), "\xe2\x82\xac\xe2\x82\xac");
  EXPECT_EQ(single_line("x\xff", 10), "x\xef\xbf\xbd");
}

}  // namespace
