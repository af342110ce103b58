#include "scope/scope_impl.hpp"

#include <atomic>

namespace sentry::detail {

namespace {
std::atomic<std::size_t> g_max_breadcrumbs{100};
}

void set_max_breadcrumbs(std::size_t max) noexcept {
  g_max_breadcrumbs.store(max, std::memory_order_relaxed);
}

std::size_t max_breadcrumbs() noexcept { return g_max_breadcrumbs.load(std::memory_order_relaxed); }

scope_impl::scope_impl(std::size_t max_breadcrumbs)
    : data_(std::make_shared<scope_data>()), crumbs_(max_breadcrumbs) {}

std::shared_ptr<scope_impl> scope_impl::fork() const {
  auto child = std::make_shared<scope_impl>(max_breadcrumbs());
  std::lock_guard<std::mutex> lock(mutex_);
  child->data_ = data_;  // shared until either side writes
  child->crumbs_.inherit(crumbs_.snapshot());
  return child;
}

scope_snapshot scope_impl::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return scope_snapshot{data_, crumbs_.snapshot()};
}

void scope_impl::sync_capacity() {
  const std::size_t max = max_breadcrumbs();
  if (crumbs_.capacity() != max) crumbs_.set_capacity(max);
}

void scope_impl::add_breadcrumb(breadcrumb&& crumb) {
  std::lock_guard<std::mutex> lock(mutex_);
  sync_capacity();
  crumbs_.push(std::move(crumb));
}

void scope_impl::clear_breadcrumbs() {
  std::lock_guard<std::mutex> lock(mutex_);
  crumbs_.clear();
}

void scope_impl::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  data_ = std::make_shared<scope_data>();
  crumbs_.clear();
}

}  // namespace sentry::detail
