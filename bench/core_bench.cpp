// Caller-side cost of the core's hot paths (issue 2), each beside a reference
// measured in the same run:
//   add_breadcrumb                     vs reference_breadcrumb_mutex_deque
//   capture_message (5 tags, 100       vs reference_capture_mutex_queue
//     breadcrumbs on the scope)
//   init_close                         vs reference_thread_start_join
//   log_call (a structured log with    vs reference_capture_mutex_queue
//     a template and one parameter,
//     enable_logs on; issue 8)
// The references are the least a hand-written equivalent must do (a locked
// bounded deque, a locked queue of shared snapshots, one worker thread), so
// the ratios say what the SDK's design costs on top. Anchors (sentry-native
// 0.16) and targets are in bench/anchors.json; tools/bench prints them all.
#include <benchmark/benchmark.h>
#include <sentry/logs.hpp>
#include <sentry/sentry.hpp>

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace {

// Takes every envelope and drops it: the worker stays cheap, so what is
// measured is the caller's side.
class null_transport final : public sentry::transport {
 public:
  void send(sentry::envelope&&) noexcept override {}
};

sentry::options bench_options() {
  sentry::options options;
  options.release = "bench@1";
  options.max_breadcrumbs = 100;
  options.include_source_context = false;
  options.transport = [](const sentry::transport_context&) {
    return std::make_unique<null_transport>();
  };
  return options;
}

sentry::breadcrumb make_crumb() {
  sentry::breadcrumb crumb;
  crumb.category = "checkout";
  crumb.message = "cart loaded with 3 items";
  return crumb;
}

void add_breadcrumb(benchmark::State& state) {
  sentry::init(bench_options());
  for (auto _ : state) sentry::add_breadcrumb(make_crumb());
  sentry::close();
}

void reference_breadcrumb_mutex_deque(benchmark::State& state) {
  std::mutex mutex;
  std::deque<sentry::breadcrumb> ring;
  for (auto _ : state) {
    sentry::breadcrumb crumb = make_crumb();
    std::lock_guard<std::mutex> lock(mutex);
    if (ring.size() == 100) ring.pop_front();
    ring.push_back(std::move(crumb));
  }
  benchmark::DoNotOptimize(ring.size());
}

void fill_scope() {
  for (int i = 0; i < 5; ++i) sentry::set_tag("tag" + std::to_string(i), "value" + std::to_string(i));
  for (int i = 0; i < 100; ++i) sentry::add_breadcrumb(make_crumb());
}

// The worker serializes each event on the other core; every 500 captures the
// clock stops while it catches up, so that no capture finds the queue full
// (a drop would be cheaper than the real path and is reported as an error).
constexpr int captures_per_flush = 500;

// Runs `capture` once per iteration against a started SDK, letting the worker
// catch up every captures_per_flush outside the timing; a drop is an error.
template <typename Capture>
void run_captures(benchmark::State& state, Capture capture) {
  int since_flush = 0;
  for (auto _ : state) {
    capture(since_flush);
    if (++since_flush == captures_per_flush) {
      state.PauseTiming();
      sentry::flush(std::chrono::seconds(30));
      since_flush = 0;
      state.ResumeTiming();
    }
  }
  sentry::flush(std::chrono::seconds(30));
  const auto dropped = sentry::discards()->total_recorded();
  sentry::close();
  if (dropped) state.SkipWithError("captures were dropped: the figure would be the drop path");
}

void capture_message(benchmark::State& state) {
  sentry::init(bench_options());
  fill_scope();
  run_captures(state, [](int) {
    benchmark::DoNotOptimize(sentry::capture_message("payment failed for order 1234", sentry::level::error));
  });
}

void log_call(benchmark::State& state) {
  sentry::options options = bench_options();
  options.enable_logs = true;
  sentry::init(options);
  run_captures(state, [](int i) { sentry::logger::info("cart loaded with {} items", i); });
}

// A minimal asynchronous capture: copy the message, share an immutable
// snapshot, push to a locked queue that a worker drains in batches.
struct minimal_event {
  std::string message;
  std::shared_ptr<const std::deque<sentry::breadcrumb>> scope;
};

void reference_capture_mutex_queue(benchmark::State& state) {
  std::mutex mutex;
  std::deque<minimal_event> queue;
  auto scope = std::make_shared<const std::deque<sentry::breadcrumb>>(100, make_crumb());
  int since_flush = 0;
  for (auto _ : state) {
    minimal_event e{"payment failed for order 1234", scope};
    {
      std::lock_guard<std::mutex> lock(mutex);
      queue.push_back(std::move(e));
    }
    if (++since_flush == captures_per_flush) {
      state.PauseTiming();
      queue.clear();
      since_flush = 0;
      state.ResumeTiming();
    }
  }
}

void init_close(benchmark::State& state) {
  for (auto _ : state) {
    sentry::init(bench_options());
    sentry::close();
  }
}

void reference_thread_start_join(benchmark::State& state) {
  for (auto _ : state) {
    std::thread worker([] { benchmark::ClobberMemory(); });
    worker.join();
  }
}

}  // namespace

BENCHMARK(add_breadcrumb);
BENCHMARK(reference_breadcrumb_mutex_deque);
BENCHMARK(capture_message);
BENCHMARK(reference_capture_mutex_queue);
BENCHMARK(log_call);
BENCHMARK(init_close)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(reference_thread_start_join)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
