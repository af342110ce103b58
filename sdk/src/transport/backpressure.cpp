#include "transport/backpressure.hpp"

#include <algorithm>

namespace sentry::detail {

bool backpressure_monitor::due(clock::time_point now) noexcept {
  if (!started_) {
    started_ = true;
    next_ = now + interval_;
    return false;
  }
  if (now < next_) return false;
  next_ = now + interval_;
  return true;
}

void backpressure_monitor::check(bool healthy) noexcept {
  const int current = factor_.load(std::memory_order_relaxed);
  factor_.store(healthy ? 0 : std::min(current + 1, max_factor), std::memory_order_relaxed);
}

}  // namespace sentry::detail
