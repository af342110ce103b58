// Frames as Sentry's native SDKs report them: inlined calls expanded into
// their own frames, GCC's clone suffixes (.cold, .part.N, ...) removed from
// names, and a file/line only where the address's own compile unit has a
// line-table row for it (the C runtime's _start has none).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "stacktrace/stack_processor.hpp"
#include "stacktrace/symbolizer.hpp"

namespace inline_frames_test {

using sentry::detail::raw_stack;
using sentry::detail::stack_options;
using sentry::detail::stack_processor;

int g_inner_line = 0;
int g_outer_line = 0;
int g_cold_line = 0;
volatile int g_cold_trigger = 42;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool libdw_backend() {
  return sentry::detail::symbolizer::default_backend() == sentry::detail::symbolizer::backend::libdw;
}

__attribute__((always_inline)) inline raw_stack inlined_helper() {
  g_inner_line = __LINE__ + 1;
  raw_stack s = sentry::detail::capture_stack();
  return s;
}

__attribute__((noinline)) raw_stack calls_inlined_helper() {
  g_outer_line = __LINE__ + 1;
  raw_stack s = inlined_helper();
  asm volatile("" ::: "memory");
  return s;
}

__attribute__((noinline, cold)) raw_stack capture_in_cold_callee() {
  raw_stack s = sentry::detail::capture_stack();
  asm volatile("" ::: "memory");
  return s;
}

// With optimization GCC moves the unlikely branch into has_cold_path.cold.
__attribute__((noinline)) raw_stack has_cold_path(int x) {
  if (__builtin_expect(x == 42, 0)) {
    g_cold_line = __LINE__ + 1;
    raw_stack s = capture_in_cold_callee();
    asm volatile("" ::: "memory");
    return s;
  }
  return raw_stack{};
}

TEST(inline_frames, an_inlined_call_is_its_own_frame_above_its_caller) {
  if (!libdw_backend()) GTEST_SKIP() << "built without libdw: no debug information read";
  stack_processor p(stack_options{});
  const raw_stack raw = calls_inlined_helper();
  const sentry::stacktrace st = p.symbolize(raw, false);
  ASSERT_GE(st.frames.size(), 3u);

  const sentry::frame& inlined = st.frames.back();  // oldest first: the innermost is last
  EXPECT_EQ(inlined.function, "inline_frames_test::inlined_helper()");
  EXPECT_TRUE(ends_with(inlined.abs_path, "tests/sdk/inline_frames_test.cpp")) << inlined.abs_path;
  EXPECT_EQ(inlined.lineno, static_cast<std::uint32_t>(g_inner_line));
  EXPECT_EQ(inlined.instruction_addr, raw.addresses[0]);
  EXPECT_EQ(inlined.in_app, std::optional<bool>(true));
  ASSERT_TRUE(inlined.context_line.has_value());
  EXPECT_NE(inlined.context_line->find("sentry::detail::capture_stack()"), std::string::npos);

  const sentry::frame& caller = st.frames[st.frames.size() - 2];
  EXPECT_EQ(caller.function, "inline_frames_test::calls_inlined_helper()");
  EXPECT_TRUE(ends_with(caller.abs_path, "tests/sdk/inline_frames_test.cpp")) << caller.abs_path;
  EXPECT_EQ(caller.lineno, static_cast<std::uint32_t>(g_outer_line));
  EXPECT_EQ(caller.instruction_addr, raw.addresses[0]);  // same physical frame
  EXPECT_EQ(caller.symbol_addr, inlined.symbol_addr);
  EXPECT_EQ(caller.in_app, std::optional<bool>(true));
  ASSERT_TRUE(caller.context_line.has_value());
  EXPECT_NE(caller.context_line->find("inlined_helper();"), std::string::npos);

  // The next older frame is the test body, a different return address.
  EXPECT_EQ(st.frames[st.frames.size() - 3].instruction_addr, raw.addresses[1]);
}

TEST(inline_frames, symbolizer_lists_an_inline_chain_innermost_first) {
  if (!libdw_backend()) GTEST_SKIP() << "built without libdw: no debug information read";
  const raw_stack raw = calls_inlined_helper();
  sentry::detail::symbolizer s;
  const auto frames = s.lookup_frames(raw.addresses[0] - 1);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].function, "inline_frames_test::inlined_helper()");
  EXPECT_EQ(frames[0].line, static_cast<std::uint32_t>(g_inner_line));
  EXPECT_EQ(frames[1].function, "inline_frames_test::calls_inlined_helper()");
  EXPECT_EQ(frames[1].line, static_cast<std::uint32_t>(g_outer_line));
  // lookup() names the function the code physically belongs to.
  EXPECT_EQ(s.lookup(raw.addresses[0] - 1).function, "inline_frames_test::calls_inlined_helper()");
}

TEST(inline_frames, a_call_from_a_cold_section_names_the_function_itself) {
  if (!libdw_backend()) GTEST_SKIP() << "built without libdw: no debug information read";
  stack_processor p(stack_options{});
  const raw_stack raw = has_cold_path(g_cold_trigger);
  ASSERT_GE(raw.addresses.size(), 2u);
  const sentry::stacktrace st = p.symbolize(raw, false);
  ASSERT_GE(st.frames.size(), 2u);
  EXPECT_EQ(st.frames.back().function, "inline_frames_test::capture_in_cold_callee()");
  const sentry::frame& cold = st.frames[st.frames.size() - 2];
  EXPECT_EQ(cold.instruction_addr, raw.addresses[1]);
  EXPECT_EQ(cold.function, "inline_frames_test::has_cold_path(int)");
  EXPECT_EQ(cold.lineno, static_cast<std::uint32_t>(g_cold_line));
  EXPECT_EQ(cold.in_app, std::optional<bool>(true));
}

TEST(inline_frames, function_names_drop_gcc_clone_suffixes) {
  using sentry::detail::function_name;
  EXPECT_EQ(function_name("main.cold"), "main");
  EXPECT_EQ(function_name("helper.part.0"), "helper");
  EXPECT_EQ(function_name("helper.isra.3"), "helper");
  EXPECT_EQ(function_name("helper.constprop.12"), "helper");
  EXPECT_EQ(function_name("helper.lto_priv.0"), "helper");
  EXPECT_EQ(function_name("helper.constprop.0.isra.0.cold"), "helper");
  EXPECT_EQ(function_name("_ZN3app4workEi.cold"), "app::work(int)");
  EXPECT_EQ(function_name("_ZN3app4workEi.part.0"), "app::work(int)");
  EXPECT_EQ(function_name("_ZL6helperv.lto_priv.0"), "helper()");
  EXPECT_EQ(function_name("_ZN3app4workEi"), "app::work(int)");
  // Symbol versions, alone or after a clone suffix.
  EXPECT_EQ(function_name("__libc_start_main@@GLIBC_2.34"), "__libc_start_main");
  EXPECT_EQ(function_name("memcpy@GLIBC_2.2.5"), "memcpy");
  EXPECT_EQ(function_name("_ZN3app4workEi@@APP_1.0"), "app::work(int)");
  EXPECT_EQ(function_name("helper.cold@@V1"), "helper");
  // Not a clone suffix: left alone.
  EXPECT_EQ(function_name("main"), "main");
  EXPECT_EQ(function_name("counter.1234"), "counter.1234");
  EXPECT_EQ(function_name("file.coldplay"), "file.coldplay");
  EXPECT_EQ(function_name(".cold"), ".cold");
  EXPECT_EQ(function_name(nullptr), "");
}

// _start (crt1.o, linked into the executable, no debug information of its
// own) is the oldest frame of the main thread.
TEST(inline_frames, start_has_no_borrowed_line_and_is_not_in_app) {
  if (!libdw_backend()) GTEST_SKIP() << "built without libdw: no debug information read";
  stack_processor p(stack_options{});
  const sentry::stacktrace st = p.symbolize(calls_inlined_helper(), false);
  const sentry::frame* start = nullptr;
  for (const auto& f : st.frames) {
    if (f.function == "_start") start = &f;
  }
  ASSERT_NE(start, nullptr) << "no _start frame on the main thread's stack";
  EXPECT_EQ(start->package, sentry::detail::executable_path());
  EXPECT_EQ(start->in_app, std::optional<bool>(false));
  EXPECT_EQ(start->lineno, 0u) << start->abs_path;
  EXPECT_EQ(start->abs_path, "");
  EXPECT_FALSE(start->context_line.has_value());
  for (const auto& f : st.frames) {
    if (f.function.rfind("__libc_start", 0) == 0) {
      EXPECT_EQ(f.in_app, std::optional<bool>(false)) << f.function;
    }
  }
}

}  // namespace inline_frames_test
