#include "scope/scope_impl.hpp"

#include <atomic>

namespace sentry::detail {

namespace {
std::atomic<std::size_t> g_max_breadcrumbs{100};
}

propagation_context propagation_context::random() {
  propagation_context p;
  p.trace_id = uuid::generate();
  const uuid span = uuid::generate();
  for (std::size_t i = 0; i < p.span_id.size(); ++i) p.span_id[i] = span.bytes[i];
  return p;
}

std::string propagation_context::span_id_hex() const {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(16);
  for (auto b : span_id) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 15]);
  }
  return out;
}

const propagation_context* find_propagation(const scope_snapshots& s) noexcept {
  for (const scope_snapshot* snap : {&s.current, &s.isolation, &s.global}) {
    if (snap->data && snap->data->propagation) return &*snap->data->propagation;
  }
  return nullptr;
}

void set_max_breadcrumbs(std::size_t max) noexcept {
  g_max_breadcrumbs.store(max, std::memory_order_relaxed);
}

std::size_t max_breadcrumbs() noexcept { return g_max_breadcrumbs.load(std::memory_order_relaxed); }

scope_impl::scope_impl(std::size_t max_breadcrumbs)
    : data_(scope_data_ref::make()), crumbs_(max_breadcrumbs) {}

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

scope_data_ref scope_impl::data() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return data_;
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
  const bool had_trace = data_->propagation.has_value();
  data_ = scope_data_ref::make();
  // In the same critical section: no capture may see a scope that had a
  // trace without one.
  if (had_trace) data_.mutate().propagation = propagation_context::random();
  crumbs_.clear();
}

}  // namespace sentry::detail
