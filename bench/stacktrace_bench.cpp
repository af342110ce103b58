// Caller-side cost of a 30-frame stack capture, against references measured
// in the same run: glibc's backtrace() and libgcc's _Unwind_Backtrace (the
// unwinders most SDKs use). Worker-side symbolization is shown for scale.
#include <benchmark/benchmark.h>
#include <execinfo.h>

#include <cstdint>
#include <functional>

#include "sentry/sentry.hpp"
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

// A transport that drops everything: the worker's cost stays off the caller.
class null_transport : public sentry::transport {
 public:
  void send(sentry::envelope&&) noexcept override {}
};

// The whole caller-side path of an event with its 30-frame call-site stack:
// capture_message with attach_stacktrace (event id, scope snapshot, stack
// walk, queue push). What the queue cannot take is dropped and counted, as
// in production; the counter says how many were dropped.
void capture_message_with_stack(benchmark::State& state) {
  sentry::options o;
  o.dsn = "https://key@127.0.0.1:9/1";
  o.attach_stacktrace = true;
  o.transport = [](const sentry::transport_context&) { return std::make_unique<null_transport>(); };
  sentry::init(std::move(o));
  at_depth(state, [] {
    benchmark::DoNotOptimize(sentry::capture_message("checkout failed", sentry::level::error));
    std::uintptr_t probe[sentry::detail::max_stack_frames];
    return sentry::detail::capture_addresses(probe, sentry::detail::max_stack_frames, 0);
  });
  sentry::close();
}

// The same without a stack, to show what the stack adds.
void capture_message_without_stack(benchmark::State& state) {
  sentry::options o;
  o.dsn = "https://key@127.0.0.1:9/1";
  o.transport = [](const sentry::transport_context&) { return std::make_unique<null_transport>(); };
  sentry::init(std::move(o));
  at_depth(state, [] {
    benchmark::DoNotOptimize(sentry::capture_message("checkout failed", sentry::level::error));
    return std::size_t{0};
  });
  sentry::close();
}

}  // namespace

BENCHMARK(capture_message_with_stack);
BENCHMARK(capture_message_without_stack);
BENCHMARK(capture_stack_sdk);
BENCHMARK(reference_backtrace);
BENCHMARK(reference_unwind_backtrace);
BENCHMARK(worker_capture_and_symbolize_cached);
BENCHMARK_MAIN();
