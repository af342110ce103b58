// Which events carry a stack, and where it goes on them.
#include "stacktrace/event_stacks.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace event_stacks_test {

using sentry::detail::raw_stack;

__attribute__((noinline)) raw_stack capture_here() {
  raw_stack s = sentry::detail::capture_stack();
  asm volatile("" ::: "memory");
  return s;
}

TEST(event_stacks, exceptions_always_want_a_stack_messages_when_asked) {
  sentry::options o;
  sentry::event message;
  sentry::event_hint none;
  EXPECT_FALSE(sentry::detail::wants_stack(message, none, o));
  sentry::event_hint with_exception;
  with_exception.exception = std::make_exception_ptr(std::runtime_error("x"));
  EXPECT_TRUE(sentry::detail::wants_stack(message, with_exception, o));
  sentry::event prefilled;
  prefilled.exceptions.emplace_back();
  EXPECT_TRUE(sentry::detail::wants_stack(prefilled, none, o));

  o.attach_stacktrace = true;
  EXPECT_TRUE(sentry::detail::wants_stack(message, none, o));
  sentry::event named_thread;  // e.g. an event made from a log record
  named_thread.threads.emplace_back();
  EXPECT_TRUE(sentry::detail::wants_stack(named_thread, none, o));
  sentry::event own_stack;
  own_stack.threads.emplace_back();
  own_stack.threads.back().stacktrace = sentry::stacktrace{};
  EXPECT_FALSE(sentry::detail::wants_stack(own_stack, none, o));
}

TEST(event_stacks, the_outermost_exception_gets_the_capture_site) {
  sentry::detail::stack_processor p(sentry::detail::stack_options{});
  sentry::event e;
  e.exceptions.resize(2);  // innermost first
  e.exceptions[0].type = "inner";
  e.exceptions[1].type = "outer";
  const raw_stack s = capture_here();
  sentry::detail::add_stack_traces(e, s, p);

  EXPECT_FALSE(e.exceptions[0].stacktrace.has_value());
  ASSERT_TRUE(e.exceptions[1].stacktrace.has_value());
  EXPECT_EQ(e.exceptions[1].stacktrace->frames.size(), s.addresses.size());
  EXPECT_EQ(e.exceptions[1].stacktrace->frames.back().instruction_addr, s.addresses[0]);
  EXPECT_EQ(e.exceptions[1].stacktrace->instruction_addr_adjustment, "all");
  EXPECT_EQ(e.exceptions[1].thread_id, std::optional<std::uint64_t>(s.thread_id));
  ASSERT_EQ(e.threads.size(), 1u);  // the thread, linked, without a copy of the frames
  EXPECT_EQ(e.threads[0].id, s.thread_id);
  EXPECT_TRUE(e.threads[0].current);
  EXPECT_FALSE(e.threads[0].stacktrace.has_value());
  EXPECT_FALSE(e.debug_images.empty());
  EXPECT_FALSE(e.modules.empty());
}

TEST(event_stacks, an_exception_with_its_own_stack_is_left_alone) {
  sentry::detail::stack_processor p(sentry::detail::stack_options{});
  sentry::event e;
  e.exceptions.resize(1);
  e.exceptions[0].stacktrace = sentry::stacktrace{};
  e.exceptions[0].stacktrace->frames.resize(1);
  sentry::detail::add_stack_traces(e, capture_here(), p);
  EXPECT_EQ(e.exceptions[0].stacktrace->frames.size(), 1u);
  EXPECT_TRUE(e.threads.empty());
}

TEST(event_stacks, a_message_gets_the_current_thread_with_its_stack) {
  sentry::detail::stack_processor p(sentry::detail::stack_options{});
  sentry::event e;
  const raw_stack s = capture_here();
  sentry::detail::add_stack_traces(e, s, p);
  ASSERT_EQ(e.threads.size(), 1u);
  EXPECT_TRUE(e.threads[0].current);
  EXPECT_EQ(e.threads[0].id, s.thread_id);
  ASSERT_TRUE(e.threads[0].stacktrace.has_value());
  EXPECT_EQ(e.threads[0].stacktrace->frames.back().instruction_addr, s.addresses[0]);
  // Every frame's address lies in one of the event's images.
  for (const auto& f : e.threads[0].stacktrace->frames) {
    bool covered = false;
    for (const auto& image : e.debug_images) {
      covered = covered || (f.instruction_addr >= image.image_addr &&
                            f.instruction_addr < image.image_addr + image.image_size);
    }
    EXPECT_TRUE(covered) << f.function;
  }
}

TEST(event_stacks, no_stack_no_debug_images_but_modules) {
  sentry::detail::stack_processor p(sentry::detail::stack_options{});
  sentry::event e;
  e.modules["libc"] = "mine";
  sentry::detail::add_stack_traces(e, raw_stack{}, p);
  EXPECT_TRUE(e.threads.empty());
  EXPECT_TRUE(e.debug_images.empty());
  EXPECT_EQ(e.modules.at("libc"), "mine");  // the event's own value wins
  EXPECT_GT(e.modules.size(), 1u);
}

}  // namespace event_stacks_test
