// Private: the backpressure health check (PROTOCOL §6.3).
//
// tick() runs on the worker thread; factor() may be read from any thread.
// Every `interval` (10 s) one check: unhealthy raises the downsampling factor
// by one (at most 10), healthy resets it to 0. The factor halves the
// transaction sample rate per step.
#pragma once

#include <atomic>
#include <chrono>

namespace sentry::detail {

class backpressure_monitor {
 public:
  using clock = std::chrono::steady_clock;
  static constexpr int max_factor = 10;

  explicit backpressure_monitor(clock::duration interval = std::chrono::seconds(10)) noexcept
      : interval_(interval) {}

  // Whether a check is due at `now`; the first one is due one interval after
  // the first call.
  bool due(clock::time_point now) noexcept;
  // Records the outcome of a due check.
  void check(bool healthy) noexcept;
  // When the next check is due.
  clock::time_point next_check() const noexcept { return next_; }

  int factor() const noexcept { return factor_.load(std::memory_order_relaxed); }

 private:
  clock::duration interval_;
  clock::time_point next_{};
  bool started_ = false;
  std::atomic<int> factor_{0};
};

}  // namespace sentry::detail
