#include "sentry/envelope.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using sentry::data_category;
using sentry::envelope;
using sentry::envelope_item;
using sentry::value;
using sentry::value_object;

envelope_item item(std::string type, std::string payload, value_object headers = {}) {
  envelope_item i;
  i.type = std::move(type);
  i.payload = std::move(payload);
  i.headers = std::move(headers);
  return i;
}

TEST(envelope, serialize_writes_exact_framing_with_length_on_every_item) {
  envelope env;
  env.headers["event_id"] = "9ec79c33ec9942ab8353589fcb2e04dc";
  env.items.push_back(item("event", "{\"message\":\"hello world\",\"level\":\"error\"}"));
  env.items.push_back(item("attachment", "\xef\xbb\xbfHello\r\n",
                           {{"content_type", "text/plain"}, {"filename", "hello.txt"}}));
  EXPECT_EQ(env.serialize("2024-01-01T00:00:00.000Z"),
            "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"sent_at\":\"2024-01-01T00:00:00.000Z\"}\n"
            "{\"type\":\"event\",\"length\":41}\n"
            "{\"message\":\"hello world\",\"level\":\"error\"}\n"
            "{\"type\":\"attachment\",\"length\":10,\"content_type\":\"text/plain\",\"filename\":\"hello.txt\"}\n"
            "\xef\xbb\xbfHello\r\n\n");
}

TEST(envelope, empty_headers_and_no_items) {
  envelope env;
  EXPECT_EQ(env.serialize(), "{}\n");
}

TEST(envelope, sent_at_is_written_once_and_only_when_given) {
  envelope env;
  env.headers["sent_at"] = "old";
  const std::string with = env.serialize("new");
  EXPECT_EQ(with, "{\"sent_at\":\"new\"}\n");
  EXPECT_EQ(env.serialize(), "{\"sent_at\":\"old\"}\n");
  envelope none;
  EXPECT_EQ(none.serialize().find("sent_at"), std::string::npos);
}

TEST(envelope, item_headers_cannot_override_type_or_length) {
  envelope env;
  env.items.push_back(item("log", "{}", {{"type", "evil"}, {"length", 99}, {"item_count", 0}}));
  EXPECT_EQ(env.serialize(), "{}\n{\"type\":\"log\",\"length\":2,\"item_count\":0}\n{}\n");
}

TEST(envelope, binary_payloads_with_newlines_round_trip) {
  std::string binary;
  for (int i = 0; i < 256; ++i) binary.push_back(static_cast<char>(i));
  binary += "\n\n\r\n{\"type\":\"event\"}\n";
  envelope env;
  env.headers["dsn"] = "https://k@h/1";
  env.items.push_back(item("attachment", binary, {{"filename", "blob.bin"}}));
  env.items.push_back(item("event", "{}"));
  env.items.push_back(item("attachment", ""));
  const auto back = envelope::parse(env.serialize("2024-01-01T00:00:00.000Z"));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->headers.at("dsn"), value("https://k@h/1"));
  EXPECT_EQ(back->headers.at("sent_at"), value("2024-01-01T00:00:00.000Z"));
  ASSERT_EQ(back->items.size(), 3u);
  EXPECT_EQ(back->items[0].type, "attachment");
  EXPECT_EQ(back->items[0].payload, binary);
  EXPECT_EQ(back->items[0].headers, (value_object{{"filename", "blob.bin"}}));
  EXPECT_EQ(back->items[1].payload, "{}");
  EXPECT_EQ(back->items[2].payload, "");
  // Serializing the parsed envelope gives the same bytes again.
  EXPECT_EQ(back->serialize(), env.serialize("2024-01-01T00:00:00.000Z"));
}

TEST(envelope, parse_accepts_items_without_length_up_to_the_newline) {
  const auto env = envelope::parse(
      "{}\n{\"type\":\"event\"}\n{\"a\":1}\r\n{\"type\":\"session\"}\n{\"s\":2}");
  ASSERT_TRUE(env);
  ASSERT_EQ(env->items.size(), 2u);
  EXPECT_EQ(env->items[0].payload, "{\"a\":1}\r");  // a \r before \n belongs to the payload
  EXPECT_EQ(env->items[1].payload, "{\"s\":2}");
}

TEST(envelope, parse_accepts_a_missing_final_newline_and_empty_envelopes) {
  auto a = envelope::parse("{}\n{\"type\":\"event\",\"length\":2}\n{}");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->items.at(0).payload, "{}");
  auto b = envelope::parse("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}");
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->items.empty());
  auto c = envelope::parse("{}\n");
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->items.empty());
  auto d = envelope::parse("{}\n{\"type\":\"attachment\",\"length\":0}");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->items.at(0).payload, "");
}

TEST(envelope, parse_rejects_malformed_framing) {
  for (const char* bad : {
           "",                                                   // no header
           "not json\n",                                         // bad header
           "[]\n",                                               // header not an object
           "{}\n\n",                                             // blank item header
           "{}\n{\"length\":2}\n{}\n",                           // no type
           "{}\n{\"type\":1}\n{}\n",                             // type not a string
           "{}\n{\"type\":\"event\",\"length\":5}\n{}\n",        // premature EOF
           "{}\n{\"type\":\"event\",\"length\":1}\n{}\n",        // no newline after payload
           "{}\n{\"type\":\"event\",\"length\":-1}\n{}\n",       // negative length
           "{}\n{\"type\":\"event\",\"length\":\"2\"}\n{}\n",    // length not a number
           "{}\n{\"type\":\"event\",\"length\":2.0}\n{}\n",      // length not an integer
           "{}\n{\"type\":\"event\",\"length\":2}\n{}\n\n",      // trailing blank line
           "{}\n{\"type\":\"event\",\"length\":18446744073709551615}\n{}",
       }) {
    EXPECT_FALSE(envelope::parse(bad)) << bad;
  }
}

TEST(envelope, event_id_is_normalized_to_32_hex_digits) {
  envelope env;
  EXPECT_EQ(env.event_id(), "");
  env.headers["event_id"] = "9ec79c33ec9942ab8353589fcb2e04dc";
  EXPECT_EQ(env.event_id(), "9ec79c33ec9942ab8353589fcb2e04dc");
  env.headers["event_id"] = "9EC79C33-EC99-42AB-8353-589FCB2E04DC";
  EXPECT_EQ(env.event_id(), "9ec79c33ec9942ab8353589fcb2e04dc");
  env.headers["event_id"] = "9ec79c33ec9942ab8353589fcb2e04d";
  EXPECT_EQ(env.event_id(), "");
  env.headers["event_id"] = "9ec79c33ec9942ab8353589fcb2e04dz";
  EXPECT_EQ(env.event_id(), "");
  env.headers["event_id"] = "9ec79c33e-c9942ab8353589fcb2e04dc";
  EXPECT_EQ(env.event_id(), "");
  env.headers["event_id"] = 42;
  EXPECT_EQ(env.event_id(), "");
}

TEST(envelope, item_categories_follow_protocol_4_4) {
  const std::pair<const char*, std::optional<data_category>> cases[] = {
      {"event", data_category::error},
      {"transaction", data_category::transaction},
      {"feedback", data_category::feedback},
      {"user_report", data_category::feedback},
      {"attachment", data_category::attachment},
      {"session", data_category::session},
      {"sessions", data_category::session},
      {"check_in", data_category::monitor},
      {"log", data_category::log_item},
      {"span", data_category::span},
      {"trace_metric", data_category::trace_metric},
      {"client_report", data_category::internal},
      {"profile", std::nullopt},
      {"unknown_thing", std::nullopt},
  };
  for (const auto& [type, category] : cases) {
    EXPECT_EQ(item(type, "").category(), category) << type;
  }
}

TEST(envelope, rfc3339_now_is_utc_with_milliseconds) {
  const std::string now = sentry::rfc3339_now();
  ASSERT_EQ(now.size(), 24u);
  EXPECT_EQ(now[4], '-');
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now[19], '.');
  EXPECT_EQ(now.back(), 'Z');
  EXPECT_GE(now.substr(0, 4), "2024");
}

}  // namespace
