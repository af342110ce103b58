// Issue 2's bar: 10,000 captured messages with 100 breadcrumbs on the scope
// reach the transport as 10,000 envelopes with exact framing, and every event
// validates against Relay's event schema.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

#include "schema_validation.hpp"
#include "sdk_fixture.hpp"

namespace {

using namespace sentry_test;

// Checks envelope framing independently of our own parser: a header line,
// then items whose header's "length" is exactly the payload, each followed
// by "\n" or the end. Returns "" or what is wrong; collects event payloads.
std::string check_framing(std::string_view bytes, std::vector<std::string>& events) {
  std::size_t nl = bytes.find('\n');
  if (nl == std::string_view::npos) return "no envelope header line";
  auto header = sentry::value::parse_json(bytes.substr(0, nl));
  if (!header || !header->is_object()) return "envelope header is not a JSON object";
  std::size_t pos = nl + 1;
  int items = 0;
  while (pos < bytes.size()) {
    nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) return "item header without newline";
    auto item = sentry::value::parse_json(bytes.substr(pos, nl - pos));
    if (!item || !item->is_object()) return "item header is not a JSON object";
    const auto& length = at(*item, "length");
    if (!length.as_int()) return "item without length";
    const auto n = static_cast<std::size_t>(*length.as_int());
    pos = nl + 1;
    if (pos + n > bytes.size()) return "payload shorter than its length";
    if (pos + n < bytes.size() && bytes[pos + n] != '\n') return "payload not followed by newline";
    if (str(at(*item, "type")) == "event") events.emplace_back(bytes.substr(pos, n));
    pos += n + 1;
    ++items;
  }
  return items == 1 ? "" : "expected exactly one item, got " + std::to_string(items);
}

class pipeline_volume : public sdk_test {};

TEST_F(pipeline_volume, ten_thousand_events_with_full_breadcrumbs) {
  constexpr int count = 10000;
  auto o = base_options();
  o.max_queue_size = count;
  o.debug = false;
  o.release = "volume@1.0.0";
  ASSERT_TRUE(start(o));
  for (int i = 0; i < 5; ++i) sentry::set_tag("tag" + std::to_string(i), "value");
  for (int i = 0; i < 100; ++i) {
    sentry::breadcrumb b;
    b.category = "volume";
    b.message = "breadcrumb " + std::to_string(i);
    b.data["index"] = i;
    sentry::add_breadcrumb(b);
  }
  std::set<std::string> ids;
  for (int i = 0; i < count; ++i) {
    ids.insert(sentry::capture_message("message " + std::to_string(i), sentry::level::error).to_string());
  }
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(count));
  ASSERT_TRUE(sentry::flush(std::chrono::seconds(120)));

  auto envs = recording.envelopes();
  ASSERT_EQ(envs.size(), static_cast<std::size_t>(count));
  std::vector<std::string> events;
  events.reserve(count);
  for (const auto& env : envs) {
    const std::string bytes = env.serialize("2026-01-01T00:00:00.000Z");
    const std::string problem = check_framing(bytes, events);
    ASSERT_EQ(problem, "") << bytes.substr(0, 300);
    EXPECT_EQ(ids.count(env.event_id()), 1u);
  }
  ASSERT_EQ(events.size(), static_cast<std::size_t>(count));
  auto first = sentry::value::parse_json(events.front());
  ASSERT_TRUE(first);
  EXPECT_EQ(len(at(at(*first, "breadcrumbs"), "values")), 100u);
  EXPECT_EQ(len(at(*first, "tags")), 5u);
  SENTRY_EXPECT_EVENTS_VALID(events);
}

}  // namespace
