// The crash handler's pre-serialized template event.
#include "crash/crash_snapshot.hpp"

#include <gtest/gtest.h>

namespace crash_snapshot_test {

using sentry::detail::crash::event_tail_without_timestamp;

TEST(crash_snapshot, the_template_timestamp_is_removed_wherever_it_stands) {
  EXPECT_EQ(event_tail_without_timestamp(R"({"event_id":"ab","timestamp":"2024-01-01T00:00:00Z","level":"fatal"})"),
            R"(,"event_id":"ab","level":"fatal"})");
  EXPECT_EQ(event_tail_without_timestamp(R"({"timestamp":1704067200.5,"level":"fatal"})"), R"(,"level":"fatal"})");
  EXPECT_EQ(event_tail_without_timestamp(R"({"level":"fatal","timestamp":"x"})"), R"(,"level":"fatal"})");
  EXPECT_EQ(event_tail_without_timestamp(R"({"timestamp":"x"})"), "}");
  // A breadcrumb's timestamp is not the event's.
  EXPECT_EQ(event_tail_without_timestamp(R"({"breadcrumbs":{"values":[{"timestamp":"x"}]}})"),
            R"(,"breadcrumbs":{"values":[{"timestamp":"x"}]}})");
}

TEST(crash_snapshot, published_snapshot_is_an_envelope_head_and_an_event_tail) {
  sentry::event e;
  e.event_id = sentry::uuid::generate();
  e.level = sentry::level::fatal;
  e.release = "app@1";
  e.tags["k"] = "v";
  sentry::detail::crash::publish_snapshot(e, "https://key@127.0.0.1/1");
  const auto* s = sentry::detail::crash::current_snapshot();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->envelope_header.back(), '\n');
  EXPECT_NE(s->envelope_header.find(e.event_id.to_string()), std::string::npos) << s->envelope_header;
  EXPECT_EQ(s->event_tail.front(), ',');
  EXPECT_EQ(s->event_tail.back(), '}');
  EXPECT_EQ(s->event_tail.find("\"timestamp\""), std::string::npos) << s->event_tail;
  EXPECT_NE(s->event_tail.find("\"release\":\"app@1\""), std::string::npos);
  // What the handler writes around it parses as the event.
  const std::string event_json = "{\"timestamp\":1.5" + s->event_tail;
  const auto parsed = sentry::value::parse_json(event_json);
  ASSERT_TRUE(parsed.has_value()) << event_json;
  EXPECT_EQ(parsed->as_object()->at("tags").as_object()->at("k").to_text(), "v");
}

}  // namespace crash_snapshot_test
