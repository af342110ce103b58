// Private: the state behind sentry::scope, and its immutable snapshots.
//
// All fields but breadcrumbs live in one scope_data object shared
// copy-on-write: a snapshot is a pointer copy, and a write copies the data
// only when a snapshot still holds it. Breadcrumbs live in breadcrumb_rings
// (O(1) snapshots too): one shared ring for breadcrumbs added through the API,
// and one ring per thread for those a thread writes in place
// (emplace_breadcrumb, the log bridge's hot path), which that thread fills
// without taking the mutex; a snapshot views them all, merged by time. A
// thread's ring joins the shared one (a copy of its newest) when the thread
// ends. Every other method takes the scope's mutex briefly and never calls
// user code while holding it.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "scope/breadcrumb_ring.hpp"
#include "sentry/event.hpp"
#include "sentry/level.hpp"
#include "sentry/value.hpp"
#include "util/shared_ref.hpp"

namespace sentry::detail {

// The trace this scope's events and logs belong to (PROTOCOL §11).
struct propagation_context {
  uuid trace_id;
  std::array<std::uint8_t, 8> span_id{};
  static propagation_context random();
  std::string span_id_hex() const;
};

struct scope_data {
  std::map<std::string, std::string> tags;
  value_object extra;
  std::map<std::string, value_object> contexts;
  sentry::user user;
  std::optional<sentry::level> level;
  std::vector<std::string> fingerprint;
  std::string transaction;
  std::optional<propagation_context> propagation;
};

// Shared copy-on-write: readers only read through it (see shared_ref).
using scope_data_ref = shared_ref<scope_data>;

struct scope_snapshot {
  scope_data_ref data;  // never null
  breadcrumb_view breadcrumbs;
};

// The process-wide maximum number of breadcrumbs (options::max_breadcrumbs
// of the current client); rings adopt it on their next write.
void set_max_breadcrumbs(std::size_t max) noexcept;
std::size_t max_breadcrumbs() noexcept;

// One thread's breadcrumbs in one scope.
struct thread_crumbs {
  explicit thread_crumbs(std::size_t capacity) : ring(capacity) {}
  breadcrumb_ring ring;
};

// The calling thread's ring in the scope it last wrote to (a trivially
// initialized thread_local, so reading it costs no initialization check).
struct last_thread_crumbs {
  std::uint64_t scope_id = 0;
  thread_crumbs* crumbs = nullptr;
};
inline thread_local last_thread_crumbs t_last_crumbs;

class scope_impl : public std::enable_shared_from_this<scope_impl> {
 public:
  explicit scope_impl(std::size_t max_breadcrumbs);

  // A new scope starting with a copy of this one's data and breadcrumbs (O(1)).
  std::shared_ptr<scope_impl> fork() const;
  scope_snapshot snapshot() const;
  // The data alone (no breadcrumbs): one pointer copy. Without the mutex
  // when the calling thread read this scope's data before and it has not
  // changed since (each thread keeps the last data it read, see data_changed).
  scope_data_ref data() const;

  // Applies `change` to a private copy of the data (copy-on-write): in place
  // when no snapshot holds the data any more.
  template <typename F>
  void update(F&& change) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!data_.unique()) data_ = scope_data_ref::make(*data_);
    change(data_.mutate());
    data_changed();
  }

  void add_breadcrumb(breadcrumb&& crumb);
  // Writes the next breadcrumb of the calling thread in place:
  // fill(crumb_slot&) assigns a reused slot (see breadcrumb_ring::emplace).
  // Without the mutex, except once per `max_breadcrumbs` breadcrumbs and on
  // a thread's first breadcrumb in this scope.
  template <typename F>
  void emplace_breadcrumb(F&& fill) {
    thread_crumbs* own = own_crumbs();
    if (!own) {
      std::lock_guard<std::mutex> lock(mutex_);
      sync_capacity(crumbs_);
      crumbs_.emplace(std::forward<F>(fill));
      return;
    }
    breadcrumb_ring& ring = own->ring;
    if (ring.capacity() != max_breadcrumbs() || !ring.has_free_slot()) {
      std::lock_guard<std::mutex> lock(mutex_);
      sync_capacity(ring);
      if (ring.capacity() == 0) return;
      if (!ring.has_free_slot()) ring.start_segment();
    }
    fill(ring.free_slot());
    ring.commit_slot();
  }
  // The calling thread's ring joins the shared one (its thread ends).
  void retire(const std::shared_ptr<thread_crumbs>& own) noexcept;
  void clear_breadcrumbs();
  // Resets data and breadcrumbs; a scope that had a propagation context gets
  // a new one (a new trace).
  void clear();

 private:
  void sync_capacity(breadcrumb_ring& ring);
  // Under mutex_, after each change of data_: a new generation, so that the
  // data the threads keep from their last data() is read again.
  void data_changed() noexcept;
  // Under mutex_: every ring's breadcrumbs, as one view.
  breadcrumb_view crumbs_view() const;
  void clear_crumbs() noexcept;
  // The calling thread's ring in this scope (registered on first use); null
  // when the thread can keep none (it is ending, or out of memory).
  thread_crumbs* own_crumbs() noexcept {
    return t_last_crumbs.scope_id == id_ ? t_last_crumbs.crumbs : find_own_crumbs();
  }
  thread_crumbs* find_own_crumbs() noexcept;

  mutable std::mutex mutex_;
  scope_data_ref data_;
  // Which data_ it is: unique among all scopes' (a process-wide counter), so
  // (scope address, generation) never names another scope's data.
  std::atomic<std::uint64_t> generation_;
  breadcrumb_ring crumbs_;
  std::vector<std::shared_ptr<thread_crumbs>> threads_;  // under mutex_
  const std::uint64_t id_;  // unique in the process: threads cache rings by it
};


// The scopes the calling thread captures with.
std::shared_ptr<scope_impl> global_scope_impl();
std::shared_ptr<scope_impl> isolation_scope_impl();
std::shared_ptr<scope_impl> current_scope_impl();
// The isolation scope without a reference count: valid while the calling
// thread's isolation_scope_guard (if any) lives. For hot paths.
scope_impl& isolation_scope_ref() noexcept;

// Snapshots of the three scopes, for a capture on this thread.
struct scope_snapshots {
  scope_snapshot global;
  scope_snapshot isolation;
  scope_snapshot current;
};
scope_snapshots snapshot_scopes();

// The most specific propagation context of the snapshots (current, isolation,
// global); the isolation scope always has one.
const propagation_context* find_propagation(const scope_snapshots& s) noexcept;
// The trace id logs on this thread belong to.
uuid current_trace_id();

}  // namespace sentry::detail
