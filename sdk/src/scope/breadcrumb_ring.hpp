// Private: a bounded breadcrumb buffer with O(1) snapshots.
//
// Breadcrumbs are written into fixed segments of `capacity` slots; a slot is
// written once and never changed while any snapshot can see it. The newest
// `capacity` breadcrumbs always lie in the last two segments, so a snapshot is
// a few segment pointers and counts: taking one copies no breadcrumb. A
// segment no snapshot holds any more is reused, keeping the strings' storage,
// so a steady stream of breadcrumbs does not allocate (a few left segments
// are kept for that while queued events still hold them).
//
// A slot holds either a log record's breadcrumb stored flat (record_crumb,
// written by the log bridge on the hot path) or a breadcrumb with optional
// packed_fields merged into its data when read; for_each gives complete
// breadcrumbs, for_each_stored the slots as they are.
//
// Threading: not thread-safe by itself; the owning scope guards it with its
// mutex. One exception makes a ring usable as one thread's own: that thread
// may write the next slot without the mutex while has_free_slot() (fill
// free_slot(), then commit_slot(), which publishes it), taking the mutex
// only for start_segment(); snapshot() and hide_all() (under the mutex) may
// then run on other threads meanwhile. A snapshot (breadcrumb_view) is
// immutable and may be read from any thread.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "scope/packed_fields.hpp"
#include "scope/record_crumb.hpp"
#include "sentry/breadcrumb.hpp"
#include "util/shared_ref.hpp"

namespace sentry::detail {

// One stored breadcrumb: a log record's, flat (record), or any other with
// data the producer packed (crumb + packed).
struct crumb_slot {
  record_crumb record;
  bool is_record = false;
  breadcrumb crumb;
  packed_fields packed;  // merged into crumb.data when read

  std::chrono::system_clock::time_point timestamp() const noexcept {
    return is_record ? record.timestamp() : crumb.timestamp;
  }
  // The complete breadcrumb (allocates).
  breadcrumb expanded() const;
};

struct breadcrumb_segment {
  explicit breadcrumb_segment(std::size_t capacity) : slots(new crumb_slot[capacity]), capacity(capacity) {}
  std::unique_ptr<crumb_slot[]> slots;
  std::size_t capacity;
};

// An immutable view of up to `limit` breadcrumbs: the newest by time of one
// or more sources (rings), each source's chunks oldest first.
class breadcrumb_view {
 public:
  struct chunk {
    shared_ref<breadcrumb_segment> segment;
    std::size_t begin = 0;  // slots [begin, count)
    std::size_t count = 0;
    std::size_t source = 0;
  };

  std::size_t size() const noexcept;

  // Calls fn(const breadcrumb&) for the newest `limit` breadcrumbs, oldest
  // first, complete (record and packed data expanded: allocates).
  template <typename F>
  void for_each(F&& fn) const {
    for_each_stored([&](const crumb_slot& slot) {
      if (!slot.is_record && slot.packed.empty()) {
        fn(slot.crumb);
      } else {
        fn(static_cast<const breadcrumb&>(slot.expanded()));
      }
    });
  }

  // Calls fn(const crumb_slot&) for the newest `limit` slots as stored,
  // oldest first (by time across sources; a source's own order for equal
  // times and within one source).
  template <typename F>
  void for_each_stored(F&& fn) const {
    if (sources_ <= 1) {
      std::size_t skip = total() > limit_ ? total() - limit_ : 0;
      for (const chunk& ch : chunks_) {
        for (std::size_t i = ch.begin; i < ch.count; ++i) {
          if (skip) {
            --skip;
            continue;
          }
          fn(ch.segment->slots[i]);
        }
      }
      return;
    }
    for (const crumb_slot* slot : newest_by_time()) fn(*slot);
  }

  std::size_t chunk_count() const noexcept { return chunks_.size(); }
  std::size_t source_count() const noexcept { return sources_; }
  // Adds a chunk to the newest source (new_source() starts one).
  void append(chunk c);
  void new_source() noexcept { source_started_ = false; }
  // Adds every chunk of `other` (a source of its own each).
  void append_view(const breadcrumb_view& other);
  void set_limit(std::size_t limit) noexcept { limit_ = limit; }

 private:
  std::size_t total() const noexcept;
  std::vector<const crumb_slot*> newest_by_time() const;
  std::vector<chunk> chunks_;
  std::size_t sources_ = 0;  // that have chunks
  bool source_started_ = false;
  std::size_t limit_ = 0;
};

class breadcrumb_ring {
 public:
  explicit breadcrumb_ring(std::size_t capacity = 100) noexcept : capacity_(capacity) {}

  // Starts the ring with another scope's breadcrumbs (a fork): O(1) for a
  // view of a few chunks, a copy of the newest otherwise.
  void inherit(const breadcrumb_view& parent) noexcept;
  void push(breadcrumb&& crumb);
  void push(const crumb_slot& slot);
  // Writes the next breadcrumb in place: fill(crumb_slot&) receives a reused
  // slot to assign (its strings and buffers keep their storage, so filling
  // from views does not allocate once the ring has turned over).
  template <typename F>
  void emplace(F&& fill) {
    if (capacity_ == 0) return;
    if (!has_free_slot()) start_segment();
    fill(free_slot());
    commit_slot();
  }

  // The single writer's steps (see the threading note above).
  bool has_free_slot() const noexcept {
    return newer_ && newer_count_.load(std::memory_order_relaxed) < capacity_;
  }
  void start_segment();  // under the mutex
  crumb_slot& free_slot() noexcept {
    return newer_.mutate().slots[newer_count_.load(std::memory_order_relaxed)];
  }
  void commit_slot() noexcept;

  // Hides every breadcrumb written so far (a clear that the ring's writer
  // may race with: its segments stay as they are).
  void hide_all() noexcept;
  void clear() noexcept;
  // Changes the maximum; keeps the newest breadcrumbs that still fit.
  void set_capacity(std::size_t capacity);
  std::size_t capacity() const noexcept { return capacity_; }
  // This ring's breadcrumbs, appended to `view` as one source.
  void snapshot_into(breadcrumb_view& view) const;
  breadcrumb_view snapshot() const;

 private:
  shared_ref<breadcrumb_segment> fresh_segment();

  std::size_t capacity_;
  breadcrumb_view inherited_;
  std::size_t inherited_size_ = 0;
  shared_ref<breadcrumb_segment> older_;
  std::size_t older_count_ = 0;
  // Snapshots see the first newer_count_ slots; the ring writes the next one.
  shared_ref<breadcrumb_segment> newer_;
  std::atomic<std::size_t> newer_count_{0};
  // Position of newer_'s first slot among all slots ever written, and of the
  // first one not hidden.
  std::size_t newer_base_ = 0;
  std::size_t hidden_below_ = 0;
  // Segments the ring left, each reused once no snapshot holds
  // it: events waiting in the queue hold the segments they saw, so keeping a
  // few lets the ring reuse one (strings, packed data and all) after the
  // worker is done with them instead of allocating a fresh one.
  static constexpr std::size_t max_spares = 3;
  std::array<shared_ref<breadcrumb_segment>, max_spares> spares_;
  void retire(shared_ref<breadcrumb_segment>&& segment) noexcept;
};

}  // namespace sentry::detail
