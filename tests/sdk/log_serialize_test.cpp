// The two ways a log becomes JSON (logs/log_serialize.hpp): through a
// log_entry (what before_send_log sees) and straight from the pending log
// (no callback). They must send the same log.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "logs/log_serialize.hpp"

namespace log_serialize_test {

using namespace sentry::detail;
using nlohmann::json;

const log_defaults defaults = make_log_defaults({{"sentry.release", "app@1"},
                                                 {"sentry.sdk.name", "sentry.cpp"},
                                                 {"os.name", "Linux"},
                                                 {"server.address", "host-1"}});

pending_log with_scope(pending_log p, bool trace, bool user) {
  scope_data scope;
  if (trace) {
    scope.propagation = propagation_context::random();
    for (std::size_t i = 0; i < 16; ++i) scope.propagation->trace_id.bytes[i] = static_cast<std::uint8_t>(0xa0 + i);
  }
  if (user) {
    scope.user.id = "user-42";
    scope.user.username = "ann";
    scope.user.email = "a@example.com";
  }
  p.scope = scope_data_ref::make(std::move(scope));
  return p;
}

pending_log context_log(const std::vector<std::pair<std::string, std::string>>& fields) {
  pending_log p;
  p.timestamp = std::chrono::system_clock::time_point(std::chrono::microseconds(1700000000123456));
  p.body = p.add_text("cart loaded with 3 items");
  p.origin = p.add_text("auto.log.boostlog");
  p.logger = p.add_text("checkout");
  p.thread_id = 4242;
  p.thread_name = p.add_text("main");
  for (const auto& [k, v] : fields) {
    const text_ref key = p.add_text(k);
    p.context.add(key, p.add_text(v));
  }
  return p;
}

// Logs with every kind of field, made afresh for each way (the ways take
// the parameters).
std::vector<std::function<pending_log()>> varied_logs() {
  return {
      [] {  // a template with typed, boxed and null parameters; trace and user
        pending_log p;
        p.timestamp = std::chrono::system_clock::time_point(std::chrono::nanoseconds(1700000000987654321));
        p.level = sentry::level::warning;
        p.format_body = true;
        p.line = 42;
        p.thread_id = 7;
        p.message_template = p.add_text("order {} of {} by {} at {} in {} with {} {} {}");
        p.origin = p.add_text("auto.log.spdlog");
        p.logger = p.add_text("shop");
        p.file = p.add_text("shop.cpp");
        p.function = p.add_text("checkout");
        p.params.add(sentry::value(std::int64_t{-1234}), p.texts);
        p.params.add(sentry::value(std::string("text \"quoted\"\n")), p.texts);
        p.params.add(sentry::value(true), p.texts);
        p.params.add(sentry::value(sentry::value_array{1, "two", 3.5}), p.texts);
        p.params.add(sentry::value(std::uint64_t{18446744073709551615u}), p.texts);
        p.params.add(sentry::value(), p.texts);  // null: no attribute
        p.params.add(sentry::value(-0.25), p.texts);
        p.params.add(sentry::value(sentry::value_object{{"k", false}}), p.texts);
        const text_ref key = p.add_text("request_id");
        p.context.add(key, p.add_text("r-1"));
        return with_scope(std::move(p), true, true);
      },
      [] {  // a body alone: no scope, no thread
        pending_log p;
        p.body = p.add_text("plain body");
        return p;
      },
      [] {  // a template whose only parameter is null: no template attribute
        pending_log p;
        p.format_body = true;
        p.message_template = p.add_text("value {}");
        p.params.add(sentry::value(), p.texts);
        return with_scope(std::move(p), false, true);
      },
      [] {  // a repeated key (the first value counts), an empty key, odd texts
        return with_scope(context_log({{"tenant", "acme"},
                                       {"", "ignored"},
                                       {"tenant", "other"},
                                       {"ke\"y\\\t", "v\xff\xfe"},
                                       {"http.route", "/cart"},
                                       {"a", "1"}}),
                          true, false);
      },
      [] {  // a body past the writer's short pieces, needing escapes
        pending_log p;
        p.body = p.add_text(std::string(3000, 'x') + "\"\\\x01" + "\xe2\x82\xac");
        return p;
      },
  };
}

json payload_of(log_items&& items) { return json::parse(items.take_payload()); }

TEST(log_serialize, the_direct_way_sends_what_the_log_entry_way_sends) {
  for (bool pii : {false, true}) {
    std::size_t n = 0;
    for (const auto& make : varied_logs()) {
      log_items direct;
      pending_log p = make();
      ASSERT_TRUE(direct.add_direct(p, defaults, pii)) << n;
      log_items through_entry;
      through_entry.add(make_log_entry(make(), defaults.attributes, pii));
      const json a = payload_of(std::move(direct)), b = payload_of(std::move(through_entry));
      ASSERT_EQ(a["items"].size(), 1u);
      EXPECT_EQ(a, b) << "log " << n << " pii " << pii << "\n" << a.dump() << "\n" << b.dump();
      ++n;
    }
  }
  // And what they send: the first log, field by field.
  log_items items;
  pending_log p = varied_logs()[0]();
  ASSERT_TRUE(items.add_direct(p, defaults, true));
  const json log = payload_of(std::move(items))["items"][0];
  EXPECT_EQ(log["trace_id"], "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
  EXPECT_EQ(log["level"], "warn");
  EXPECT_EQ(log["severity_number"], 13);
  EXPECT_EQ(log["timestamp"].dump(), "1700000000.987654");  // to the microsecond
  EXPECT_EQ(log["body"],
            "order -1234 of text \"quoted\"\n by true at [1,\"two\",3.5] in 18446744073709551615 with "
            " -0.25 {\"k\":false}");
  const json& a = log["attributes"];
  EXPECT_EQ(a["sentry.release"], json({{"value", "app@1"}, {"type", "string"}}));
  EXPECT_EQ(a["thread.id"], json({{"value", 7}, {"type", "integer"}}));
  EXPECT_EQ(a["code.line.number"], json({{"value", 42}, {"type", "integer"}}));
  EXPECT_EQ(a["sentry.message.parameter.0"], json({{"value", -1234}, {"type", "integer"}}));
  EXPECT_EQ(a["sentry.message.parameter.2"], json({{"value", true}, {"type", "boolean"}}));
  EXPECT_EQ(a["sentry.message.parameter.4"],
            json({{"value", "18446744073709551615"}, {"type", "string"}}));
  EXPECT_FALSE(a.contains("sentry.message.parameter.5"));  // the null one
  EXPECT_EQ(a["sentry.message.parameter.6"], json({{"value", -0.25}, {"type", "double"}}));
  EXPECT_EQ(a["user.name"], json({{"value", "ann"}, {"type", "string"}}));
  EXPECT_EQ(a["request_id"], json({{"value", "r-1"}, {"type", "string"}}));
}

TEST(log_serialize, timestamps_are_seconds_to_the_microsecond) {
  using std::chrono::microseconds;
  for (const auto& [us, text] : std::vector<std::pair<std::int64_t, std::string>>{
           {1700000000000000, "1700000000.0"},
           {1700000000100000, "1700000000.1"},
           {1700000000000001, "1700000000.000001"},
           {1746456149019000, "1746456149.019"},
           {0, "0.0"},
           {999999, "0.999999"}}) {
    log_items items;
    pending_log p;
    p.timestamp = std::chrono::system_clock::time_point(microseconds(us));
    ASSERT_TRUE(items.add_direct(p, defaults, false));
    const std::string payload = items.take_payload();
    EXPECT_NE(payload.find("\"timestamp\":" + text + ","), std::string::npos) << payload;
  }
  // Before 1970: a number still.
  log_items items;
  pending_log p;
  p.timestamp = std::chrono::system_clock::time_point(microseconds(-1500000));
  ASSERT_TRUE(items.add_direct(p, defaults, false));
  EXPECT_DOUBLE_EQ(json::parse(items.take_payload())["items"][0]["timestamp"].get<double>(), -1.5);
}

TEST(log_serialize, a_context_field_named_like_an_sdk_attribute_takes_the_log_entry_way) {
  for (const char* key : {"sentry.release", "sentry.origin", "logger.name", "thread.name", "code.file.path",
                          "user.id", "os.name", "server.address"}) {
    log_items items;
    pending_log p = with_scope(context_log({{"tenant", "acme"}, {key, "from the field"}}), false, true);
    EXPECT_FALSE(items.add_direct(p, defaults, true)) << key;
    EXPECT_TRUE(items.empty()) << key;
    EXPECT_EQ(items.take_payload(), "{\"items\":[]}") << key;
    // That way the field's value wins over the SDK's (here the scope has no
    // user: a user's own attributes would be set after the fields).
    const sentry::log_entry e = make_log_entry(context_log({{key, "from the field"}}), defaults.attributes, true);
    EXPECT_EQ(e.attributes.at(key), sentry::value("from the field")) << key;
  }
  // Every name the SDK writes, read from what it sent for the fullest log,
  // is caught (a new attribute cannot be missed by the check).
  log_items full;
  pending_log all = varied_logs()[0]();
  ASSERT_TRUE(full.add_direct(all, defaults, true));
  const json sent = payload_of(std::move(full))["items"][0]["attributes"];
  ASSERT_GT(sent.size(), 10u);
  for (const auto& [key, unused] : sent.items()) {
    if (key == "request_id") continue;  // the log's own context field
    log_items items;
    pending_log p = context_log({{key, "from the field"}});
    EXPECT_FALSE(items.add_direct(p, defaults, true)) << key;
  }
  // Names that only look alike stay on the direct way.
  for (const char* key : {"http.route", "sentry", "os", "userid", "logger"}) {
    log_items items;
    pending_log p = context_log({{key, "v"}});
    EXPECT_TRUE(items.add_direct(p, defaults, false)) << key;
  }
}

TEST(log_serialize, texts_before_send_log_set_are_escaped) {
  sentry::log_entry e = make_log_entry(context_log({}), defaults.attributes, false);
  e.trace_id = "not \"hex\"\n";
  e.body = "a \"body\"";
  e.attributes["k\"ey"] = "v\"alue";
  log_items items;
  items.add(e);
  const json log = payload_of(std::move(items))["items"][0];
  EXPECT_EQ(log["trace_id"], "not \"hex\"\n");
  EXPECT_EQ(log["body"], "a \"body\"");
  EXPECT_EQ(log["attributes"]["k\"ey"]["value"], "v\"alue");
}

TEST(log_serialize, one_payload_holds_every_log_of_both_ways_and_the_envelope_counts_them) {
  log_items items;
  for (int i = 0; i < 3; ++i) {
    pending_log p = context_log({{"i", std::to_string(i)}});
    ASSERT_TRUE(items.add_direct(p, defaults, false));
  }
  items.add(make_log_entry(context_log({{"logger.name", "mine"}}), defaults.attributes, false));
  EXPECT_EQ(items.count(), 4u);
  const sentry::envelope env = make_log_envelope(std::move(items), "https://key@example.com/1");
  ASSERT_EQ(env.items.size(), 1u);
  EXPECT_EQ(env.items[0].type, "log");
  EXPECT_EQ(env.items[0].headers.at("item_count"), sentry::value(4));
  const json payload = json::parse(env.items[0].payload);
  ASSERT_EQ(payload["items"].size(), 4u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(payload["items"][i]["attributes"]["i"]["value"], std::to_string(i));
  }
  EXPECT_EQ(payload["items"][3]["attributes"]["logger.name"]["value"], "mine");
}

}  // namespace log_serialize_test
