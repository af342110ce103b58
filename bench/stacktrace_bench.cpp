// Caller-side cost of a 30-frame stack capture, against references measured
// in the same run: glibc's backtrace() and libgcc's _Unwind_Backtrace (the
// unwinders most SDKs use). Worker-side symbolization is shown for scale.
#include <benchmark/benchmark.h>
#include <execinfo.h>

#include <cstdint>
#include <functional>

#include "stacktrace/capture.hpp"
#include "stacktrace/stack_processor.hpp"

namespace {

constexpr std::size_t target_frames = 30;

// Calls `fn` from `depth` nested frames.
__attribute__((noinline)) void nest(int depth, const std::function<void()>& fn) {
  if (depth <= 0) {
    fn();
  } else {
    nest(depth - 1, fn);
  }
  benchmark::ClobberMemory();
}

// Runs `body` in a loop with the stack `target_frames` deep where the body
// captures; `body` returns how many frames it saw.
void at_depth(benchmark::State& state, const std::function<std::size_t()>& body) {
  std::size_t base = 0;
  nest(0, [&] { base = body(); });
  const int extra = static_cast<int>(target_frames) - static_cast<int>(base);
  nest(extra, [&] {
    state.counters["frames"] = static_cast<double>(body());
    for (auto _ : state) body();
  });
}

void capture_stack_sdk(benchmark::State& state) {
  at_depth(state, [] {
    auto s = sentry::detail::capture_stack();
    benchmark::DoNotOptimize(s.addresses.data());
    return s.addresses.size();
  });
  state.SetLabel(sentry::detail::unwinder_name());
}

void reference_backtrace(benchmark::State& state) {
  at_depth(state, [] {
    void* buffer[sentry::detail::max_stack_frames];
    const int n = ::backtrace(buffer, sentry::detail::max_stack_frames);
    benchmark::DoNotOptimize(buffer);
    return static_cast<std::size_t>(n - 1);  // without backtrace's own frame
  });
}

void reference_unwind_backtrace(benchmark::State& state) {
  at_depth(state, [] {
    std::uintptr_t buffer[sentry::detail::max_stack_frames];
    const std::size_t n =
        sentry::detail::capture_addresses_libgcc(buffer, sentry::detail::max_stack_frames, 0);
    benchmark::DoNotOptimize(buffer);
    return n;
  });
}

// Worker side, for scale: capturing and symbolizing a 30-frame stack whose
// addresses are already in the processor's cache (the steady state).
void worker_capture_and_symbolize_cached(benchmark::State& state) {
  sentry::detail::stack_processor processor(sentry::detail::stack_options{});
  at_depth(state, [&] {
    const auto stack = sentry::detail::capture_stack();
    auto st = processor.symbolize(stack, false);
    benchmark::DoNotOptimize(st.frames.data());
    return stack.addresses.size();
  });
}

}  // namespace

BENCHMARK(capture_stack_sdk);
BENCHMARK(reference_backtrace);
BENCHMARK(reference_unwind_backtrace);
BENCHMARK(worker_capture_and_symbolize_cached);
BENCHMARK_MAIN();
