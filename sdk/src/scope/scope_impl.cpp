#include "scope/scope_impl.hpp"

#include <algorithm>
#include <atomic>
#include <vector>

namespace sentry::detail {

namespace {

std::atomic<std::size_t> g_max_breadcrumbs{100};
std::atomic<std::uint64_t> g_next_scope_id{1};
std::atomic<std::uint64_t> g_next_generation{1};

// The data the calling thread last read with scope_impl::data(), and of
// which scope and generation: read again while both are the same, without
// the scope's mutex and its two atomic operations. Holds one reference (the
// data lives until the thread reads other data or ends).
struct thread_data_cache {
  const scope_impl* scope = nullptr;
  std::uint64_t generation = 0;
  scope_data_ref data;
  ~thread_data_cache();
};
thread_local bool t_data_cache_gone = false;
thread_local thread_data_cache t_data_cache;
thread_data_cache::~thread_data_cache() { t_data_cache_gone = true; }

// The rings the calling thread writes to, by scope; when the thread ends,
// each joins its scope's shared ring.
struct thread_crumb_cache {
  struct entry {
    std::uint64_t scope_id;
    std::weak_ptr<scope_impl> scope;
    std::shared_ptr<thread_crumbs> crumbs;
  };
  std::vector<entry> entries;

  ~thread_crumb_cache();
  // Drops the entries of scopes that are gone (when there are many).
  void prune() noexcept {
    if (entries.size() < 8) return;
    for (auto it = entries.begin(); it != entries.end();) {
      it = it->scope.expired() ? entries.erase(it) : it + 1;
    }
  }
};

thread_local bool t_crumb_cache_gone = false;
thread_local thread_crumb_cache t_crumb_cache;

thread_crumb_cache::~thread_crumb_cache() {
  t_crumb_cache_gone = true;
  t_last_crumbs = {};
  for (entry& e : entries) {
    if (auto s = e.scope.lock()) s->retire(e.crumbs);
  }
}

}  // namespace

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
    : data_(scope_data_ref::make()),
      generation_(g_next_generation.fetch_add(1, std::memory_order_relaxed)),
      crumbs_(max_breadcrumbs),
      id_(g_next_scope_id.fetch_add(1, std::memory_order_relaxed)) {}

thread_crumbs* scope_impl::find_own_crumbs() noexcept {
  if (t_crumb_cache_gone) return nullptr;  // the thread is ending
  try {
    thread_crumb_cache& cache = t_crumb_cache;
    for (auto& e : cache.entries) {
      if (e.scope_id == id_) {
        t_last_crumbs = {id_, e.crumbs.get()};
        return e.crumbs.get();
      }
    }
    cache.prune();
    auto own = std::make_shared<thread_crumbs>(max_breadcrumbs());
    cache.entries.push_back({id_, weak_from_this(), own});
    {
      std::lock_guard<std::mutex> lock(mutex_);
      threads_.push_back(own);
    }
    t_last_crumbs = {id_, own.get()};
    return own.get();
  } catch (...) {
    return nullptr;  // out of memory: the shared ring, under the mutex
  }
}

void scope_impl::retire(const std::shared_ptr<thread_crumbs>& own) noexcept {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = std::find(threads_.begin(), threads_.end(), own);
  if (it == threads_.end()) return;
  try {
    // The newest of both, by time, into the shared ring.
    breadcrumb_view both;
    crumbs_.snapshot_into(both);
    own->ring.snapshot_into(both);
    both.set_limit(max_breadcrumbs());
    std::vector<crumb_slot> keep;
    keep.reserve(both.size());
    both.for_each_stored([&](const crumb_slot& slot) { keep.push_back(slot); });
    sync_capacity(crumbs_);
    crumbs_.clear();
    for (const crumb_slot& slot : keep) crumbs_.push(slot);
  } catch (...) {
    // Out of memory: the ending thread's breadcrumbs are lost.
  }
  threads_.erase(it);
}

std::shared_ptr<scope_impl> scope_impl::fork() const {
  auto child = std::make_shared<scope_impl>(max_breadcrumbs());
  std::lock_guard<std::mutex> lock(mutex_);
  child->data_ = data_;  // shared until either side writes
  child->data_changed();
  child->crumbs_.inherit(crumbs_view());
  return child;
}

breadcrumb_view scope_impl::crumbs_view() const {
  breadcrumb_view view;
  crumbs_.snapshot_into(view);
  for (const auto& t : threads_) t->ring.snapshot_into(view);
  view.set_limit(max_breadcrumbs());
  return view;
}

scope_snapshot scope_impl::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return scope_snapshot{data_, crumbs_view()};
}

scope_data_ref scope_impl::data() const {
  if (t_data_cache_gone) {  // the thread is ending
    std::lock_guard<std::mutex> lock(mutex_);
    return data_;
  }
  thread_data_cache& cache = t_data_cache;
  // Acquire: pairs with data_changed()'s release. A generation seen here was
  // stored after data_ was; the cache holds the data_ read with it.
  const std::uint64_t generation = generation_.load(std::memory_order_acquire);
  if (cache.scope == this && cache.generation == generation) return cache.data;
  scope_data_ref previous = std::move(cache.data);  // released after the unlock
  std::lock_guard<std::mutex> lock(mutex_);
  cache.scope = this;
  cache.generation = generation_.load(std::memory_order_relaxed);
  cache.data = data_;
  return data_;
}

void scope_impl::data_changed() noexcept {
  generation_.store(g_next_generation.fetch_add(1, std::memory_order_relaxed),
                    std::memory_order_release);
}

void scope_impl::sync_capacity(breadcrumb_ring& ring) {
  const std::size_t max = max_breadcrumbs();
  if (ring.capacity() != max) ring.set_capacity(max);
}

void scope_impl::add_breadcrumb(breadcrumb&& crumb) {
  std::lock_guard<std::mutex> lock(mutex_);
  sync_capacity(crumbs_);
  crumbs_.push(std::move(crumb));
}

void scope_impl::clear_breadcrumbs() {
  std::lock_guard<std::mutex> lock(mutex_);
  clear_crumbs();
}

void scope_impl::clear_crumbs() noexcept {
  crumbs_.clear();
  for (const auto& t : threads_) t->ring.hide_all();
}

void scope_impl::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  const bool had_trace = data_->propagation.has_value();
  data_ = scope_data_ref::make();
  // In the same critical section: no capture may see a scope that had a
  // trace without one.
  if (had_trace) data_.mutate().propagation = propagation_context::random();
  data_changed();
  clear_crumbs();
}

}  // namespace sentry::detail
