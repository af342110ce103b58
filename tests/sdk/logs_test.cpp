// Structured logs through the public API: attributes, batching, the cap,
// before_send_log, flush and close.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "sdk_fixture.hpp"
#include "sentry/log_bridge.hpp"
#include "sentry/logs.hpp"

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
