#include "sentry/value.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace {

using sentry::value;
using sentry::value_array;
using sentry::value_object;

TEST(value, text_of_each_kind) {
  EXPECT_EQ(value().to_text(), "");
  EXPECT_EQ(value(true).to_text(), "true");
  EXPECT_EQ(value(false).to_text(), "false");
  EXPECT_EQ(value(-42).to_text(), "-42");
  EXPECT_EQ(value(std::numeric_limits<std::uint64_t>::max()).to_text(), "18446744073709551615");
  EXPECT_EQ(value(1.5).to_text(), "1.5");
  EXPECT_EQ(value("plain \"text\"").to_text(), "plain \"text\"");
  EXPECT_EQ(value(value_array{1, "a"}).to_text(), "[1,\"a\"]");
  EXPECT_EQ(value(value_object{{"k", value(nullptr)}}).to_text(), "{\"k\":null}");
  EXPECT_EQ(value(std::nan("")).to_text(), "nan");
  EXPECT_EQ(value(-std::numeric_limits<double>::infinity()).to_text(), "-inf");
}

TEST(value, unsigned_integers_keep_their_type_only_above_int64_max) {
  EXPECT_EQ(value(std::uint64_t{7}).type(), value::kind::integer);
  EXPECT_EQ(value(std::numeric_limits<std::uint64_t>::max()).type(), value::kind::unsigned_integer);
}

TEST(value, json_is_compact_with_sorted_keys_and_escapes) {
  value_object o{{"b", 2}, {"a", value_array{true, nullptr, 0.25}}, {"c", "line\n\"q\"\\\t\x01"}};
  EXPECT_EQ(value(o).to_json(),
            "{\"a\":[true,null,0.25],\"b\":2,\"c\":\"line\\n\\\"q\\\"\\\\\\t\\u0001\"}");
}

TEST(value, json_doubles_read_back_as_doubles) {
  EXPECT_EQ(value(1.0).to_json(), "1.0");
  EXPECT_EQ(value(-0.0).to_json(), "-0.0");
  EXPECT_EQ(value(1e300).to_json(), "1e+300");
  EXPECT_EQ(value(0.1).to_json(), "0.1");
  EXPECT_EQ(value(std::numeric_limits<double>::quiet_NaN()).to_json(), "null");
  EXPECT_EQ(value(std::numeric_limits<double>::infinity()).to_json(), "null");
  const double tricky = 0.1 + 0.2;
  auto back = value::parse_json(value(tricky).to_json());
  ASSERT_TRUE(back);
  ASSERT_NE(back->as_double(), nullptr);
  EXPECT_EQ(*back->as_double(), tricky);
}

TEST(value, invalid_utf8_is_replaced_in_keys_and_values) {
  value_object o{{"k\xff", "a\xc3(b\xed\xa0\x80z\xf4\x90\x80\x80!"}};
  const std::string json = value(o).to_json();
  EXPECT_EQ(json,
            "{\"k\xef\xbf\xbd\":\"a\xef\xbf\xbd(b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz"
            "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!\"}");
  // And the result is valid JSON that parses back.
  EXPECT_TRUE(value::parse_json(json));
}

TEST(value, valid_multibyte_text_passes_unchanged) {
  const std::string text = "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbd";
  EXPECT_EQ(value(text).to_json(), "\"" + text + "\"");
}

TEST(value, parse_round_trips_every_kind) {
  value_object o{{"null", nullptr},
                 {"t", true},
                 {"neg", -5},
                 {"big", std::numeric_limits<std::uint64_t>::max()},
                 {"min", std::numeric_limits<std::int64_t>::min()},
                 {"d", 2.5},
                 {"s", "h\xc3\xa9llo \"w\"\n"},
                 {"arr", value_array{1, value_array{}, value_object{}}},
                 {"obj", value_object{{"x", "y"}}}};
  auto back = value::parse_json(value(o).to_json());
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, value(o));
  ASSERT_NE(back->as_object()->at("big").as_uint(), nullptr);
  ASSERT_NE(back->as_object()->at("neg").as_int(), nullptr);
}

TEST(value, parse_reads_scalars_and_unicode_escapes) {
  EXPECT_EQ(value::parse_json("null"), value());
  EXPECT_EQ(value::parse_json(" 12 "), value(12));
  EXPECT_EQ(value::parse_json("\"\\u00e9\\ud83d\\ude00\""), value("\xc3\xa9\xf0\x9f\x98\x80"));
  EXPECT_EQ(value::parse_json("{\"a\":1,\"a\":2}"), value(value_object{{"a", 2}}));
}

TEST(value, parse_rejects_malformed_input_without_throwing) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "nul", "\"unterminated", "1 2", "{} x",
                          "\"\xff\"", "[\"\\ud800\"]", "01", "NaN"}) {
    EXPECT_FALSE(value::parse_json(bad)) << bad;
  }
}

TEST(value, parse_rejects_absurd_nesting_instead_of_exhausting_the_stack) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_FALSE(value::parse_json(deep));
  const std::string ok = std::string(100, '[') + std::string(100, ']');
  EXPECT_TRUE(value::parse_json(ok));
}

TEST(value, deeply_built_values_serialize_without_recursing_forever) {
  value v = 1;
  for (int i = 0; i < 1000; ++i) v = value(value_array{std::move(v)});
  // Levels past 128 are written as null: still valid JSON, bounded recursion.
  EXPECT_EQ(v.to_json(), std::string(129, '[') + "null" + std::string(129, ']'));
}

}  // namespace
