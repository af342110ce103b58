// The event a log record becomes (the part built on the calling thread).
#include "logging/record_event.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "logging/record_breadcrumb.hpp"
#include "util/thread_info.hpp"

namespace {

using namespace sentry;
using detail::record_parts;

struct sample {
  std::vector<context_field> context{
      {"request_id", "r-42"}, {"tenant", "acme"}, {"session", "s-9"}, {"", "no key"}, {"tenant", "dup"}};
  std::vector<value> params{value(1234)};
  std::vector<std::string> tags{"request_id", "tenant"};
  log_record record;
  log_bridge_options opts;

  sample() {
    record.level = level::error;
    record.logger = "checkout";
    record.message = "payment failed for order 1234";
    record.message_template = "payment failed for order {}";
    record.params = params.data();
    record.param_count = params.size();
    record.file = "shop/checkout.cpp";
    record.line = 87;
    record.function = "pay";
    record.context = context.data();
    record.context_size = context.size();
    opts.origin = "auto.log.test";
  }
  // The event as the worker sees it: the record's copy expanded into it.
  detail::record_capture make() const {
    detail::record_capture c = detail::make_record_event(record_parts(record, tags), opts);
    c.record.expand_into(c.ev);
    return c;
  }
};

TEST(logging_record_event, logger_logentry_and_level) {
  sample s;
  auto c = s.make();
  EXPECT_EQ(c.ev.logger, "checkout");
  EXPECT_EQ(c.ev.level, level::error);
  ASSERT_TRUE(c.ev.message);
  EXPECT_EQ(c.ev.message->message, "payment failed for order {}");
  EXPECT_EQ(c.ev.message->params, (std::vector<std::string>{"1234"}));
  EXPECT_EQ(c.ev.message->formatted, "payment failed for order 1234");
}

TEST(logging_record_event, trace_becomes_debug_and_warning_stays) {
  sample s;
  s.record.level = level::trace;
  EXPECT_EQ(s.make().ev.level, level::debug);
  s.record.level = level::warning;
  EXPECT_EQ(s.make().ev.level, level::warning);
  s.record.level = level::fatal;
  EXPECT_EQ(s.make().ev.level, level::fatal);
}

TEST(logging_record_event, template_without_params_is_not_sent) {
  sample s;
  s.record.params = nullptr;
  s.record.param_count = 0;
  auto c = s.make();
  EXPECT_EQ(c.ev.message->message, "");
  EXPECT_TRUE(c.ev.message->params.empty());
  EXPECT_EQ(c.ev.message->formatted, "payment failed for order 1234");
}

TEST(logging_record_event, params_are_sent_as_text) {
  sample s;
  s.params = {value(3), value(2.5), value(true), value("sku-17"), value(std::uint64_t{18446744073709551615u})};
  s.record.params = s.params.data();
  s.record.param_count = s.params.size();
  EXPECT_EQ(s.make().ev.message->params,
            (std::vector<std::string>{"3", "2.5", "true", "sku-17", "18446744073709551615"}));
}

TEST(logging_record_event, listed_fields_are_tags_the_rest_one_context) {
  sample s;
  auto c = s.make();
  EXPECT_EQ(c.ev.tags, (std::map<std::string, std::string>{{"request_id", "r-42"}, {"tenant", "acme"}}));
  ASSERT_EQ(c.ev.contexts.count("log_context"), 1u);
  EXPECT_EQ(c.ev.contexts.at("log_context"), (value_object{{"session", value("s-9")}}));
  s.opts.context_name = "MDC";
  EXPECT_EQ(s.make().ev.contexts.count("MDC"), 1u);
  s.tags.clear();
  auto untagged = s.make();
  EXPECT_TRUE(untagged.ev.tags.empty());
  EXPECT_EQ(untagged.ev.contexts.at("MDC").size(), 3u);
}

TEST(logging_record_event, source_location_and_thread) {
  sample s;
  auto c = s.make();
  EXPECT_EQ(c.ev.contexts.at("code"), (value_object{{"file.path", value("shop/checkout.cpp")},
                                                    {"line.number", value(87)},
                                                    {"function.name", value("pay")}}));
  ASSERT_EQ(c.ev.threads.size(), 1u);
  EXPECT_EQ(c.ev.threads[0].id, detail::current_thread_id());
  EXPECT_EQ(c.ev.threads[0].name, std::string(detail::cached_thread_name()));
  EXPECT_TRUE(c.ev.threads[0].current);
  EXPECT_EQ(c.ev.threads[0].main, detail::current_thread_id() == static_cast<std::uint64_t>(getpid()));

  s.record.file = {};
  s.record.line = 0;
  s.record.function = {};
  s.record.thread_id = 777;
  s.record.thread_name = "pool-3";
  auto other = s.make();
  EXPECT_EQ(other.ev.contexts.count("code"), 0u);
  EXPECT_EQ(other.ev.threads[0].id, 777u);
  EXPECT_EQ(other.ev.threads[0].name, "pool-3");
}

TEST(logging_record_event, in_flight_exception_is_attached_on_the_calling_thread_only) {
  sample s;
  try {
    throw std::runtime_error("payment declined");
  } catch (const std::runtime_error&) {
    auto c = s.make();
    ASSERT_TRUE(c.hint.exception);
    EXPECT_EQ(c.hint.mechanism.type, "auto.log.test");
    EXPECT_EQ(c.hint.mechanism.handled, std::optional<bool>(true));
    try {
      std::rethrow_exception(c.hint.exception);
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "payment declined");
    }

    s.record.use_current_exception = false;
    EXPECT_FALSE(s.make().hint.exception);
    s.record.use_current_exception = true;
    s.record.thread_id = detail::current_thread_id() + 1;  // delivered for another thread
    EXPECT_FALSE(s.make().hint.exception);
  }
  s.record.thread_id = 0;
  EXPECT_FALSE(s.make().hint.exception);  // outside a catch
}

TEST(logging_record_event, a_given_exception_wins) {
  sample s;
  s.record.exception = std::make_exception_ptr(std::logic_error("given"));
  try {
    throw std::runtime_error("in flight");
  } catch (...) {
    auto c = s.make();
    try {
      std::rethrow_exception(c.hint.exception);
    } catch (const std::logic_error& e) {
      EXPECT_STREQ(e.what(), "given");
    } catch (...) {
      ADD_FAILURE() << "the in-flight exception replaced the given one";
    }
  }
}

TEST(logging_record_breadcrumb, fields_and_data) {
  sample s;
  s.record.level = level::warning;
  s.record.message = "inventory low for sku-17";
  breadcrumb b = detail::make_record_breadcrumb(record_parts(s.record, s.tags));
  EXPECT_EQ(b.type, "default");
  EXPECT_EQ(b.category, "checkout");
  EXPECT_EQ(b.message, "inventory low for sku-17");
  EXPECT_EQ(b.level, level::warning);
  const std::string name(detail::cached_thread_name());
  value_object want{{"thread.id", value(detail::current_thread_id())},
                    {"code.file.path", value("shop/checkout.cpp")},
                    {"code.line.number", value(87)},
                    {"code.function.name", value("pay")},
                    {"session", value("s-9")}};
  if (!name.empty()) want.emplace("thread.name", value(name));
  EXPECT_EQ(b.data, want);

  s.record.level = level::trace;
  EXPECT_EQ(detail::make_record_breadcrumb(record_parts(s.record, s.tags)).level, level::debug);
}

TEST(logging_record_breadcrumb, timestamp_from_the_record_or_now) {
  sample s;
  const auto t = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  s.record.timestamp = t;
  EXPECT_EQ(detail::make_record_breadcrumb(record_parts(s.record, s.tags)).timestamp, t);
  s.record.timestamp = {};
  const auto before = std::chrono::system_clock::now();
  const auto got = detail::make_record_breadcrumb(record_parts(s.record, s.tags)).timestamp;
  EXPECT_GE(got, before);
}

}  // namespace
