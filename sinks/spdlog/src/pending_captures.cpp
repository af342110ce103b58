#include "sentry/spdlog/detail/sink_core.hpp"

namespace sentry::spdlog::detail {

void pending_captures::put(const key& k, std::shared_ptr<const async_capture> capture,
                           std::size_t limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  waiting_[k] = std::move(capture);
  // Records spdlog's pool dropped never come for theirs: the oldest go first.
  while (waiting_.size() > limit && !waiting_.empty()) waiting_.erase(waiting_.begin());
  size_.store(waiting_.size(), std::memory_order_relaxed);
}

std::shared_ptr<const async_capture> pending_captures::take(const key& k) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = waiting_.find(k);
  if (it == waiting_.end()) return nullptr;
  std::shared_ptr<const async_capture> found = std::move(it->second);
  waiting_.erase(it);
  size_.store(waiting_.size(), std::memory_order_relaxed);
  return found;
}

}  // namespace sentry::spdlog::detail
