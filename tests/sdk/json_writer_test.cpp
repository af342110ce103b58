#include "model/json_writer.hpp"

#include <gtest/gtest.h>

namespace {

using sentry::detail::json_writer;

TEST(json_writer, places_commas_and_colons) {
  std::string out;
  json_writer w(out);
  w.begin_object()
      .member("a", "x")
      .key("b").begin_array().integer(-1).uinteger(18446744073709551615ull).boolean(true).null().end_array()
      .key("c").begin_object().end_object()
      .member_if("skipped", "")
      .key("d").floating(0.5)
      .key("e").raw("[1,2]")
      .end_object();
  EXPECT_EQ(out, "{\"a\":\"x\",\"b\":[-1,18446744073709551615,true,null],\"c\":{},\"d\":0.5,\"e\":[1,2]}");
}

TEST(json_writer, strings_are_cut_after_max_chars_without_splitting_sequences) {
  std::string out;
  sentry::detail::append_json_string(out, "h\xc3\xa9llo", 2);
  EXPECT_EQ(out, "\"h\xc3\xa9\"");
  out.clear();
  sentry::detail::append_json_string(out, "a\"b", 2);
  EXPECT_EQ(out, "\"a\\\"\"");
}

TEST(json_writer, control_characters_are_escaped) {
  std::string out;
  sentry::detail::append_json_string(out, std::string("\b\f\n\r\t\x1f\0", 7));
  EXPECT_EQ(out, "\"\\b\\f\\n\\r\\t\\u001f\\u0000\"");
}

TEST(json_writer, a_long_string_is_scanned_only_up_to_the_limit) {
  const std::string big(10u << 20, 'x');
  std::string out;
  sentry::detail::append_json_string(out, big, 8192);
  EXPECT_EQ(out.size(), 8194u);
}

}  // namespace
