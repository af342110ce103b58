// Stacks on events captured through the public API (recording transport).
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "value_path.hpp"
#include "sentry/log_bridge.hpp"
#include "sentry/recording_transport.hpp"
#include "sentry/sentry.hpp"
#include "stacktrace/symbolizer.hpp"

namespace client_stacks_test {

using sentry_test::at;
using sentry_test::text_at;

const sentry::value_array& frames_of(const sentry::value& owner) {
  static const sentry::value_array none;
  const sentry::value* f = at(owner, {"stacktrace", "frames"});
  return f && f->as_array() ? *f->as_array() : none;
}

class client_stacks : public ::testing::Test {
 protected:
  void init(bool attach_stacktrace) {
    sentry::options o;
    o.dsn = "https://key@127.0.0.1:9/1";
    o.transport = recording_.factory();
    o.attach_stacktrace = attach_stacktrace;
    o.in_app_include = {"client_stacks_test"};
    ASSERT_TRUE(sentry::init(std::move(o)));
  }
  void TearDown() override { sentry::close(); }

  sentry::value only_event() {
    EXPECT_TRUE(sentry::flush(std::chrono::seconds(10)));
    const auto events = recording_.events();
    EXPECT_EQ(events.size(), 1u);
    return events.empty() ? sentry::value{} : events.front();
  }

  static void require_libdw() {
    if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
      GTEST_SKIP() << "built without libdw";
    }
  }

  sentry::recording_transport recording_;
};

__attribute__((noinline)) void log_something() {
  sentry::capture_message("with a stack", sentry::level::warning);
  asm volatile("" ::: "memory");
}

TEST_F(client_stacks, message_with_attach_stacktrace_carries_the_call_site) {
  require_libdw();
  init(true);
  log_something();
  const sentry::value e = only_event();
  const sentry::value* threads = at(e, {"threads", "values"});
  ASSERT_NE(threads, nullptr);
  ASSERT_EQ(threads->as_array()->size(), 1u);
  const sentry::value& t = threads->as_array()->front();
  EXPECT_EQ(text_at(t, {"current"}), "true");
  const auto& frames = frames_of(t);
  ASSERT_GE(frames.size(), 2u);
  // The newest frame is the user's call, not the SDK's capture_message.
  EXPECT_EQ(text_at(frames.back(), {"function"}), "client_stacks_test::log_something()");
  EXPECT_EQ(text_at(frames.back(), {"in_app"}), "true");
  for (const auto& f : frames) {
    EXPECT_NE(text_at(f, {"function"}).rfind("sentry::", 0), 0u) << "an SDK frame in the stack";
  }
  // Source context of the call.
  EXPECT_NE(text_at(frames.back(), {"context_line"}).find("sentry::capture_message(\"with a stack\""),
            std::string::npos);
  EXPECT_EQ(text_at(frames.back(), {"instruction_addr"}).rfind("0x", 0), 0u);
  const sentry::value* images = at(e, {"debug_meta", "images"});
  ASSERT_NE(images, nullptr);
  EXPECT_FALSE(images->as_array()->empty());
  EXPECT_NE(at(e, {"modules"}), nullptr);
}

__attribute__((noinline)) void log_an_error(sentry::log_bridge& bridge) {
  sentry::log_record r;
  r.level = sentry::level::error;
  r.logger = "checkout";
  r.message = "payment failed for order 1234";
  r.timestamp = std::chrono::system_clock::now();
  bridge.handle(r);
  asm volatile("" ::: "memory");
}

sentry::log_bridge_options bridge_options(std::optional<bool> attach_stacktrace) {
  sentry::log_bridge_options o;
  o.attach_stacktrace = attach_stacktrace;
  return o;
}

TEST_F(client_stacks, a_sink_can_attach_the_stack_to_log_events_when_the_sdk_does_not) {
  require_libdw();
  init(false);
  sentry::log_bridge bridge(bridge_options(true));
  log_an_error(bridge);
  const sentry::value e = only_event();
  const sentry::value* threads = at(e, {"threads", "values"});
  ASSERT_NE(threads, nullptr);
  ASSERT_EQ(threads->as_array()->size(), 1u);  // the record's thread, with the stack
  const auto& frames = frames_of(threads->as_array()->front());
  ASSERT_FALSE(frames.empty());
  // The stack starts at the user's log call, not in the bridge.
  EXPECT_NE(text_at(frames.back(), {"function"}).find("log_an_error"), std::string::npos)
      << text_at(frames.back(), {"function"});
  EXPECT_NE(at(e, {"debug_meta", "images"}), nullptr);
}

TEST_F(client_stacks, a_sink_can_turn_the_stack_of_log_events_off) {
  init(true);
  sentry::log_bridge bridge(bridge_options(false));
  log_an_error(bridge);
  const sentry::value e = only_event();
  const sentry::value* threads = at(e, {"threads", "values"});
  ASSERT_NE(threads, nullptr);  // the record's thread, named
  for (const auto& t : *threads->as_array()) EXPECT_TRUE(frames_of(t).empty()) << t.to_json();
  EXPECT_EQ(at(e, {"debug_meta"}), nullptr);
}

TEST_F(client_stacks, log_events_follow_the_sdk_option_by_default) {
  init(true);
  sentry::log_bridge bridge(bridge_options(std::nullopt));
  log_an_error(bridge);
  const sentry::value e = only_event();
  const sentry::value* threads = at(e, {"threads", "values"});
  ASSERT_NE(threads, nullptr);
  ASSERT_EQ(threads->as_array()->size(), 1u);  // the record's thread, with the stack
  EXPECT_FALSE(frames_of(threads->as_array()->front()).empty());
}

TEST_F(client_stacks, message_without_attach_stacktrace_has_no_stack) {
  init(false);
  log_something();
  const sentry::value e = only_event();
  EXPECT_EQ(at(e, {"threads"}), nullptr);
  EXPECT_EQ(at(e, {"debug_meta"}), nullptr);
}

__attribute__((noinline)) void report_failure() {
  try {
    try {
      throw std::runtime_error("disk full");
    } catch (...) {
      std::throw_with_nested(std::logic_error("saving the order failed"));
    }
  } catch (...) {
    sentry::capture_exception(std::current_exception());
  }
  asm volatile("" ::: "memory");
}

TEST_F(client_stacks, exception_chain_gets_the_capture_site_on_the_outermost_exception) {
  require_libdw();
  init(false);  // exceptions carry their stack regardless
  report_failure();
  const sentry::value e = only_event();
  const sentry::value* values = at(e, {"exception", "values"});
  ASSERT_NE(values, nullptr);
  ASSERT_EQ(values->as_array()->size(), 2u);
  const sentry::value& inner = values->as_array()->front();
  const sentry::value& outer = values->as_array()->back();
  EXPECT_EQ(text_at(inner, {"type"}), "std::runtime_error");
  EXPECT_EQ(text_at(outer, {"value"}), "saving the order failed");
  EXPECT_TRUE(frames_of(inner).empty());
  const auto& frames = frames_of(outer);
  ASSERT_GE(frames.size(), 2u);
  EXPECT_EQ(text_at(frames.back(), {"function"}), "client_stacks_test::report_failure()");
  EXPECT_EQ(text_at(outer, {"stacktrace", "instruction_addr_adjustment"}), "all");
  // The thread is listed once, without a copy of the frames, and linked.
  const sentry::value* threads = at(e, {"threads", "values"});
  ASSERT_NE(threads, nullptr);
  EXPECT_EQ(text_at(threads->as_array()->front(), {"id"}), text_at(outer, {"thread_id"}));
  EXPECT_EQ(at(threads->as_array()->front(), {"stacktrace"}), nullptr);
}

}  // namespace client_stacks_test
