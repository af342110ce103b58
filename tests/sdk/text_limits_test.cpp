#include "model/text_limits.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

TEST(text_limits, the_fast_checks_agree_with_the_full_functions) {
  using sentry::detail::is_sanitized_tag_key;
  using sentry::detail::is_short_ascii_line;
  const std::vector<std::string> keys = {"ok_Key.9:x-y", "user id", "", "caf\xc3\xa9", "a/b",
                                         std::string(200, 'k'), std::string(201, 'k')};
  for (const std::string& key : keys) {
    EXPECT_EQ(is_sanitized_tag_key(key), !key.empty() && sanitize_tag_key(key) == key) << key;
  }
  const std::vector<std::string> texts = {"plain", "", "a\nb", "a\rb", "tab\tand\x01" "control",
                                          std::string(200, 'v'), std::string(201, 'v')};
  for (const std::string& text : texts) {
    EXPECT_EQ(is_short_ascii_line(text, 200), single_line(text, 200) == text) << text;
  }
  EXPECT_FALSE(is_short_ascii_line("caf\xc3\xa9", 200));  // non-ASCII: the full path decides
}

}  // namespace
