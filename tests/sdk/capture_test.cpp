// Call-site capture: raw return addresses on the caller's thread.
#include "stacktrace/capture.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>

#include "stacktrace/symbolizer.hpp"

namespace capture_test {

using sentry::detail::raw_stack;

// Which function holds `address` (a return address: look up address - 1).
std::string function_at(std::uintptr_t address) {
  sentry::detail::symbolizer s;
  return s.lookup(address - 1).function;
}

__attribute__((noinline)) raw_stack leaf(std::size_t skip, std::uintptr_t start_at) {
  raw_stack s = sentry::detail::capture_stack(skip, start_at);
  asm volatile("" ::: "memory");  // keep the call from becoming a tail call
  return s;
}

__attribute__((noinline)) raw_stack middle(std::size_t skip) {
  raw_stack s = leaf(skip, 0);
  asm volatile("" ::: "memory");
  return s;
}

__attribute__((noinline)) raw_stack recurse(int depth) {
  if (depth == 0) return sentry::detail::capture_stack();
  raw_stack s = recurse(depth - 1);
  asm volatile("" ::: "memory");
  return s;
}

// An "entry point": the stack must start at its caller when it passes its
// own return address.
__attribute__((noinline)) raw_stack entry_point() {
  raw_stack s = leaf(0, reinterpret_cast<std::uintptr_t>(__builtin_return_address(0)));
  asm volatile("" ::: "memory");
  return s;
}

__attribute__((noinline)) raw_stack user_code() {
  raw_stack s = entry_point();
  asm volatile("" ::: "memory");
  return s;
}

TEST(capture, starts_in_the_calling_function) {
  if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
    GTEST_SKIP() << "built without libdw: no names for unexported functions";
  }
  const raw_stack s = middle(0);
  ASSERT_GE(s.addresses.size(), 3u);
  EXPECT_NE(function_at(s.addresses[0]).find("capture_test::leaf"), std::string::npos)
      << function_at(s.addresses[0]);
  EXPECT_NE(function_at(s.addresses[1]).find("capture_test::middle"), std::string::npos);
  EXPECT_FALSE(s.starts_at_pc);
  EXPECT_EQ(s.thread_id, static_cast<std::uint64_t>(::gettid()));
}

TEST(capture, skip_drops_frames_above_the_caller) {
  if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
    GTEST_SKIP() << "built without libdw: no names for unexported functions";
  }
  const raw_stack s = middle(1);
  ASSERT_GE(s.addresses.size(), 2u);
  EXPECT_NE(function_at(s.addresses[0]).find("capture_test::middle"), std::string::npos)
      << function_at(s.addresses[0]);
}

TEST(capture, start_at_return_address_starts_at_the_user) {
  if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
    GTEST_SKIP() << "built without libdw: no names for unexported functions";
  }
  const raw_stack s = user_code();
  ASSERT_GE(s.addresses.size(), 2u);
  EXPECT_NE(function_at(s.addresses[0]).find("capture_test::user_code"), std::string::npos)
      << function_at(s.addresses[0]);
}

TEST(capture, unknown_start_at_keeps_the_whole_stack) {
  if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
    GTEST_SKIP() << "built without libdw: no names for unexported functions";
  }
  const raw_stack s = leaf(0, 1);
  ASSERT_GE(s.addresses.size(), 2u);
  EXPECT_NE(function_at(s.addresses[0]).find("capture_test::leaf"), std::string::npos);
}

TEST(capture, is_capped_at_128_frames) {
  if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
    GTEST_SKIP() << "built without libdw: no names for unexported functions";
  }
  const raw_stack deep = recurse(300);
  EXPECT_EQ(deep.addresses.size(), sentry::detail::max_stack_frames);
  for (std::size_t i = 1; i < 100; ++i) {
    EXPECT_NE(function_at(deep.addresses[i]).find("capture_test::recurse"), std::string::npos) << i;
  }
}

TEST(capture, libgcc_walk_sees_the_same_frames) {
  if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
    GTEST_SKIP() << "built without libdw: no names for unexported functions";
  }
  std::uintptr_t a[16];
  std::uintptr_t b[16];
  // Both from this function: out[0] lies here.
  const std::size_t n = sentry::detail::capture_addresses(a, 16, 0);
  const std::size_t m = sentry::detail::capture_addresses_libgcc(b, 16, 0);
  ASSERT_GE(n, 2u);
  ASSERT_GE(m, 2u);
  EXPECT_EQ(function_at(a[0]), function_at(b[0]));
  EXPECT_NE(function_at(a[0]).find("capture_libgcc_walk_sees_the_same_frames"), std::string::npos)
      << function_at(a[0]);
  // Callers above this test body agree address by address.
  EXPECT_EQ(a[1], b[1]);
}

// Signal handler capture from the ucontext: the stack of the interrupted code.
std::uintptr_t g_frames[sentry::detail::max_stack_frames];
std::size_t g_count = 0;

void on_signal(int, siginfo_t*, void* uc) {
  g_count = sentry::detail::capture_addresses_from_context(uc, g_frames,
                                                          sentry::detail::max_stack_frames);
}

__attribute__((noinline)) void raise_here() {
  ::raise(SIGUSR1);
  asm volatile("" ::: "memory");
}

TEST(capture, from_signal_context_reaches_the_interrupted_function) {
  if (sentry::detail::symbolizer::default_backend() != sentry::detail::symbolizer::backend::libdw) {
    GTEST_SKIP() << "built without libdw: no names for unexported functions";
  }
  sentry::detail::warm_up_unwinder();
  struct sigaction sa {};
  struct sigaction old {};
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  ASSERT_EQ(::sigaction(SIGUSR1, &sa, &old), 0);
  raise_here();
  ::sigaction(SIGUSR1, &old, nullptr);
  ASSERT_GE(g_count, 2u);
  sentry::detail::symbolizer s;
  // g_frames[0] is the interrupted pc (in libc's raise); raise_here follows.
  const auto found = std::find_if(g_frames + 1, g_frames + g_count, [&](std::uintptr_t a) {
    return s.lookup(a - 1).function.find("capture_test::raise_here") != std::string::npos;
  });
  EXPECT_NE(found, g_frames + g_count);
}

}  // namespace capture_test
