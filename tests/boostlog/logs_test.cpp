// The Boost.Log sink and Sentry structured logs: records at or above
// minimum_log_level become logs (origin auto.log.boostlog) when the SDK's
// enable_logs is on, set in code or by the settings file's MinimumLogLevel.
#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <thread>

#include <pthread.h>

#include <boost/log/attributes/constant.hpp>
#include <boost/log/attributes/named_scope.hpp>
#include <boost/log/attributes/scoped_attribute.hpp>
#include <boost/log/sources/record_ostream.hpp>
#include <boost/log/sources/severity_channel_logger.hpp>
#include <boost/log/trivial.hpp>
#include <boost/log/utility/setup/from_stream.hpp>

#include "boostlog_fixture.hpp"
#include "sentry/boostlog/settings.hpp"
#include "sentry/boostlog/sink.hpp"

namespace {

namespace logging = boost::log;
using logging::trivial::severity_level;
using boostlog_test::find;
using boostlog_test::str;

class logs_test : public boostlog_test::boostlog_test {
 protected:
  std::vector<sentry::value> logs() {
    flush_logging();
    EXPECT_TRUE(sentry::flush(std::chrono::seconds(5)));
    return recording.logs();
  }
  static std::string attribute(const sentry::value& log, const char* key) {
    return str(log, {"attributes", key, "value"});
  }
  // The SDK with logs on and `tags` as its options::context_tags.
  void start_with_tags(std::vector<std::string> tags) {
    start_sdk([&](sentry::options& o) {
      o.enable_logs = true;
      o.context_tags = std::move(tags);
    });
  }
  // The context field `listed` is an attribute with `value`, `unlisted` none.
  static void expect_listed_only(const std::vector<sentry::value>& ls, const char* listed,
                                 const char* value, const char* unlisted) {
    for (const auto& l : ls) {
      EXPECT_EQ(attribute(l, listed), value) << l.to_json();
      EXPECT_EQ(find(l, {"attributes", unlisted}), nullptr) << l.to_json();
    }
  }
  logging::sources::severity_channel_logger_mt<severity_level, std::string> checkout{
      logging::keywords::channel = "checkout"};
};

TEST_F(logs_test, records_at_or_above_the_log_level_become_logs_with_their_attributes) {
  start_sdk([](sentry::options& o) { o.enable_logs = true; });
  sentry::boostlog::sink_options opts;
  opts.bridge.context_tags = std::vector<std::string>{"request_id"};
  sentry::boostlog::add_sink(opts);

  BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-42");
  BOOST_LOG_SEV(checkout, severity_level::debug) << "below the log level";
  BOOST_LOG_SEV(checkout, severity_level::info) << "cart loaded with " << 3 << " items";
  BOOST_LOG_SEV(checkout, severity_level::warning) << "inventory low for sku-17";
  BOOST_LOG_SEV(checkout, severity_level::error) << "payment failed for order " << 1234;

  auto ls = logs();
  ASSERT_EQ(ls.size(), 3u);
  EXPECT_EQ(str(ls[0], {"level"}), "info");
  EXPECT_EQ(str(ls[0], {"body"}), "cart loaded with 3 items");
  EXPECT_EQ(str(ls[1], {"level"}), "warn");
  EXPECT_EQ(str(ls[2], {"level"}), "error");
  EXPECT_EQ(str(ls[2], {"body"}), "payment failed for order 1234");
  for (const auto& l : ls) {
    EXPECT_EQ(attribute(l, "sentry.origin"), "auto.log.boostlog");
    EXPECT_EQ(attribute(l, "request_id"), "r-42") << l.to_json();
    EXPECT_EQ(attribute(l, "sentry.release"), "test-release");
    // Boost.Log's streams format as they go: no template, so no parameters.
    EXPECT_EQ(find(l, {"attributes", "sentry.message.template"}), nullptr);
  }
  EXPECT_EQ(events().size(), 1u);  // the error is still an event too
}

// A record logged on this thread names it (thread.id and thread.name), as
// the events of records do.
TEST_F(logs_test, a_log_names_the_thread_that_logged_it) {
  start_sdk([](sentry::options& o) { o.enable_logs = true; });
  sentry::boostlog::add_sink();
  std::thread worker([this] {
    pthread_setname_np(pthread_self(), "cart-worker");
    BOOST_LOG_SEV(checkout, severity_level::info) << "cart loaded";
  });
  worker.join();
  auto ls = logs();
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(attribute(ls[0], "thread.name"), "cart-worker") << ls[0].to_json();
  EXPECT_NE(find(ls[0], {"attributes", "thread.id", "value"}), nullptr);
}

// A log names its channel (logger.name), the named scope it was logged in
// (code.*), the logging thread's id, and the listed context attributes only.
TEST_F(logs_test, a_log_names_its_channel_call_site_thread_and_listed_attributes) {
  start_sdk([](sentry::options& o) { o.enable_logs = true; });
  sentry::boostlog::sink_options opts;
  opts.bridge.context_tags = std::vector<std::string>{"request_id"};
  sentry::boostlog::add_sink(opts);
  logging::core::get()->add_thread_attribute("Scope", logging::attributes::named_scope());
  int line = 0;
  {
    BOOST_LOG_NAMED_SCOPE("load_cart"); line = __LINE__;
    BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-42");
    BOOST_LOG_SCOPED_THREAD_TAG("session", "s-9");
    BOOST_LOG_SEV(checkout, severity_level::info) << "cart loaded";
  }
  auto ls = logs();
  ASSERT_EQ(ls.size(), 1u);
  const sentry::value& l = ls[0];
  EXPECT_EQ(attribute(l, "logger.name"), "checkout") << l.to_json();
  EXPECT_EQ(attribute(l, "code.function.name"), "load_cart");
  EXPECT_NE(attribute(l, "code.file.path").find("logs_test.cpp"), std::string::npos) << l.to_json();
  const sentry::value* line_value = find(l, {"attributes", "code.line.number", "value"});
  ASSERT_NE(line_value, nullptr);
  ASSERT_NE(line_value->as_int(), nullptr);
  EXPECT_EQ(*line_value->as_int(), line);
  const sentry::value* id = find(l, {"attributes", "thread.id", "value"});
  ASSERT_NE(id, nullptr);
  ASSERT_NE(id->as_int(), nullptr);
  EXPECT_EQ(static_cast<std::uint64_t>(*id->as_int()), sentry::log_bridge::calling_thread_id());
  EXPECT_EQ(attribute(l, "request_id"), "r-42");
  EXPECT_EQ(find(l, {"attributes", "session"}), nullptr) << l.to_json();
}

// A record that is a log, a breadcrumb and an event yields all three, and
// one that is a log and a breadcrumb both: its context fields listed in the
// client's context_tags are log attributes and event tags, the others stay
// out of the log and go into the breadcrumb's data and the event's context.
TEST_F(logs_test, a_record_that_is_also_a_breadcrumb_or_an_event_yields_each_with_its_tags) {
  start_with_tags({"request_id"});
  sentry::boostlog::add_sink();  // tags: the client's
  {
    BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-42");
    BOOST_LOG_SCOPED_THREAD_TAG("session", "s-9");
    BOOST_LOG_SEV(checkout, severity_level::info) << "cart loaded";
    BOOST_LOG_SEV(checkout, severity_level::error) << "payment failed";
  }
  auto ls = logs();
  ASSERT_EQ(ls.size(), 2u);
  expect_listed_only(ls, "request_id", "r-42", "session");
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"tags", "request_id"}), "r-42") << evs[0].to_json();
  EXPECT_EQ(str(evs[0], {"contexts", "log_context", "session"}), "s-9") << evs[0].to_json();
  auto crumbs = ::boostlog_test::list(evs[0], {"breadcrumbs", "values"});
  ASSERT_EQ(crumbs.size(), 1u);  // the info record; the error is not its own breadcrumb
  EXPECT_EQ(str(crumbs[0], {"message"}), "cart loaded");
  EXPECT_EQ(str(crumbs[0], {"data", "session"}), "s-9") << crumbs[0].to_json();
  EXPECT_EQ(find(crumbs[0], {"data", "request_id"}), nullptr) << crumbs[0].to_json();
}

// Tags follow the context_tags of the SDK started now: a new client's list
// counts from its first record on.
TEST_F(logs_test, a_new_clients_context_tags_count_for_the_next_records) {
  start_with_tags({"request_id"});
  sentry::boostlog::add_sink();
  BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-42");
  BOOST_LOG_SCOPED_THREAD_TAG("session", "s-9");
  BOOST_LOG_SEV(checkout, severity_level::info) << "first client, first record";
  BOOST_LOG_SEV(checkout, severity_level::info) << "first client, second record";
  auto first = logs();
  ASSERT_EQ(first.size(), 2u);
  sentry::close(std::chrono::seconds(5));
  recording.clear();
  start_with_tags({"session"});
  BOOST_LOG_SEV(checkout, severity_level::info) << "second client, first record";
  BOOST_LOG_SEV(checkout, severity_level::info) << "second client, second record";
  auto second = logs();
  ASSERT_EQ(second.size(), 2u);
  expect_listed_only(first, "request_id", "r-42", "session");
  expect_listed_only(second, "session", "s-9", "request_id");
}

// More context fields than the bridge remembers as listed in one pass (64):
// the fields after them are looked up again, and a listed one among them
// is still an attribute.
TEST_F(logs_test, a_tag_among_more_than_64_context_fields_is_an_attribute) {
  start_with_tags({"request_id"});
  sentry::boostlog::add_sink();
  auto core = logging::core::get();
  for (int i = 0; i < 70; ++i) {
    core->add_thread_attribute("field" + std::to_string(i),
                               logging::attributes::constant<int>(i));
  }
  BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-42");
  BOOST_LOG_SEV(checkout, severity_level::info) << "many fields";
  auto ls = logs();
  ASSERT_EQ(ls.size(), 1u);
  expect_listed_only(ls, "request_id", "r-42", "field3");
}

// Boost.Log's trivial levels as logs keep trace and say warn; as events and
// breadcrumbs they say debug and warning (PROTOCOL §12.4).
TEST_F(logs_test, every_trivial_level_maps_onto_a_log_and_a_breadcrumb_level) {
  start_sdk([](sentry::options& o) { o.enable_logs = true; });
  sentry::boostlog::sink_options opts;
  opts.bridge.minimum_breadcrumb_level = sentry::level::trace;
  opts.bridge.minimum_log_level = sentry::level::trace;
  sentry::boostlog::add_sink(opts);

  BOOST_LOG_SEV(checkout, severity_level::trace) << "trace";
  BOOST_LOG_SEV(checkout, severity_level::debug) << "debug";
  BOOST_LOG_SEV(checkout, severity_level::info) << "info";
  BOOST_LOG_SEV(checkout, severity_level::warning) << "warning";
  BOOST_LOG_SEV(checkout, severity_level::error) << "error";
  BOOST_LOG_SEV(checkout, severity_level::fatal) << "fatal";

  auto ls = logs();
  ASSERT_EQ(ls.size(), 6u);
  const char* bodies[] = {"trace", "debug", "info", "warning", "error", "fatal"};
  const char* log_levels[] = {"trace", "debug", "info", "warn", "error", "fatal"};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(str(ls[i], {"body"}), bodies[i]);
    EXPECT_EQ(str(ls[i], {"level"}), log_levels[i]);
  }
  auto evs = events();
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(str(evs[0], {"level"}), "error");
  EXPECT_EQ(str(evs[1], {"level"}), "fatal");
  auto crumbs = ::boostlog_test::list(evs[1], {"breadcrumbs", "values"});
  ASSERT_EQ(crumbs.size(), 5u);  // all but the fatal record itself
  const char* crumb_levels[] = {"debug", "debug", "info", "warning", "error"};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(str(crumbs[i], {"message"}), bodies[i]);
    EXPECT_EQ(str(crumbs[i], {"level"}), crumb_levels[i]);
  }
}

TEST_F(logs_test, no_logs_unless_the_sdk_enables_them) {
  start_sdk();
  sentry::boostlog::add_sink();
  BOOST_LOG_SEV(checkout, severity_level::warning) << "a breadcrumb, not a log";
  BOOST_LOG_SEV(checkout, severity_level::error) << "an event, not a log";
  EXPECT_TRUE(logs().empty());
  EXPECT_EQ(events().size(), 1u);
}

TEST_F(logs_test, minimum_log_level_from_the_settings_file) {
  start_sdk([](sentry::options& o) { o.enable_logs = true; });
  sentry::boostlog::register_sink_factory();
  std::istringstream settings("[Sinks.Sentry]\nDestination=Sentry\nMinimumLogLevel=warning\n");
  logging::init_from_stream(settings);

  BOOST_LOG_SEV(checkout, severity_level::info) << "a breadcrumb, not a log";
  BOOST_LOG_SEV(checkout, severity_level::warning) << "a log";

  auto ls = logs();
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(str(ls[0], {"body"}), "a log");
  EXPECT_EQ(attribute(ls[0], "sentry.origin"), "auto.log.boostlog");
}

TEST_F(logs_test, a_bad_minimum_log_level_names_the_key) {
  sentry::boostlog::register_sink_factory();
  std::istringstream settings("[Sinks.Sentry]\nDestination=Sentry\nMinimumLogLevel=loud\n");
  std::string error;
  try {
    logging::init_from_stream(settings);
  } catch (const logging::invalid_value& e) {
    error = e.what();
  }
  EXPECT_NE(error.find("MinimumLogLevel"), std::string::npos) << error;
}

}  // namespace
