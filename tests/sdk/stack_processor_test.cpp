// Symbolization on the worker: function, file, line, source context, in-app,
// frame order and address adjustment.
#include "stacktrace/stack_processor.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace stack_processor_test {

using sentry::detail::raw_stack;
using sentry::detail::stack_options;
using sentry::detail::stack_processor;

int g_call_line = 0;

__attribute__((noinline)) raw_stack known_function() {
  g_call_line = __LINE__ + 1;
  raw_stack s = sentry::detail::capture_stack();  // MARKER: known_function capture
  asm volatile("" ::: "memory");
  return s;
}

__attribute__((noinline)) raw_stack caller_of_known_function() {
  raw_stack s = known_function();
  asm volatile("" ::: "memory");
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST(stack_processor, names_file_and_line_of_a_known_function) {
  if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
    GTEST_SKIP() << "built without libdw: no names for unexported functions";
  }
  stack_processor p(stack_options{});
  const raw_stack raw = caller_of_known_function();
  const sentry::stacktrace st = p.symbolize(raw, false);
  ASSERT_GE(st.frames.size(), 3u);
  EXPECT_EQ(st.instruction_addr_adjustment, "all");

  const sentry::frame& newest = st.frames.back();  // oldest first
  EXPECT_EQ(newest.function, "stack_processor_test::known_function()");
  EXPECT_TRUE(ends_with(newest.abs_path, "tests/sdk/stack_processor_test.cpp")) << newest.abs_path;
  EXPECT_EQ(newest.lineno, static_cast<std::uint32_t>(g_call_line));
  EXPECT_EQ(newest.instruction_addr, raw.addresses[0]);
  EXPECT_NE(newest.image_addr, 0u);
  EXPECT_NE(newest.symbol_addr, 0u);
  EXPECT_LE(newest.symbol_addr, newest.instruction_addr);
  EXPECT_EQ(newest.package, sentry::detail::executable_path());
  EXPECT_EQ(newest.in_app, std::optional<bool>(true));

  const sentry::frame& caller = st.frames[st.frames.size() - 2];
  EXPECT_EQ(caller.function, "stack_processor_test::caller_of_known_function()");

  // Oldest first: main (or libc's start) precedes the test body.
  bool saw_main = false;
  for (const auto& f : st.frames) {
    if (f.function == "main") saw_main = true;
    if (f.function.find("known_function") != std::string::npos) {
      EXPECT_TRUE(saw_main) << "main must come before the capture site";
    }
  }
  EXPECT_TRUE(saw_main);
}

TEST(stack_processor, adds_five_lines_of_source_context) {
  if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
    GTEST_SKIP() << "built without libdw: no names for unexported functions";
  }
  stack_processor p(stack_options{});
  const sentry::stacktrace st = p.symbolize(caller_of_known_function(), false);
  const sentry::frame& f = st.frames.back();
  ASSERT_TRUE(f.context_line.has_value());
  EXPECT_NE(f.context_line->find("MARKER: known_function capture"), std::string::npos);
  ASSERT_EQ(f.pre_context.size(), 5u);
  EXPECT_NE(f.pre_context.back().find("g_call_line = __LINE__ + 1;"), std::string::npos);
  EXPECT_NE(f.pre_context[3].find("__attribute__((noinline)) raw_stack known_function()"),
            std::string::npos);
  ASSERT_EQ(f.post_context.size(), 5u);
  EXPECT_NE(f.post_context[0].find("asm volatile"), std::string::npos);
}

TEST(stack_processor, source_context_can_be_turned_off) {
  if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
    GTEST_SKIP() << "built without libdw: no names for unexported functions";
  }
  stack_options o;
  o.include_source_context = false;
  stack_processor p(o);
  const sentry::stacktrace st = p.symbolize(caller_of_known_function(), false);
  EXPECT_GT(st.frames.back().lineno, 0u);
  EXPECT_FALSE(st.frames.back().context_line.has_value());
  EXPECT_TRUE(st.frames.back().pre_context.empty());
}

TEST(stack_processor, dladdr_fallback_names_exported_functions) {
  stack_processor p(stack_options{}, sentry::detail::symbolizer::backend::dladdr);
  raw_stack raw;
  raw.starts_at_pc = true;  // look the address up as it is
  raw.addresses = {reinterpret_cast<std::uintptr_t>(&::abort) + 1};
  const sentry::stacktrace st = p.symbolize(raw, false);
  ASSERT_EQ(st.frames.size(), 1u);
  EXPECT_EQ(st.instruction_addr_adjustment, "all_but_first");
  EXPECT_EQ(st.frames[0].function, "abort");
  EXPECT_EQ(st.frames[0].lineno, 0u);
  EXPECT_EQ(st.frames[0].in_app, std::optional<bool>(false));  // libc is a system image
}

TEST(stack_processor, crash_stacks_look_up_the_first_address_unadjusted) {
  if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
    GTEST_SKIP() << "built without libdw: no names for unexported functions";
  }
  stack_processor p(stack_options{});
  raw_stack raw;
  raw.starts_at_pc = true;
  // The first instruction of a function: looked up as is it is that
  // function; minus one it would be whatever precedes it.
  const auto entry = reinterpret_cast<std::uintptr_t>(&known_function);
  raw.addresses = {entry, entry};
  const sentry::stacktrace st = p.symbolize(raw, false);
  ASSERT_EQ(st.frames.size(), 2u);
  EXPECT_EQ(st.frames[1].function, "stack_processor_test::known_function()");  // the pc
  EXPECT_NE(st.frames[0].function, "stack_processor_test::known_function()");  // a return address
}

TEST(stack_processor, thread_entry_describes_the_captured_thread) {
  if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
    GTEST_SKIP() << "built without libdw: no names for unexported functions";
  }
  stack_processor p(stack_options{});
  const sentry::thread_info t = p.make_thread(caller_of_known_function());
  EXPECT_EQ(t.id, static_cast<std::uint64_t>(::gettid()));
  EXPECT_TRUE(t.current);
  EXPECT_TRUE(t.main);  // gtest runs tests on the main thread
  EXPECT_FALSE(t.crashed);
  EXPECT_FALSE(t.name.empty());
  ASSERT_TRUE(t.stacktrace.has_value());
  EXPECT_EQ(t.stacktrace->frames.back().function, "stack_processor_test::known_function()");
}

}  // namespace stack_processor_test
