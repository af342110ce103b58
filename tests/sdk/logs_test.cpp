// Structured logs through the public API: attributes, batching, the cap,
// before_send_log, flush and close.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <pthread.h>
#include <unistd.h>

#include "client/client.hpp"
#include "sdk_fixture.hpp"
#include "sentry/log_bridge.hpp"
#include "sentry/logs.hpp"
#include "sentry/scope.hpp"
#include "sentry/version.hpp"

namespace {

using namespace sentry_test;
using std::chrono::milliseconds;
using std::chrono::seconds;

class logs : public sdk_test {
 protected:
  sentry::options log_options() {
    auto o = base_options();
    o.enable_logs = true;
    o.release = "shop@1.0";
    o.environment = "test";
    return o;
  }
  std::vector<sentry::envelope> log_envelopes() {
    std::vector<sentry::envelope> out;
    for (auto& e : recording.envelopes())
      if (!e.items.empty() && e.items[0].type == "log") out.push_back(e);
    return out;
  }
};

const sentry::value& attr(const sentry::value& log, std::string_view key) {
  return at(at(log, "attributes"), key);
}

TEST_F(logs, off_by_default) {
  ASSERT_TRUE(start());
  sentry::logger::info("nobody sees {}", 1);
  EXPECT_TRUE(sentry::flush(seconds(5)));
  EXPECT_TRUE(recording.logs().empty());
}

TEST_F(logs, a_log_carries_typed_attributes_and_its_template) {
  ASSERT_TRUE(start(log_options()));
  sentry::logger::warn("cart {} has {} items worth {} (gift: {})", "c-7", 3, 19.5, true);
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto envs = log_envelopes();
  ASSERT_EQ(envs.size(), 1u);
  const auto& item = envs[0].items[0];
  EXPECT_EQ(*item.headers.at("item_count").as_int(), 1);
  EXPECT_EQ(*item.headers.at("content_type").as_string(), "application/vnd.sentry.items.log+json");

  auto all = recording.logs();
  ASSERT_EQ(all.size(), 1u);
  const auto& l = all[0];
  EXPECT_EQ(str(at(l, "level")), "warn");
  EXPECT_EQ(*at(l, "severity_number").as_int(), 13);
  EXPECT_EQ(str(at(l, "body")), "cart c-7 has 3 items worth 19.5 (gift: true)");
  EXPECT_EQ(str(at(l, "trace_id")).size(), 32u);
  EXPECT_NE(at(l, "timestamp").as_double(), nullptr);

  EXPECT_EQ(str(at(attr(l, "sentry.message.template"), "value")), "cart {} has {} items worth {} (gift: {})");
  EXPECT_EQ(str(at(attr(l, "sentry.message.parameter.0"), "type")), "string");
  EXPECT_EQ(*at(attr(l, "sentry.message.parameter.1"), "value").as_int(), 3);
  EXPECT_EQ(str(at(attr(l, "sentry.message.parameter.1"), "type")), "integer");
  EXPECT_EQ(*at(attr(l, "sentry.message.parameter.2"), "value").as_double(), 19.5);
  EXPECT_EQ(str(at(attr(l, "sentry.message.parameter.2"), "type")), "double");
  EXPECT_EQ(*at(attr(l, "sentry.message.parameter.3"), "value").as_bool(), true);
  EXPECT_EQ(str(at(attr(l, "sentry.message.parameter.3"), "type")), "boolean");
  EXPECT_EQ(str(at(attr(l, "sentry.environment"), "value")), "test");
  EXPECT_EQ(str(at(attr(l, "sentry.release"), "value")), "shop@1.0");
  EXPECT_EQ(str(at(attr(l, "sentry.sdk.name"), "value")), "sentry.cpp");
  EXPECT_FALSE(str(at(attr(l, "sentry.sdk.version"), "value")).empty());
  EXPECT_TRUE(attr(l, "sentry.origin").is_null());  // direct API calls have none
  EXPECT_EQ(str(at(attr(l, "thread.id"), "type")), "integer");
}

// A record through the log bridge: every listed context field becomes an
// attribute with its value, however many there are (the first few are held
// inline, the rest elsewhere), and unlisted ones do not.
TEST_F(logs, every_listed_context_field_of_a_record_is_an_attribute) {
  ASSERT_TRUE(start(log_options()));
  sentry::log_bridge_options bo;
  bo.origin = "auto.log.test";
  bo.minimum_breadcrumb_level = sentry::level::fatal;
  bo.context_tags = std::vector<std::string>{"k0", "k1", "k2", "k3", "k4", "k5", "k6"};
  sentry::log_bridge bridge(bo);
  std::vector<sentry::context_field> context;
  for (int i = 0; i < 7; ++i) {
    static const char* keys[] = {"k0", "k1", "k2", "k3", "k4", "k5", "k6"};
    static const char* values[] = {"v0", "v1", "v2", "v3", "v4", "v5", "v6"};
    context.push_back({keys[i], values[i]});
    if (i == 3) context.push_back({"unlisted", "x"});
  }
  sentry::log_record r;
  r.level = sentry::level::info;
  r.logger = "checkout";
  r.message = "cart loaded";
  r.context = context.data();
  r.context_size = context.size();
  bridge.handle(r);
  ASSERT_TRUE(sentry::flush(seconds(5)));

  auto all = recording.logs();
  ASSERT_EQ(all.size(), 1u);
  for (int i = 0; i < 7; ++i) {
    const std::string key = "k" + std::to_string(i);
    EXPECT_EQ(str(at(attr(all[0], key), "value")), "v" + std::to_string(i)) << key;
  }
  EXPECT_TRUE(attr(all[0], "unlisted").is_null());
  EXPECT_EQ(str(at(attr(all[0], "sentry.origin"), "value")), "auto.log.test");
  EXPECT_EQ(str(at(attr(all[0], "logger.name"), "value")), "checkout");
}

// A context key is listed only when every byte matches: keys of each length
// the comparison treats its own way (short, one word, two words, longer),
// beside keys of the same length that differ in one byte, first, middle or
// last.
TEST_F(logs, a_context_key_is_listed_only_when_every_byte_matches) {
  ASSERT_TRUE(start(log_options()));
  std::vector<std::string> tags;
  for (std::size_t n : {1, 3, 4, 7, 8, 15, 16, 17, 40}) {
    std::string key;
    for (std::size_t i = 0; i < n; ++i) key += static_cast<char>('a' + i % 26);
    tags.push_back(key);
  }
  std::vector<std::string> keys;  // near misses first, then the tag itself
  for (const auto& tag : tags) {
    for (std::size_t at : {std::size_t{0}, tag.size() / 2, tag.size() - 1}) {
      std::string miss = tag;
      miss[at] = 'Z';
      keys.push_back(miss);
    }
    keys.push_back(tag);
  }
  sentry::log_bridge_options bo;
  bo.minimum_breadcrumb_level = sentry::level::fatal;
  bo.context_tags = tags;
  sentry::log_bridge bridge(bo);
  std::vector<std::string> values;
  for (const auto& k : keys) values.push_back("value of " + k);
  std::vector<sentry::context_field> context;
  for (std::size_t i = 0; i < keys.size(); ++i) context.push_back({keys[i], values[i]});
  sentry::log_record r;
  r.level = sentry::level::info;
  r.message = "keys";
  r.context = context.data();
  r.context_size = context.size();
  bridge.handle(r);
  ASSERT_TRUE(sentry::flush(seconds(5)));

  auto all = recording.logs();
  ASSERT_EQ(all.size(), 1u);
  for (const auto& k : keys) {
    const bool is_tag = std::find(tags.begin(), tags.end(), k) != tags.end();
    if (is_tag) {
      EXPECT_EQ(str(at(attr(all[0], k), "value")), "value of " + k) << k;
    } else {
      EXPECT_TRUE(attr(all[0], k).is_null()) << k;
    }
  }
}

// Each thread keeps the scope data it last read for its logs: a change made
// by another thread in between is seen by its next log.
TEST_F(logs, a_log_sees_the_scope_as_another_thread_changed_it) {
  auto o = log_options();
  o.send_default_pii = true;
  ASSERT_TRUE(start(o));
  std::mutex m;
  std::condition_variable cv;
  int step = 0;
  std::thread logger([&] {
    sentry::logger::info("before");
    {
      std::unique_lock<std::mutex> lock(m);
      step = 1;
      cv.notify_all();
      cv.wait(lock, [&] { return step == 2; });
    }
    sentry::logger::info("after");
  });
  {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return step == 1; });
    sentry::user u;
    u.id = "set-in-between";
    sentry::set_user(u);
    step = 2;
    cv.notify_all();
  }
  logger.join();
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(attr(all[0], "user.id").is_null()) << all[0].to_json();
  EXPECT_EQ(str(at(attr(all[1], "user.id"), "value")), "set-in-between") << all[1].to_json();
}

// A context key given twice counts once, with its first value, and an empty
// key not at all (sentry/log_record.hpp): the log says what the record's
// event says.
TEST_F(logs, a_repeated_context_key_keeps_its_first_value_as_the_event_does) {
  ASSERT_TRUE(start(log_options()));
  sentry::log_bridge_options bo;
  bo.context_tags = std::vector<std::string>{"request_id", ""};
  sentry::log_bridge bridge(bo);
  const sentry::context_field fields[] = {{"request_id", "r-1"}, {"", "nameless"}, {"request_id", "r-2"}};
  sentry::log_record r;
  r.level = sentry::level::error;
  r.message = "payment failed";
  r.context = fields;
  r.context_size = 3;
  bridge.handle(r);
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  auto events = recording.events();
  ASSERT_EQ(all.size(), 1u);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(str(at(at(events[0], "tags"), "request_id")), "r-1");
  EXPECT_EQ(str(at(attr(all[0], "request_id"), "value")), "r-1");
  EXPECT_TRUE(attr(all[0], "").is_null()) << all[0].to_json();
}

// A log's texts are held inside it up to a few hundred bytes and its first
// parameters in fixed slots: a record past both keeps every text and every
// parameter's type.
TEST_F(logs, long_texts_and_many_parameters_arrive_whole_and_typed) {
  ASSERT_TRUE(start(log_options()));
  sentry::log_bridge_options bo;
  bo.origin = "auto.log.test";
  bo.minimum_breadcrumb_level = sentry::level::fatal;
  bo.context_tags = std::vector<std::string>{"request_id"};
  sentry::log_bridge bridge(bo);
  const std::string message(300, 'm');
  const std::string file = "/src/" + std::string(200, 'f') + ".cpp";
  const std::string function = "void checkout::" + std::string(150, 'x') + "()";
  const std::string long_param(100, 'p');
  const sentry::value params[] = {long_param,
                                  std::uint64_t(18446744073709551615u),
                                  sentry::value_array{1, "two"},
                                  -5,
                                  2.5,
                                  false,
                                  "sixth",
                                  nullptr};
  const sentry::context_field fields[] = {{"request_id", "r-42"}};
  sentry::log_record r;
  r.level = sentry::level::info;
  r.logger = "checkout";
  r.message = message;
  r.message_template = "{} {} {} {} {} {} {} {}";
  r.params = params;
  r.param_count = 8;
  r.file = file;
  r.line = 77;
  r.function = function;
  r.context = fields;
  r.context_size = 1;
  bridge.handle(r);

  // The API: more parameters than the fixed slots, strings among them.
  sentry::logger::info("{} {} {} {} {} {}", "a", 1, "b", 2.5, "c", true);
  ASSERT_TRUE(sentry::flush(seconds(5)));

  auto all = recording.logs();
  ASSERT_EQ(all.size(), 2u);
  const auto& l = all[0];
  EXPECT_EQ(str(at(l, "body")), message);
  EXPECT_EQ(str(at(attr(l, "code.file.path"), "value")), file);
  EXPECT_EQ(*at(attr(l, "code.line.number"), "value").as_int(), 77);
  EXPECT_EQ(str(at(attr(l, "code.function.name"), "value")), function);
  EXPECT_EQ(str(at(attr(l, "request_id"), "value")), "r-42");
  EXPECT_EQ(str(at(attr(l, "logger.name"), "value")), "checkout");
  EXPECT_EQ(str(at(attr(l, "sentry.origin"), "value")), "auto.log.test");
  EXPECT_EQ(str(at(attr(l, "sentry.message.template"), "value")), "{} {} {} {} {} {} {} {}");
  auto param = [&](int i) { return attr(l, "sentry.message.parameter." + std::to_string(i)); };
  EXPECT_EQ(str(at(param(0), "value")), long_param);
  EXPECT_EQ(str(at(param(0), "type")), "string");
  EXPECT_EQ(str(at(param(1), "value")), "18446744073709551615");  // past int64: as text
  EXPECT_EQ(str(at(param(2), "value")), "[1,\"two\"]");
  EXPECT_EQ(*at(param(3), "value").as_int(), -5);
  EXPECT_EQ(str(at(param(3), "type")), "integer");
  EXPECT_EQ(*at(param(4), "value").as_double(), 2.5);
  EXPECT_EQ(*at(param(5), "value").as_bool(), false);
  EXPECT_EQ(str(at(param(6), "value")), "sixth");
  EXPECT_TRUE(param(7).is_null());  // a null parameter has no attribute

  const auto& api = all[1];
  EXPECT_EQ(str(at(api, "body")), "a 1 b 2.5 c true");
  EXPECT_EQ(str(at(attr(api, "sentry.message.parameter.4"), "value")), "c");
  EXPECT_EQ(*at(attr(api, "sentry.message.parameter.5"), "value").as_bool(), true);
}

TEST_F(logs, the_trace_id_is_the_scopes_and_matches_events) {
  ASSERT_TRUE(start(log_options()));
  sentry::logger::info("one");
  sentry::capture_message("event");
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  auto events = recording.events();
  ASSERT_EQ(all.size(), 1u);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(str(at(all[0], "trace_id")), str(at(at(at(events[0], "contexts"), "trace"), "trace_id")));
}

TEST_F(logs, no_template_attribute_without_parameters) {
  ASSERT_TRUE(start(log_options()));
  sentry::logger::info("plain text {}");
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(str(at(all[0], "body")), "plain text {}");
  EXPECT_TRUE(attr(all[0], "sentry.message.template").is_null());
}

TEST_F(logs, a_full_batch_of_100_is_sent_without_flush) {
  ASSERT_TRUE(start(log_options()));
  for (int i = 0; i < 250; ++i) sentry::logger::info("log {}", i);
  ASSERT_TRUE(recording.wait_for(2, seconds(4)));  // two full batches, long before 5 s
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto envs = log_envelopes();
  ASSERT_EQ(envs.size(), 3u);
  EXPECT_EQ(*envs[0].items[0].headers.at("item_count").as_int(), 100);
  EXPECT_EQ(*envs[1].items[0].headers.at("item_count").as_int(), 100);
  EXPECT_EQ(*envs[2].items[0].headers.at("item_count").as_int(), 50);
  auto all = recording.logs();
  ASSERT_EQ(all.size(), 250u);
  for (int i = 0; i < 250; ++i) EXPECT_EQ(str(at(all[static_cast<std::size_t>(i)], "body")), "log " + std::to_string(i));
}

TEST_F(logs, a_partial_batch_is_sent_after_five_seconds) {
  ASSERT_TRUE(start(log_options()));
  sentry::logger::info("lonely");
  EXPECT_FALSE(recording.wait_for(1, seconds(3)));
  EXPECT_TRUE(recording.wait_for(1, seconds(5)));
  EXPECT_EQ(recording.logs().size(), 1u);
}

TEST_F(logs, the_first_log_of_a_batch_does_not_wake_the_worker) {
  ASSERT_TRUE(start(log_options()));  // no cache_path: no crash handling, no periodic wake-up
  sentry::detail::client* c = sentry::detail::current_client();
  ASSERT_NE(c, nullptr);
  std::this_thread::sleep_for(milliseconds(300));  // the worker is asleep by now
  const std::uint64_t before = c->worker_wake_ups();
  sentry::logger::info("first of a batch");
  EXPECT_EQ(c->worker_wake_ups(), before);  // it looks by the time the log is due anyway
  EXPECT_FALSE(recording.wait_for(1, seconds(3)));
  EXPECT_TRUE(recording.wait_for(1, seconds(5)));  // and then sends it, unflushed
}

TEST_F(logs, before_send_log_edits_and_drops) {
  auto o = log_options();
  o.before_send_log = [](sentry::log_entry& l) {
    if (l.body.find("secret") != std::string::npos) return false;
    l.attributes["reviewed"] = true;
    l.body += "!";
    return true;
  };
  ASSERT_TRUE(start(o));
  sentry::logger::info("public");
  sentry::logger::info("secret token");
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(str(at(all[0], "body")), "public!");
  EXPECT_EQ(*at(attr(all[0], "reviewed"), "value").as_bool(), true);
  EXPECT_EQ(sentry::discards()->peek(sentry::discard_reason::before_send, sentry::data_category::log_item), 1u);
  EXPECT_GT(sentry::discards()->peek(sentry::discard_reason::before_send, sentry::data_category::log_byte), 0u);
}

TEST_F(logs, close_sends_everything_waiting) {
  ASSERT_TRUE(start(log_options()));
  for (int i = 0; i < 7; ++i) sentry::logger::error("bye {}", i);
  sentry::close(seconds(5));
  EXPECT_EQ(recording.logs().size(), 7u);
}

TEST_F(logs, user_attributes_only_with_send_default_pii) {
  auto o = log_options();
  ASSERT_TRUE(start(o));
  sentry::set_user({"u-1", "ann", "ann@example.com", "", "", {}});
  sentry::logger::info("who");
  ASSERT_TRUE(sentry::flush(seconds(5)));
  ASSERT_EQ(recording.logs().size(), 1u);
  EXPECT_TRUE(attr(recording.logs()[0], "user.id").is_null());
  sentry::close();
  recording.clear();

  o = log_options();
  o.send_default_pii = true;
  ASSERT_TRUE(start(o));
  sentry::set_user({"u-1", "ann", "ann@example.com", "", "", {}});
  sentry::logger::info("who");
  ASSERT_TRUE(sentry::flush(seconds(5)));
  ASSERT_EQ(recording.logs().size(), 1u);
  EXPECT_EQ(str(at(attr(recording.logs()[0], "user.id"), "value")), "u-1");
  EXPECT_EQ(str(at(attr(recording.logs()[0], "user.name"), "value")), "ann");
  EXPECT_EQ(str(at(attr(recording.logs()[0], "user.email"), "value")), "ann@example.com");
}

// Every level of the API: the logs' own spelling and the lowest severity
// number of its OpenTelemetry range (PROTOCOL §12.2).
TEST_F(logs, every_level_of_the_api_has_its_name_and_severity_number) {
  ASSERT_TRUE(start(log_options()));
  sentry::logger::trace("t {}", 0);
  sentry::logger::debug("d {}", 1);
  sentry::logger::info("i {}", 2);
  sentry::logger::warn("w {}", 3);
  sentry::logger::error("e {}", 4);
  sentry::logger::fatal("f {}", 5);
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  ASSERT_EQ(all.size(), 6u);
  const char* levels[] = {"trace", "debug", "info", "warn", "error", "fatal"};
  const std::int64_t numbers[] = {1, 5, 9, 13, 17, 21};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(str(at(all[i], "level")), levels[i]);
    ASSERT_NE(at(all[i], "severity_number").as_int(), nullptr);
    EXPECT_EQ(*at(all[i], "severity_number").as_int(), numbers[i]) << levels[i];
  }
}

// A log of the API names the thread that logged it (id and name), as the
// logs of records do.
TEST_F(logs, a_log_of_the_api_names_its_thread) {
  ASSERT_TRUE(start(log_options()));
  std::int64_t thread_id = 0;
  std::thread worker([&thread_id] {
    pthread_setname_np(pthread_self(), "api-worker");
    thread_id = static_cast<std::int64_t>(::gettid());
    sentry::logger::info("from a worker");
  });
  worker.join();
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(str(at(attr(all[0], "thread.name"), "value")), "api-worker") << all[0].to_json();
  ASSERT_NE(at(attr(all[0], "thread.id"), "value").as_int(), nullptr);
  EXPECT_EQ(*at(attr(all[0], "thread.id"), "value").as_int(), thread_id);
}

// The attributes the SDK adds to every log, typed as strings.
TEST_F(logs, every_log_names_the_sdk_release_environment_and_server) {
  auto o = log_options();
  o.server_name = "web-7";
  ASSERT_TRUE(start(o));
  sentry::logger::info("hello");
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  ASSERT_EQ(all.size(), 1u);
  const std::pair<const char*, std::string> expected[] = {
      {"sentry.sdk.name", sentry::sdk_name},  {"sentry.sdk.version", sentry::sdk_version},
      {"sentry.release", "shop@1.0"},         {"sentry.environment", "test"},
      {"server.address", "web-7"}};
  for (const auto& [key, want] : expected) {
    EXPECT_EQ(str(at(attr(all[0], key), "value")), want) << key;
    EXPECT_EQ(str(at(attr(all[0], key), "type")), "string") << key;
  }
}

// A record's own timestamp, thread and source location reach the log as they
// were given (a sink that hands records to another thread names the one that
// logged), typed.
TEST_F(logs, a_record_keeps_its_timestamp_thread_and_source_location) {
  ASSERT_TRUE(start(log_options()));
  sentry::log_bridge_options bo;
  bo.origin = "auto.log.test";
  sentry::log_bridge bridge(bo);
  sentry::log_record r;
  r.level = sentry::level::info;
  r.logger = "checkout";
  r.message = "cart loaded";
  r.timestamp = std::chrono::system_clock::time_point(milliseconds(1746456149019));
  r.thread_id = 4242;
  r.thread_name = "pool-3";
  r.file = "src/cart.cpp";
  r.line = 12;
  r.function = "load_cart";
  bridge.handle(r);
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  ASSERT_EQ(all.size(), 1u);
  const auto& l = all[0];
  ASSERT_NE(at(l, "timestamp").as_double(), nullptr);
  EXPECT_NEAR(*at(l, "timestamp").as_double(), 1746456149.019, 1e-6);
  EXPECT_EQ(*at(attr(l, "thread.id"), "value").as_int(), 4242);
  EXPECT_EQ(str(at(attr(l, "thread.id"), "type")), "integer");
  EXPECT_EQ(str(at(attr(l, "thread.name"), "value")), "pool-3");
  EXPECT_EQ(str(at(attr(l, "code.file.path"), "value")), "src/cart.cpp");
  EXPECT_EQ(*at(attr(l, "code.line.number"), "value").as_int(), 12);
  EXPECT_EQ(str(at(attr(l, "code.line.number"), "type")), "integer");
  EXPECT_EQ(str(at(attr(l, "code.function.name"), "value")), "load_cart");
  EXPECT_EQ(str(at(attr(l, "logger.name"), "value")), "checkout");
  EXPECT_EQ(str(at(attr(l, "sentry.origin"), "value")), "auto.log.test");
}

// trace_id is the propagation context's of the scope the log was made in:
// a forked isolation scope starts a trace of its own, and its events and
// logs share it.
TEST_F(logs, the_trace_id_follows_the_isolation_scope) {
  ASSERT_TRUE(start(log_options()));
  sentry::logger::info("outside");
  sentry::capture_message("outside");
  {
    sentry::isolation_scope_guard request;
    sentry::logger::info("inside");
    sentry::capture_message("inside");
  }
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  auto events = recording.events();
  ASSERT_EQ(all.size(), 2u);
  ASSERT_EQ(events.size(), 2u);
  auto event_trace = [](const sentry::value& e) { return str(at(at(at(e, "contexts"), "trace"), "trace_id")); };
  EXPECT_EQ(str(at(all[0], "trace_id")), event_trace(events[0]));
  EXPECT_EQ(str(at(all[1], "trace_id")), event_trace(events[1]));
  EXPECT_NE(str(at(all[0], "trace_id")), str(at(all[1], "trace_id")));
  EXPECT_EQ(str(at(all[1], "trace_id")).find_first_not_of("0123456789abcdef"), std::string::npos);
}

// Never a template without a parameter attribute (PROTOCOL §12.3): null
// parameters have no attribute, so a template whose parameters are all null
// is not sent either; nor a record's template without parameters.
TEST_F(logs, no_template_attribute_when_no_parameter_has_one) {
  ASSERT_TRUE(start(log_options()));
  sentry::logger::info("nothing in {}", nullptr);
  sentry::log_bridge bridge;
  sentry::log_record r;
  r.level = sentry::level::info;
  r.message = "cart loaded";
  r.message_template = "cart loaded";
  bridge.handle(r);
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  ASSERT_EQ(all.size(), 2u);
  for (const auto& l : all) {
    EXPECT_TRUE(attr(l, "sentry.message.template").is_null()) << l.to_json();
    EXPECT_TRUE(attr(l, "sentry.message.parameter.0").is_null()) << l.to_json();
  }
}

// The bridge makes a record's log before its breadcrumb (and event): a
// before_breadcrumb hook that changes the scope comes too late for the log
// of its own record, and in time for the next record's.
TEST_F(logs, a_records_log_is_made_before_its_breadcrumb) {
  auto o = log_options();
  o.send_default_pii = true;
  o.before_breadcrumb = [](sentry::breadcrumb& b) {
    sentry::user u;
    u.id = "set-by-" + b.message;
    sentry::set_user(u);
    return true;
  };
  ASSERT_TRUE(start(o));
  sentry::log_bridge_options bo;
  bo.minimum_breadcrumb_level = sentry::level::info;
  bo.minimum_log_level = sentry::level::info;
  sentry::log_bridge bridge(bo);
  sentry::log_record r;
  r.level = sentry::level::info;
  r.message = "first";
  bridge.handle(r);
  r.message = "second";
  bridge.handle(r);
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(attr(all[0], "user.id").is_null()) << all[0].to_json();
  EXPECT_EQ(str(at(attr(all[1], "user.id"), "value")), "set-by-first");
}

// With debug on, each log sent is printed among the diagnostics as it was
// sent (after before_send_log), and a log it drops is not; debug off prints
// nothing.
TEST_F(logs, debug_prints_each_log_sent_with_its_level_and_body) {
  ASSERT_TRUE(start(log_options()));  // the fixture turns debug on
  sentry::logger::warn("cart {} is {}", "c-7", "stale");
  sentry::logger::info("two\nlines");
  sentry::log_bridge_options bo;
  bo.minimum_breadcrumb_level = sentry::level::fatal;
  sentry::log_bridge bridge(bo);
  sentry::log_record r;
  r.level = sentry::level::error;
  r.message = "payment declined";
  bridge.handle(r);
  ASSERT_TRUE(sentry::flush(seconds(5)));
  EXPECT_TRUE(diag.contains("log [warn] cart c-7 is stale"));
  EXPECT_TRUE(diag.contains("log [error] payment declined"));
  EXPECT_TRUE(diag.contains("log [info] two lines"));  // one line per log
  sentry::close(seconds(5));

  auto edited = log_options();
  edited.before_send_log = [](sentry::log_entry& l) {
    l.body += " (reviewed)";
    return l.body.find("secret") == std::string::npos;
  };
  ASSERT_TRUE(start(edited));
  sentry::logger::info("public {}", 1);
  sentry::logger::info("secret {}", 2);
  ASSERT_TRUE(sentry::flush(seconds(5)));
  EXPECT_TRUE(diag.contains("log [info] public 1 (reviewed)"));
  EXPECT_FALSE(diag.contains("secret"));
  sentry::close(seconds(5));

  diag.lines.clear();
  auto quiet = log_options();
  quiet.debug = false;
  ASSERT_TRUE(start(quiet));
  sentry::logger::info("unseen {}", 3);
  ASSERT_TRUE(sentry::flush(seconds(5)));
  EXPECT_EQ(recording.logs().size(), 5u);  // the four sent above and this one
  EXPECT_FALSE(diag.contains("unseen"));
}

// A before_send_log that throws drops the log (counted), never the SDK.
TEST_F(logs, a_throwing_before_send_log_drops_the_log_and_counts_it) {
  auto o = log_options();
  o.before_send_log = [](sentry::log_entry& l) -> bool {
    if (l.body == "boom") throw std::runtime_error("hook failed");
    return true;
  };
  ASSERT_TRUE(start(o));
  sentry::logger::info("boom");
  sentry::logger::info("fine");
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto all = recording.logs();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(str(at(all[0], "body")), "fine");
  EXPECT_EQ(sentry::discards()->peek(sentry::discard_reason::before_send, sentry::data_category::log_item), 1u);
  EXPECT_TRUE(diag.contains("before_send_log threw"));
}

// flush() sends a partial batch at once, as one envelope with its exact
// item_count, and close() what arrived after.
TEST_F(logs, flush_sends_a_partial_batch_and_close_the_rest) {
  ASSERT_TRUE(start(log_options()));
  for (int i = 0; i < 3; ++i) sentry::logger::info("before flush {}", i);
  ASSERT_TRUE(sentry::flush(seconds(5)));
  auto envs = log_envelopes();
  ASSERT_EQ(envs.size(), 1u);
  EXPECT_EQ(*envs[0].items[0].headers.at("item_count").as_int(), 3);
  sentry::logger::info("before close");
  sentry::close(seconds(5));
  envs = log_envelopes();
  ASSERT_EQ(envs.size(), 2u);
  EXPECT_EQ(*envs[1].items[0].headers.at("item_count").as_int(), 1);
  sentry::logger::info("after close");  // refused, nothing to send it
  EXPECT_EQ(recording.logs().size(), 4u);
}

// A transport that tells what it sent from what it was asked to keep (as a
// disk cache would) at close; with hold_first_send, its first send() waits
// until close() gives up on it (cancel()).
class split_transport : public sentry::transport {
 public:
  struct state {
    bool hold_first_send = false;
    std::atomic<bool> cancelled{false};
    std::mutex mutex;
    std::vector<std::string> sent_logs;  // bodies, in order
    std::vector<std::string> kept_logs;
  };
  explicit split_transport(std::shared_ptr<state> s) : s_(std::move(s)) {}
  void send(sentry::envelope&& env) noexcept override {
    if (s_->hold_first_send && first_) {
      for (int i = 0; i < 10000 && !s_->cancelled.load(); ++i) std::this_thread::sleep_for(milliseconds(1));
    }
    first_ = false;
    std::lock_guard<std::mutex> lock(s_->mutex);
    add_bodies(env, s_->sent_logs);
  }
  void cancel() noexcept override { s_->cancelled = true; }
  sentry::envelope keep(sentry::envelope&& env) noexcept override {
    std::lock_guard<std::mutex> lock(s_->mutex);
    add_bodies(env, s_->kept_logs);
    return {};
  }

 private:
  static void add_bodies(const sentry::envelope& env, std::vector<std::string>& out) {
    for (const auto& item : env.items) {
      if (item.type != "log") continue;
      auto payload = sentry::value::parse_json(item.payload);
      const auto* items = payload ? at(*payload, "items").as_array() : nullptr;
      if (!items) continue;
      EXPECT_EQ(*item.headers.at("item_count").as_int(), static_cast<std::int64_t>(items->size()));
      for (const auto& l : *items) out.push_back(str(at(l, "body")));
    }
  }
  std::shared_ptr<state> s_;
  bool first_ = true;
};

// Logs that close() has no time left to send are kept as before_send_log
// leaves them: a log it drops is not kept for a later run to send.
TEST_F(logs, logs_kept_at_close_went_through_before_send_log) {
  auto st = std::make_shared<split_transport::state>();
  st->hold_first_send = true;
  auto o = log_options();
  o.transport = [st](const sentry::transport_context&) { return std::make_unique<split_transport>(st); };
  o.before_send_log = [](sentry::log_entry& l) {
    if (l.body.find("secret") != std::string::npos) return false;
    l.body += "!";
    return true;
  };
  ASSERT_TRUE(start(o));
  sentry::capture_message("holds the worker");
  sentry::logger::info("public");
  sentry::logger::info("secret token");
  const sentry::discard_counter* discards = sentry::discards();  // clients outlive close()
  ASSERT_NE(discards, nullptr);
  sentry::close(milliseconds(100));
  ASSERT_TRUE(st->cancelled.load());

  std::lock_guard<std::mutex> lock(st->mutex);
  EXPECT_TRUE(st->sent_logs.empty());
  EXPECT_EQ(st->kept_logs, std::vector<std::string>{"public!"});
  EXPECT_EQ(discards->peek(sentry::discard_reason::before_send, sentry::data_category::log_item), 1u);
}

// close() with time left sends every log, also those a full queue refused
// when close() handed them on (they wait in the batch until the queue has
// room). The worker is held in before_send_log until close() has begun.
TEST_F(logs, close_sends_the_logs_a_full_queue_refused) {
  auto st = std::make_shared<split_transport::state>();
  std::atomic<bool> open{false};
  auto o = log_options();
  o.transport = [st](const sentry::transport_context&) { return std::make_unique<split_transport>(st); };
  o.max_queue_size = 1;
  o.before_send_log = [&open](sentry::log_entry&) {
    for (int i = 0; i < 10000 && !open.load(); ++i) std::this_thread::sleep_for(milliseconds(1));
    return true;
  };
  ASSERT_TRUE(start(o));
  for (int i = 0; i < 350; ++i) sentry::logger::info("log {}", i);
  std::thread closer([] { sentry::close(seconds(20)); });
  for (int i = 0; i < 10000 && sentry::is_initialized(); ++i) std::this_thread::sleep_for(milliseconds(1));
  open = true;
  closer.join();
  std::lock_guard<std::mutex> lock(st->mutex);
  EXPECT_TRUE(st->kept_logs.empty()) << st->kept_logs.size() << " kept instead of sent";
  ASSERT_EQ(st->sent_logs.size(), 350u);
  for (std::size_t i = 0; i < 350; ++i) EXPECT_EQ(st->sent_logs[i], "log " + std::to_string(i));
}

class held_transport : public sentry::transport {
 public:
  explicit held_transport(std::atomic<bool>* open, std::atomic<int>* logs) : open_(open), logs_(logs) {}
  void send(sentry::envelope&& env) noexcept override {
    while (!open_->load()) std::this_thread::sleep_for(milliseconds(1));
    for (auto& item : env.items)
      if (item.type == "log") *logs_ += static_cast<int>(*item.headers.at("item_count").as_int());
  }

 private:
  std::atomic<bool>* open_;
  std::atomic<int>* logs_;
};

TEST_F(logs, at_most_1000_wait_and_the_rest_are_counted) {
  std::atomic<bool> open{false};
  std::atomic<int> delivered{0};
  auto o = log_options();
  o.max_queue_size = 1;
  o.transport = [&](const sentry::transport_context&) {
    return std::make_unique<held_transport>(&open, &delivered);
  };
  ASSERT_TRUE(start(o));
  for (int i = 0; i < 1500; ++i) sentry::logger::info("burst {}", i);
  const auto* d = sentry::discards();
  const auto dropped = d->peek(sentry::discard_reason::queue_overflow, sentry::data_category::log_item);
  // 1000 wait in the batcher, one batch in the queue, at most one in the worker.
  EXPECT_GE(dropped, 300u);
  EXPECT_LE(dropped, 400u);
  EXPECT_GT(d->peek(sentry::discard_reason::queue_overflow, sentry::data_category::log_byte), dropped * 50);
  EXPECT_TRUE(diag.contains("structured logs dropped"));
  open = true;
  // Each flush hands the queue (one slot) what it can take.
  bool drained = false;
  for (int i = 0; i < 50 && !drained; ++i) drained = sentry::flush(seconds(5));
  EXPECT_TRUE(drained);
  EXPECT_EQ(delivered.load() + static_cast<int>(dropped), 1500);
}

}  // namespace
