// For the bench programs whose records reach the SDK's queues (events,
// structured logs): the benchmark loop, letting the SDK's worker drain its
// queues every few records, off the clock, so that the queue neither
// overflows (a cheaper, unrepresentative path) nor grows into fresh memory.
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstddef>

#include "sentry/sentry.hpp"

namespace sentry_bench {

// Runs `log` once per iteration and flushes the SDK every `every` iterations
// and after the loop, untimed.
template <typename Log>
void draining(benchmark::State& state, Log log, std::size_t every = 250) {
  std::size_t n = 0;
  for (auto _ : state) {
    log();
    if (++n % every == 0) {
      state.PauseTiming();
      sentry::flush(std::chrono::seconds(10));
      state.ResumeTiming();
    }
  }
  sentry::flush(std::chrono::seconds(10));  // the loop is over: off the clock
}

}  // namespace sentry_bench
