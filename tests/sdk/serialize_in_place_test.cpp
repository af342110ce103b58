// The worker writes scope breadcrumbs (with their packed data) and the default
// contexts from where they lie (event_additions) instead of copying them into
// the event. The bytes must be exactly those of the event with everything
// copied in, which is what before_send sees and what the serializer's own
// tests check.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "client/apply_scope.hpp"
#include "model/serialize.hpp"
#include "rich_event.hpp"
#include "scope/breadcrumb_ring.hpp"
#include "sdk_fixture.hpp"

namespace {

using namespace std::chrono;
using sentry::breadcrumb;
using sentry::value;
using sentry::value_object;
using sentry::detail::breadcrumb_ref;
using sentry::detail::event_additions;
using sentry::detail::packed_fields;
using sentry::detail::serialize_contexts;
using sentry::detail::serialize_event;

struct stored {
  breadcrumb crumb;
  packed_fields packed;
};

// Breadcrumbs as the log bridge leaves them in a ring: some data given, more
// packed, with every kind of collision the merge must settle.
std::vector<stored> ring_like_crumbs() {
  std::vector<stored> out;
  const auto t0 = system_clock::time_point(seconds(1704164000));
  for (int i = 0; i < 40; ++i) {
    stored s;
    s.crumb.timestamp = t0 + milliseconds(i * 7);
    s.crumb.category = i % 2 ? "db" : "http \"quoted\"";
    s.crumb.message = "crumb " + std::to_string(i) + (i % 5 ? "" : " caf\xc3\xa9 \xff\n");
    s.crumb.level = static_cast<sentry::level>(i % 6);
    if (i % 3 == 0) s.crumb.data["given"] = value_object{{"nested", value(i)}};
    if (i % 4 == 0) s.crumb.data["thread.id"] = "given wins";
    if (i % 7 != 0) {
      s.packed.add("thread.id", std::int64_t{1000 + i});
      s.packed.add("code.file.path", "src/\"main\".cpp");
      s.packed.add("b.first", "first of a repeated key");
      s.packed.add("b.first", "repeated, ignored");
      s.packed.add("\xe2\x82\xac", "non-ASCII key");
      s.packed.add("a", std::int64_t{-i});
    }
    if (i == 11) {
      for (int k = 0; k < 30; ++k) s.packed.add("many." + std::to_string(29 - k), std::int64_t{k});
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::map<std::string, value_object> default_contexts() {
  return {{"os", {{"name", "Linux"}, {"version", "6.1"}}},
          {"runtime", {{"name", "libstdc++"}}},
          {"device", {{"arch", "x86_64"}, {"processor_count", 2}}}};
}

// The same event written both ways.
void expect_same_bytes(sentry::event e, const std::vector<stored>& crumbs) {
  const auto defaults = default_contexts();
  const auto defaults_json = serialize_contexts(defaults);

  std::vector<breadcrumb_ref> refs;
  for (const stored& s : crumbs) refs.push_back({&s.crumb, s.packed.empty() ? nullptr : &s.packed, nullptr});
  event_additions additions;
  additions.breadcrumbs = &refs;
  additions.default_contexts = &defaults_json;
  sentry::detail::serialize_report in_place_report;
  const std::string in_place = serialize_event(e, &in_place_report, &additions);

  e.breadcrumbs.clear();
  for (const stored& s : crumbs) {
    e.breadcrumbs.push_back(s.crumb);
    s.packed.expand_into(e.breadcrumbs.back().data);
  }
  for (const auto& [name, ctx] : defaults) e.contexts.emplace(name, ctx);
  sentry::detail::serialize_report copied_report;
  const std::string copied = serialize_event(e, &copied_report);

  EXPECT_EQ(in_place, copied);
  EXPECT_EQ(in_place_report.losses, copied_report.losses);
}

TEST(serialize_in_place, packed_breadcrumbs_and_default_contexts_give_the_same_bytes) {
  sentry::event e = sentry_test::rich_event();
  e.contexts["device"] = {{"mine", true}};  // the event's context wins over the default
  expect_same_bytes(e, ring_like_crumbs());
}

TEST(serialize_in_place, an_event_without_contexts_or_breadcrumbs_of_its_own) {
  sentry::event e;
  e.timestamp = system_clock::time_point(seconds(1704164645));
  expect_same_bytes(e, ring_like_crumbs());
  expect_same_bytes(e, {});
}

TEST(serialize_in_place, trimming_an_oversized_event_gives_the_same_bytes) {
  sentry::event e = sentry_test::rich_event();
  std::vector<stored> crumbs = ring_like_crumbs();
  for (int i = 0; i < 200; ++i) {
    stored s;
    s.crumb.message = "big " + std::to_string(i) + " " + std::string(8000, 'b');
    s.packed.add("i", std::int64_t{i});
    crumbs.push_back(std::move(s));
  }
  for (int i = 0; i < 40; ++i) e.extra["x" + std::to_string(i)] = std::string(30000, 'e');
  expect_same_bytes(e, crumbs);
}

// Through the client: an event written in place (no before_send) and one
// copied for before_send carry the same breadcrumbs, contexts and tags.
class serialize_in_place_client : public sentry_test::sdk_test {};

TEST_F(serialize_in_place_client, with_and_without_before_send_the_payload_is_the_same) {
  std::vector<std::string> payloads;
  for (bool hook : {false, true}) {
    recording.clear();
    auto o = base_options();
    o.release = "same@1";
    if (hook) o.before_send = [](sentry::event&) { return true; };
    ASSERT_TRUE(start(o));
    sentry::global_scope().set_context("trace", {{"trace_id", "0123456789abcdef0123456789abcdef"},
                                                 {"span_id", "0123456789abcdef"}});
    sentry::global_scope().set_tag("where", "global");
    const auto t0 = system_clock::time_point(seconds(1704164000));
    for (int i = 0; i < 150; ++i) {
      breadcrumb b;
      b.timestamp = t0 + seconds(i);
      b.message = "crumb " + std::to_string(i);
      if (i % 3 == 0) {
        sentry::global_scope().add_breadcrumb(b);
      } else if (i % 3 == 1) {
        sentry::add_breadcrumb(b);
      } else if (i % 6 == 2) {
        sentry::detail::isolation_scope_ref().emplace_breadcrumb([&](sentry::detail::crumb_slot& slot) {
          slot.crumb = b;
          slot.packed.clear();
          slot.packed.add("thread.id", std::int64_t{i});
          slot.packed.add("logger", "app");
          slot.is_record = false;
        });
      } else {
        // As the log bridge stores a record's breadcrumb: flat, with a
        // context tag to leave out and a repeated key.
        static const std::vector<std::string> tags{"request_id"};
        const sentry::context_field context[] = {
            {"request_id", "r-1"}, {"session", "s-9"}, {"session", "ignored"}, {"", "no key"}};
        sentry::log_record src;
        src.logger = "app";
        src.message = b.message;
        src.file = "src/\"main\".cpp";
        src.line = i;
        src.function = "run";
        src.context = context;
        src.context_size = 4;
        sentry::detail::record_crumb::resolved resolved;
        resolved.timestamp = b.timestamp;
        resolved.level = sentry::level::warning;
        resolved.thread_id = static_cast<std::uint64_t>(i);
        resolved.tag_keys = &tags;
        sentry::detail::isolation_scope_ref().emplace_breadcrumb([&](sentry::detail::crumb_slot& slot) {
          slot.record.assign(src, "main", resolved);
          slot.is_record = true;
        });
      }
    }
    sentry::event e;
    e.timestamp = t0 + seconds(200);
    e.event_id.bytes[0] = 1;
    breadcrumb own;
    own.timestamp = t0 + seconds(75);
    own.message = "the event's own";
    e.breadcrumbs.push_back(own);
    e.contexts["os"] = {{"name", "mine"}};
    sentry::capture_event(e);
    ASSERT_TRUE(sentry::flush(seconds(10)));
    const auto envs = recording.envelopes();
    ASSERT_EQ(envs.size(), 1u);
    payloads.push_back(envs[0].items.at(0).payload);
    sentry::close(seconds(5));
    sentry::global_scope().clear();
    sentry::isolation_scope().clear();
  }
  EXPECT_EQ(payloads[0], payloads[1]);
  using sentry_test::at;
  const auto parsed = sentry::value::parse_json(payloads[0]);
  ASSERT_TRUE(parsed);
  const auto& values = at(at(*parsed, "breadcrumbs"), "values");
  ASSERT_EQ(sentry_test::len(values), 100u);  // the newest max_breadcrumbs
  EXPECT_EQ(sentry_test::str(at(at(values, 99), "message")), "crumb 149");
  // A record's flat breadcrumb (i = 149): its data without the tag, the first
  // of a repeated key, no empty key.
  const auto& record = at(values, 99);
  EXPECT_EQ(sentry_test::str(at(record, "type")), "default");
  EXPECT_EQ(sentry_test::str(at(record, "category")), "app");
  EXPECT_EQ(sentry_test::str(at(record, "level")), "warning");
  const auto& data = at(record, "data");
  EXPECT_EQ(*at(data, "thread.id").as_int(), 149);
  EXPECT_EQ(sentry_test::str(at(data, "thread.name")), "main");
  EXPECT_EQ(sentry_test::str(at(data, "code.file.path")), "src/\"main\".cpp");
  EXPECT_EQ(*at(data, "code.line.number").as_int(), 149);
  EXPECT_EQ(sentry_test::str(at(data, "code.function.name")), "run");
  EXPECT_EQ(sentry_test::str(at(data, "session")), "s-9");
  EXPECT_EQ(data.as_object()->size(), 6u) << "the tag and the empty key stay out";
  // A breadcrumb with packed data (i = 146), expanded.
  EXPECT_EQ(sentry_test::str(at(at(at(values, 96), "data"), "logger")), "app");
  EXPECT_EQ(sentry_test::str(at(at(at(*parsed, "contexts"), "os"), "name")), "mine");
  EXPECT_TRUE(at(at(*parsed, "contexts"), "runtime").is_object());  // a default context
}

}  // namespace
