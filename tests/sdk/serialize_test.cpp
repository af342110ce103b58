#include "model/serialize.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "rich_event.hpp"

namespace {

using nlohmann::json;
using sentry::detail::make_event_envelope;
using sentry::detail::max_event_bytes;
using sentry::detail::serialize_event;

// Parses with nlohmann (an independent reader); fails the test on invalid JSON.
json parse(const std::string& text) {
  EXPECT_TRUE(json::accept(text)) << text.substr(0, 300);
  return json::parse(text, nullptr, false);
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

const std::string fffd = "\xef\xbf\xbd";

TEST(serialize, every_field_reaches_its_wire_name) {
  const sentry::event e = sentry_test::rich_event();
  const json j = parse(serialize_event(e));

  EXPECT_EQ(j["event_id"], e.event_id.to_string());
  EXPECT_EQ(j["timestamp"], "2024-01-02T03:04:05.678901Z");
  EXPECT_EQ(j["platform"], "native");
  EXPECT_EQ(j["level"], "warning");
  EXPECT_EQ(j["logger"], "payments");
  EXPECT_EQ(j["transaction"], "POST /checkout");
  EXPECT_EQ(j["release"], "checkout@1.2.3");
  EXPECT_EQ(j["environment"], "staging");
  EXPECT_EQ(j["dist"], "x86_64");
  EXPECT_EQ(j["server_name"], "web-1");
  EXPECT_EQ(j["logentry"],
            (json{{"message", "payment failed for order {}"}, {"params", {"42"}},
                  {"formatted", "payment failed for order 42"}}));
  EXPECT_FALSE(j.contains("message"));

  const json& values = j["exception"]["values"];
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0]["type"], "std::system_error");  // oldest (innermost) first
  EXPECT_EQ(values[0]["module"], "libpq");
  EXPECT_EQ(values[0]["mechanism"],
            (json{{"type", "chained"}, {"handled", true}, {"exception_id", 1}, {"parent_id", 0},
                  {"source", "std::nested_exception"}}));
  EXPECT_FALSE(values[0].contains("stacktrace"));
  EXPECT_EQ(values[1]["type"], "std::runtime_error");
  EXPECT_EQ(values[1]["value"], "payment declined");
  EXPECT_EQ(values[1]["thread_id"], 77);
  const json& mech = values[1]["mechanism"];
  EXPECT_EQ(mech["type"], "auto.log.spdlog");
  EXPECT_EQ(mech["handled"], false);
  EXPECT_EQ(mech["synthetic"], true);
  EXPECT_EQ(mech["description"], "logged");
  EXPECT_EQ(mech["data"], (json{{"relevant", true}}));
  EXPECT_EQ(mech["meta"]["signal"], (json{{"number", 11}, {"name", "SIGSEGV"}}));
  const json& st = values[1]["stacktrace"];
  EXPECT_EQ(st["instruction_addr_adjustment"], "all_but_first");
  ASSERT_EQ(st["frames"].size(), 2u);
  EXPECT_EQ(st["frames"][0]["function"], "main");  // oldest first, as given
  const json& f = st["frames"][1];
  EXPECT_EQ(f["instruction_addr"], "0x402abc");
  EXPECT_EQ(f["symbol_addr"], "0x402aac");
  EXPECT_EQ(f["image_addr"], "0x400000");
  EXPECT_EQ(f["function"], "charge");
  EXPECT_EQ(f["package"], "/usr/bin/checkout");
  EXPECT_EQ(f["filename"], "src/payment.cpp");
  EXPECT_EQ(f["abs_path"], "/home/build/src/payment.cpp");
  EXPECT_EQ(f["lineno"], 42);
  EXPECT_EQ(f["colno"], 7);
  EXPECT_EQ(f["in_app"], true);
  EXPECT_EQ(f["pre_context"], (json{"  // before", "  auto total = cart.total();"}));
  EXPECT_EQ(f["context_line"], "  charge(total);");
  EXPECT_EQ(f["post_context"], (json{"  return ok;", "}"}));

  const json& threads = j["threads"]["values"];
  ASSERT_EQ(threads.size(), 2u);
  EXPECT_EQ(threads[0], (json{{"id", 77}, {"name", "worker"}, {"crashed", true}, {"current", true}}));
  EXPECT_EQ(threads[1]["main"], true);
  EXPECT_EQ(threads[1]["stacktrace"]["frames"][0]["lineno"], 12);

  const json& crumbs = j["breadcrumbs"]["values"];
  ASSERT_EQ(crumbs.size(), 2u);
  EXPECT_EQ(crumbs[0], (json{{"timestamp", "2024-01-02T03:04:03.678901Z"},
                             {"type", "default"},
                             {"category", "db"},
                             {"message", "SELECT 1"},
                             {"level", "debug"},
                             {"data", {{"rows", 1}}}}));
  EXPECT_EQ(crumbs[1]["type"], "http");
  EXPECT_EQ(crumbs[1]["level"], "warning");

  EXPECT_EQ(j["contexts"]["app"], (json{{"app_name", "checkout"}, {"app_version", "1.2.3"}}));
  EXPECT_EQ(j["contexts"]["os"]["name"], "Linux");
  EXPECT_EQ(j["user"], (json{{"id", "u-1"},
                             {"username", "ada"},
                             {"email", "ada@example.com"},
                             {"ip_address", "{{auto}}"},
                             {"name", "Ada"},
                             {"data", {{"plan", "pro"}}}}));
  EXPECT_EQ(j["tags"], (json{{"order", "42"}, {"region", "eu-west-1"}}));
  EXPECT_EQ(j["extra"], (json{{"cart_size", 3}, {"ratio", 0.5}, {"nested", {{"a", {1, "b"}}}}}));
  EXPECT_EQ(j["fingerprint"], (json{"{{ default }}", "payments"}));
  EXPECT_EQ(j["modules"], (json{{"libcurl", "7.88.1"}, {"spdlog", "1.10.0"}}));
  EXPECT_EQ(j["debug_meta"]["images"][0],
            (json{{"type", "elf"},
                  {"code_id", "f1c3bcc0279865fe3058404b2831d9e64135386c"},
                  {"debug_id", "c0bcc3f1-9827-fe65-3058-404b2831d9e6"},
                  {"code_file", "/usr/bin/checkout"},
                  {"image_addr", "0x400000"},
                  {"image_size", 65536}}));
  EXPECT_EQ(j["sdk"], (json{{"name", "sentry.cpp"}, {"version", "0.1.0"}}));
}

TEST(serialize, empty_fields_are_omitted) {
  sentry::event e;
  e.event_id = sentry::uuid::generate();
  e.level = sentry::level::trace;
  e.message = sentry::logentry{};
  e.exceptions.emplace_back();
  e.exceptions[0].value = "only a value";
  e.exceptions[0].stacktrace = sentry::stacktrace{};  // no frames
  const json j = parse(serialize_event(e));
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"event_id", "exception", "level", "platform", "sdk", "timestamp"}));
  EXPECT_EQ(j["level"], "debug");  // trace is not an event level
  EXPECT_EQ(j["exception"]["values"][0],
            (json{{"value", "only a value"}, {"mechanism", {{"type", "generic"}}}}));
}

TEST(serialize, a_nil_event_id_is_left_out_of_the_payload_but_not_the_envelope) {
  sentry::event e;
  EXPECT_FALSE(parse(serialize_event(e)).contains("event_id"));
  const sentry::envelope env = make_event_envelope(e, "");
  const std::string id = env.event_id();
  ASSERT_EQ(id.size(), 32u);
  EXPECT_EQ(parse(env.items.at(0).payload)["event_id"], id);
}

TEST(serialize, envelope_carries_event_id_sdk_and_dsn) {
  const sentry::event e = sentry_test::rich_event();
  const sentry::envelope env = make_event_envelope(e, "https://k@o1.ingest.sentry.io/42");
  const std::string wire = env.serialize("2024-01-01T00:00:00.000Z");
  const auto back = sentry::envelope::parse(wire);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->event_id(), e.event_id.to_string());
  EXPECT_EQ(back->headers.at("dsn"), sentry::value("https://k@o1.ingest.sentry.io/42"));
  EXPECT_EQ(back->headers.at("sdk").to_json(), "{\"name\":\"sentry.cpp\",\"version\":\"0.1.0\"}");
  ASSERT_EQ(back->items.size(), 1u);
  EXPECT_EQ(back->items[0].type, "event");
  EXPECT_EQ(back->items[0].category(), sentry::data_category::error);
  EXPECT_EQ(back->items[0].payload, serialize_event(e));
  EXPECT_FALSE(make_event_envelope(e, "").headers.count("dsn"));
}

TEST(serialize, message_texts_are_cut_at_8192_characters_on_a_code_point_boundary) {
  sentry::event e;
  std::string euros;
  for (int i = 0; i < 9000; ++i) euros += "\xe2\x82\xac";
  e.message = sentry::logentry{euros, {euros}, "x" + euros};
  const json j = parse(serialize_event(e));
  const std::string message = j["logentry"]["message"];
  const std::string formatted = j["logentry"]["formatted"];
  EXPECT_EQ(code_points(message), 8192u);
  EXPECT_EQ(message.size(), 8192u * 3);
  EXPECT_EQ(code_points(formatted), 8192u);
  EXPECT_EQ(formatted.substr(0, 4), "x\xe2\x82\xac");
  EXPECT_EQ(code_points(j["logentry"]["params"][0].get<std::string>()), 8192u);
}

TEST(serialize, short_fields_are_cut_to_relays_limits) {
  sentry::event e;
  e.logger = "app\r\nlogger" + std::string(100, 'l');
  e.environment = std::string(100, 'e');
  e.release = std::string(300, 'r');
  e.transaction = std::string(300, 't');
  const json j = parse(serialize_event(e));
  const std::string logger = j["logger"];
  EXPECT_EQ(logger.size(), 64u);
  EXPECT_EQ(logger.substr(0, 13), "app  logger" "ll");
  EXPECT_EQ(logger.find_first_of("\r\n"), std::string::npos);
  EXPECT_EQ(j["environment"].get<std::string>().size(), 64u);
  EXPECT_EQ(j["release"].get<std::string>().size(), 200u);
  EXPECT_EQ(j["transaction"].get<std::string>().size(), 200u);
}

TEST(serialize, tag_keys_and_values_follow_relays_rules) {
  sentry::event e;
  e.tags = {{"user id", "a\nb\r\nc"},
            {"path/with*bad!chars", "v"},
            {"ok_key.1:x-y", std::string(300, 'v')},
            {std::string(300, 'k'), "long key"},
            {"\xc3\xa9\xe2\x82\xac", "all dropped"},
            {"", "empty"},
            {"user-id", "second spelling of user id"},
            {"bad\xff", "invalid utf-8 \xff value"}};
  const json j = parse(serialize_event(e));
  const json& tags = j["tags"];
  EXPECT_EQ(tags["user-id"], "a b  c");  // "user id" sorts first and wins the key
  EXPECT_EQ(tags["pathwithbadchars"], "v");
  EXPECT_EQ(tags["ok_key.1:x-y"].get<std::string>(), std::string(200, 'v'));
  EXPECT_EQ(tags[std::string(200, 'k')], "long key");
  EXPECT_EQ(tags["bad"], "invalid utf-8 " + fffd + " value");
  EXPECT_EQ(tags.size(), 5u);
  for (const auto& item : tags.items()) {
    EXPECT_EQ(item.key().find_first_not_of(
                  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-"),
              std::string::npos);
  }
}

TEST(serialize, invalid_utf8_anywhere_is_replaced_never_thrown) {
  const std::string bad = "x\xff\xc3(\xed\xa0\x80";
  sentry::event e;
  e.logger = bad;
  e.transaction = bad;
  e.release = bad;
  e.environment = bad;
  e.dist = bad;
  e.server_name = bad;
  e.message = sentry::logentry{bad, {bad}, bad};
  e.exceptions.emplace_back();
  e.exceptions[0].type = bad;
  e.exceptions[0].value = bad;
  e.exceptions[0].mechanism.type = bad;
  e.exceptions[0].stacktrace = sentry::stacktrace{{sentry_test::make_frame(1, "f", 1)}, bad};
  e.exceptions[0].stacktrace->frames[0].function = bad;
  e.exceptions[0].stacktrace->frames[0].pre_context = {bad};
  e.tags = {{bad, bad}};
  e.extra = {{bad, bad}};
  e.contexts[bad] = {{bad, sentry::value_array{bad}}};
  e.user.id = bad;
  e.user.data = {{bad, bad}};
  e.fingerprint = {bad};
  e.modules = {{bad, bad}};
  sentry::breadcrumb b;
  b.message = bad;
  b.category = bad;
  b.data = {{bad, bad}};
  e.breadcrumbs = {b};
  const std::string out = serialize_event(e);
  const json j = parse(out);
  EXPECT_EQ(j["logger"], "x" + fffd + fffd + "(" + fffd + fffd + fffd);
  EXPECT_EQ(j["exception"]["values"][0]["stacktrace"]["frames"][0]["function"],
            "x" + fffd + fffd + "(" + fffd + fffd + fffd);
  EXPECT_EQ(j["tags"]["x"], "x" + fffd + fffd + "(" + fffd + fffd + fffd);
  EXPECT_TRUE(j["contexts"].contains("x" + fffd + fffd + "(" + fffd + fffd + fffd));
}

TEST(serialize, a_10_mb_message_and_10000_tags_give_a_valid_event_under_1_mib) {
  sentry::event e;
  e.message = sentry::logentry{};
  e.message->formatted = std::string(10u << 20, 'm');
  for (int i = 0; i < 10000; ++i) e.tags["tag" + std::to_string(i)] = "value " + std::to_string(i);
  const std::string out = serialize_event(e);
  EXPECT_LE(out.size(), max_event_bytes);
  const json j = parse(out);
  EXPECT_EQ(j["logentry"]["formatted"].get<std::string>().size(), 8192u);
  EXPECT_EQ(j["tags"].size(), 10000u);
  EXPECT_EQ(j["tags"]["tag9999"], "value 9999");
}

// ---- trimming events over 1 MiB ---------------------------------------------

sentry::breadcrumb crumb(int i, std::size_t size) {
  sentry::breadcrumb b;
  b.message = "crumb " + std::to_string(i) + " " + std::string(size, 'b');
  return b;
}

TEST(serialize, oversized_events_lose_their_oldest_breadcrumbs_first) {
  sentry::event e = sentry_test::rich_event();
  e.breadcrumbs.clear();
  for (int i = 0; i < 300; ++i) e.breadcrumbs.push_back(crumb(i, 8000));  // ~2.4 MB
  const std::string out = serialize_event(e);
  EXPECT_LE(out.size(), max_event_bytes);
  EXPECT_GT(out.size(), max_event_bytes - 9000);  // dropped only what was needed
  const json j = parse(out);
  const json& crumbs = j["breadcrumbs"]["values"];
  ASSERT_GT(crumbs.size(), 100u);
  ASSERT_LT(crumbs.size(), 300u);
  EXPECT_EQ(crumbs.back()["message"].get<std::string>().rfind("crumb 299 ", 0), 0u);
  const std::string first_kept = "crumb " + std::to_string(300 - crumbs.size()) + " ";
  EXPECT_EQ(crumbs.front()["message"].get<std::string>().rfind(first_kept, 0), 0u);
  // Nothing else was touched.
  EXPECT_EQ(j["extra"].size(), 3u);
  EXPECT_TRUE(j["exception"]["values"][1]["stacktrace"]["frames"][1].contains("pre_context"));
  EXPECT_EQ(j["logentry"]["formatted"], "payment failed for order 42");
}

TEST(serialize, then_extra_largest_first) {
  sentry::event e = sentry_test::rich_event();
  e.breadcrumbs = {crumb(0, 100000)};
  e.extra["huge"] = std::string(700000, 'x');
  e.extra["big"] = std::string(200000, 'y');
  e.contexts["blob"] = {{"data", std::string(200000, 'z')}};
  const std::string out = serialize_event(e);
  EXPECT_LE(out.size(), max_event_bytes);
  const json j = parse(out);
  EXPECT_FALSE(j.contains("breadcrumbs"));
  EXPECT_FALSE(j["extra"].contains("huge"));
  EXPECT_TRUE(j["extra"].contains("big"));  // enough was dropped already
  EXPECT_EQ(j["extra"]["cart_size"], 3);
  EXPECT_TRUE(j["contexts"].contains("blob"));
}

TEST(serialize, then_contexts_largest_first) {
  sentry::event e = sentry_test::rich_event();
  e.breadcrumbs = {crumb(0, 100000)};
  e.extra["big"] = std::string(200000, 'y');
  e.contexts["blob"] = {{"data", std::string(1100000, 'z')}};
  const std::string out = serialize_event(e);
  EXPECT_LE(out.size(), max_event_bytes);
  const json j = parse(out);
  EXPECT_FALSE(j.contains("breadcrumbs"));
  EXPECT_FALSE(j.contains("extra"));
  EXPECT_FALSE(j["contexts"].contains("blob"));
  EXPECT_TRUE(j["contexts"].contains("app"));
  EXPECT_EQ(j["logentry"]["formatted"], "payment failed for order 42");
  EXPECT_TRUE(j["exception"]["values"][1]["stacktrace"]["frames"][1].contains("pre_context"));
}

TEST(serialize, then_the_source_context_of_frames) {
  sentry::event e = sentry_test::rich_event();
  auto& frames = e.exceptions[1].stacktrace->frames;
  for (int i = 0; i < 200; ++i) {
    sentry::frame f = sentry_test::make_frame(0x401000 + i, "deep", 1);
    f.pre_context.assign(5, std::string(1000, 'p'));
    f.post_context.assign(5, std::string(1000, 'q'));
    frames.push_back(f);
  }
  const std::string out = serialize_event(e);
  EXPECT_LE(out.size(), max_event_bytes);
  const json j = parse(out);
  const json& kept = j["exception"]["values"][1]["stacktrace"]["frames"];
  EXPECT_EQ(kept.size(), 202u);  // every frame stays, only its source lines go
  EXPECT_FALSE(kept[0].contains("pre_context"));
  EXPECT_FALSE(kept[0].contains("context_line"));
  EXPECT_EQ(kept[0]["instruction_addr"], "0x401000");
  EXPECT_EQ(j["logentry"]["formatted"], "payment failed for order 42");
}

TEST(serialize, then_the_message_and_always_something_valid_under_the_limit) {
  sentry::event e = sentry_test::rich_event();
  // Long params and a long message; the other space taken by what is never trimmed
  // before the message (tags).
  e.message->params.assign(200, std::string(8000, 'p'));
  for (int i = 0; i < 2000; ++i) e.tags["t" + std::to_string(i)] = std::string(199, 'v');
  const std::string out = serialize_event(e);
  EXPECT_LE(out.size(), max_event_bytes);
  const json j = parse(out);
  EXPECT_FALSE(j["logentry"].contains("params"));
  EXPECT_EQ(j["logentry"]["formatted"], "payment failed for order 42");
  EXPECT_EQ(j["tags"].size(), 2002u);
}

TEST(serialize, pathological_events_still_fit_by_dropping_whole_sections) {
  sentry::event e = sentry_test::rich_event();
  for (int i = 0; i < 20000; ++i) e.tags["t" + std::to_string(i)] = std::string(199, 'v');
  for (int i = 0; i < 5000; ++i) e.modules["m" + std::to_string(i)] = std::string(300, '1');
  e.fingerprint.assign(3000, std::string(500, 'f'));
  const std::string out = serialize_event(e);
  EXPECT_LE(out.size(), max_event_bytes);
  const json j = parse(out);
  EXPECT_EQ(j["event_id"], e.event_id.to_string());
  EXPECT_EQ(j["level"], "warning");
  EXPECT_FALSE(j.contains("tags"));
  EXPECT_FALSE(j.contains("modules"));
}

}  // namespace
