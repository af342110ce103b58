// The Sentry sink on real synchronous spdlog loggers: what reaches Sentry.
#include <gtest/gtest.h>

#include <stdexcept>

#include "spdlog_test_support.hpp"

namespace {

using namespace sentry_test;
using sentry::value;

template <typename Sink>
class sink_test : public sdk_test {
 protected:
  std::shared_ptr<Sink> sentry_sink;
  std::ostringstream text;
  std::shared_ptr<spdlog::logger> logger;

  void make_logger(sentry::spdlog::sink_options opts = {}) {
    sentry_sink = std::make_shared<Sink>(std::move(opts));
    auto console = std::make_shared<spdlog::sinks::ostream_sink_mt>(text);
    console->set_pattern("%l %v");
    // An existing logger with a sink of its own; the Sentry sink is added.
    logger = std::make_shared<spdlog::logger>("checkout", console);
    logger->set_level(spdlog::level::trace);
    logger->sinks().push_back(sentry_sink);
  }
  void SetUp() override {
    sentry::context_store::clear();
    sentry::options o = base_options();
    o.context_tags = {"request_id", "tenant"};
    ASSERT_TRUE(start(std::move(o)));
    make_logger();
  }
  void TearDown() override {
    sentry::context_store::clear();
    sdk_test::TearDown();
  }
};

using sink_types = ::testing::Types<sentry::spdlog::sink_mt, sentry::spdlog::sink_st>;
TYPED_TEST_SUITE(sink_test, sink_types);

TYPED_TEST(sink_test, the_example_scenario) {
  play_scenario(*this->logger);
  auto events = this->flushed_events();
  ASSERT_EQ(events.size(), 1u);
  const value& e = events[0];
  expect_scenario_event(e);
  const value& crumbs = at(at(e, "breadcrumbs"), "values");
  EXPECT_EQ(str(at(at(at(crumbs, 0), "data"), "session")), "s-9");
  EXPECT_TRUE(at(at(at(crumbs, 0), "data"), "request_id").is_null());
  // The logger's other sink saw the same records.
  EXPECT_NE(this->text.str().find("info cart loaded with 3 items"), std::string::npos);
  EXPECT_NE(this->text.str().find("error payment failed for order 1234"), std::string::npos);
}

TYPED_TEST(sink_test, thresholds_and_the_error_as_a_later_breadcrumb) {
  this->logger->trace("t");
  this->logger->debug("d");
  this->logger->info("i");
  this->logger->error("first error");
  this->logger->critical("second");
  auto events = this->flushed_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(crumb_messages(events[0]), (std::vector<std::string>{"i"}));
  EXPECT_EQ(str(at(events[1], "level")), "fatal");
  // The first error is a breadcrumb of the events that follow it.
  EXPECT_EQ(crumb_messages(events[1]), (std::vector<std::string>{"i", "first error"}));
}

TYPED_TEST(sink_test, custom_thresholds_and_both_level_spellings) {
  sentry::spdlog::sink_options opts;
  opts.minimum_event_level = sentry::level::warning;
  opts.minimum_breadcrumb_level = sentry::level::trace;
  this->make_logger(opts);
  EXPECT_EQ(this->sentry_sink->level(), spdlog::level::trace);
  this->logger->trace("a trace");
  this->logger->warn("a warning");
  auto events = this->flushed_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(str(at(events[0], "level")), "warning");
  const value& crumb = at(at(at(events[0], "breadcrumbs"), "values"), 0);
  EXPECT_EQ(str(at(crumb, "message")), "a trace");
  EXPECT_EQ(str(at(crumb, "level")), "debug");  // events and breadcrumbs know no trace
}

TYPED_TEST(sink_test, sink_level_filters_below_every_threshold) {
  EXPECT_EQ(this->sentry_sink->level(), spdlog::level::info);
  EXPECT_FALSE(this->sentry_sink->should_log(spdlog::level::debug));
}

TYPED_TEST(sink_test, sink_context_tags_override_the_sdk_option) {
  sentry::spdlog::sink_options opts;
  opts.context_tags = std::vector<std::string>{"session"};
  opts.context_name = "MDC";
  this->make_logger(opts);
  sentry::scoped_context a("request_id", "r-1");
  sentry::scoped_context b("session", "s-1");
  sentry::scoped_context empty_key("", "ignored");
  this->logger->error("boom");
  auto events = this->flushed_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(str(at(at(events[0], "tags"), "session")), "s-1");
  EXPECT_TRUE(at(at(events[0], "tags"), "request_id").is_null());
  EXPECT_EQ(str(at(at(at(events[0], "contexts"), "MDC"), "request_id")), "r-1");
  EXPECT_EQ(len(at(at(events[0], "contexts"), "MDC")), 1u);
}

TYPED_TEST(sink_test, plain_calls_send_formatted_text_only) {
  this->logger->error("payment failed for order {}", 1234);
  auto events = this->flushed_events();
  ASSERT_EQ(events.size(), 1u);
  const value& entry = at(events[0], "logentry");
  EXPECT_EQ(str(at(entry, "formatted")), "payment failed for order 1234");
  EXPECT_TRUE(at(entry, "message").is_null());
  EXPECT_TRUE(at(entry, "params").is_null());
  EXPECT_TRUE(at(events[0], "exception").is_null());  // not inside a catch
}

TYPED_TEST(sink_test, template_params_keep_every_argument) {
  SENTRY_SPDLOG_ERROR(this->logger, "{} {} {} {} {:.1f} {}", "text", std::string("str"), 'c', true, 2.5, -7);
  auto events = this->flushed_events();
  ASSERT_EQ(events.size(), 1u);
  const value& entry = at(events[0], "logentry");
  EXPECT_EQ(str(at(entry, "message")), "{} {} {} {} {:.1f} {}");
  EXPECT_EQ(texts(at(entry, "params")), (std::vector<std::string>{"text", "str", "c", "true", "2.5", "-7"}));
  EXPECT_EQ(str(at(entry, "formatted")), "text str c true 2.5 -7");
}

TYPED_TEST(sink_test, two_templates_in_a_row_each_keep_theirs) {
  sentry::spdlog::error(this->logger, "first {}", 1);
  sentry::spdlog::critical(this->logger, "second {} {}", 2, 3);
  auto events = this->flushed_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(str(at(at(events[0], "logentry"), "message")), "first {}");
  EXPECT_EQ(str(at(at(events[1], "logentry"), "message")), "second {} {}");
  EXPECT_EQ(texts(at(at(events[1], "logentry"), "params")), (std::vector<std::string>{"2", "3"}));
}

TYPED_TEST(sink_test, source_location_and_thread) {
  const int line = __LINE__ + 1;
  SENTRY_SPDLOG_ERROR(this->logger, "located {}", 1);
  const int fn_line = __LINE__ + 1;
  sentry::spdlog::error(this->logger, "located by function {}", 2);
  this->logger->error("unlocated");
  auto events = this->flushed_events();
  ASSERT_EQ(events.size(), 3u);
  const value& code = at(at(events[0], "contexts"), "code");
  EXPECT_NE(str(at(code, "file.path")).find("spdlog_sink_test.cpp"), std::string::npos);
  EXPECT_EQ(at(code, "line.number"), value(line));
  EXPECT_FALSE(str(at(code, "function.name")).empty());
  const value& fn_code = at(at(events[1], "contexts"), "code");
  EXPECT_NE(str(at(fn_code, "file.path")).find("spdlog_sink_test.cpp"), std::string::npos);
  EXPECT_EQ(at(fn_code, "line.number"), value(fn_line));
  EXPECT_TRUE(at(at(events[2], "contexts"), "code").is_null());
  const value& thread = at(at(at(events[0], "threads"), "values"), 0);
  EXPECT_EQ(at(thread, "id"), value(static_cast<std::int64_t>(spdlog::details::os::thread_id())));
  EXPECT_EQ(at(thread, "current"), value(true));
}

TYPED_TEST(sink_test, nested_exceptions_are_a_chain) {
  try {
    try {
      throw std::runtime_error("disk full");
    } catch (...) {
      std::throw_with_nested(std::logic_error("saving order failed"));
    }
  } catch (const std::exception&) {
    this->logger->error("could not save");
  }
  auto events = this->flushed_events();
  ASSERT_EQ(events.size(), 1u);
  const value& values = at(at(events[0], "exception"), "values");
  ASSERT_EQ(len(values), 2u);
  EXPECT_EQ(str(at(at(values, 0), "value")), "disk full");
  EXPECT_EQ(str(at(at(values, 1), "value")), "saving order failed");
  EXPECT_EQ(str(at(at(at(values, 1), "mechanism"), "type")), "auto.log.spdlog");
}

TYPED_TEST(sink_test, messages_are_read_by_size_not_up_to_a_nul) {
  // spdlog's log_msg strings are views: a message that is a slice of a longer
  // buffer must arrive as the slice, whatever follows it in memory.
  const std::string buffer = "payment declined|and what follows it in the buffer";
  this->logger->error(spdlog::string_view_t(buffer.data(), 16));
  this->logger->info(spdlog::string_view_t(buffer.data(), 7));
  this->logger->error(spdlog::string_view_t(buffer.data(), 7));
  auto events = this->flushed_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(str(at(at(events[0], "logentry"), "formatted")), "payment declined");
  EXPECT_EQ(crumb_messages(events[1]), (std::vector<std::string>{"payment declined", "payment"}));
  EXPECT_EQ(str(at(at(events[1], "logentry"), "formatted")), "payment");
}

TYPED_TEST(sink_test, listed_context_fields_follow_relays_tag_rules) {
  // PROTOCOL §3.1: tag keys a-zA-Z0-9_.:- (a space becomes '-'), keys and
  // values at most 200 characters, values on one line.
  sentry::spdlog::sink_options opts;
  opts.context_tags = std::vector<std::string>{"order id", "note", "long"};
  this->make_logger(opts);
  sentry::scoped_context spaced("order id", "1234");
  sentry::scoped_context note("note", "line one\nline two");
  sentry::scoped_context long_value("long", std::string(300, 'v'));
  this->logger->error("tagged");
  auto events = this->flushed_events();
  ASSERT_EQ(events.size(), 1u);
  const value& tags = at(events[0], "tags");
  EXPECT_EQ(str(at(tags, "order-id")), "1234");
  EXPECT_TRUE(at(tags, "order id").is_null());
  EXPECT_EQ(str(at(tags, "note")), "line one line two");
  EXPECT_EQ(str(at(tags, "long")), std::string(200, 'v'));
}

TYPED_TEST(sink_test, logger_flush_flushes_the_sdk) {
  this->logger->error("sent by flush");
  this->logger->flush();
  EXPECT_EQ(this->recording.events().size(), 1u);
}

TYPED_TEST(sink_test, nothing_without_an_enabled_sdk) {
  sentry::close();
  this->logger->error("after close");
  this->logger->info("after close");
  EXPECT_TRUE(this->recording.events().empty());
  EXPECT_NE(this->text.str().find("after close"), std::string::npos);
}

}  // namespace
