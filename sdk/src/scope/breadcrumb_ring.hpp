// Private: a scope's bounded breadcrumb buffer with O(1) snapshots.
//
// Breadcrumbs are written into fixed segments of `capacity` slots; a slot is
// written once and never changed while any snapshot can see it. The newest
// `capacity` breadcrumbs always lie in the last two segments, so a snapshot is
// a few segment pointers and counts: taking one copies no breadcrumb. A
// segment no snapshot holds any more is reused, keeping the strings' storage,
// so a steady stream of breadcrumbs does not allocate (a few left segments
// are kept for that while queued events still hold them).
//
// Each slot may also hold packed_fields: data written flat by a producer on
// the hot path (the log bridge) and merged into breadcrumb::data only when the
// breadcrumb is read (for_each gives the merged breadcrumb).
//
// Not thread-safe: the owning scope serializes access with its mutex. A
// snapshot (breadcrumb_view) is immutable and may be read from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

#include "scope/packed_fields.hpp"
#include "sentry/breadcrumb.hpp"
#include "util/shared_ref.hpp"

namespace sentry::detail {

struct breadcrumb_segment {
  explicit breadcrumb_segment(std::size_t capacity)
      : slots(new breadcrumb[capacity]), packed(new packed_fields[capacity]), capacity(capacity) {}
  std::unique_ptr<breadcrumb[]> slots;
  std::unique_ptr<packed_fields[]> packed;  // slot i's packed data
  std::size_t capacity;
};

// A breadcrumb with its packed data merged into `data`.
inline breadcrumb expand_breadcrumb(const breadcrumb& b, const packed_fields& packed) {
  breadcrumb out = b;
  packed.expand_into(out.data);
  return out;
}

// An immutable view of up to `limit` breadcrumbs, oldest first.
class breadcrumb_view {
 public:
  struct chunk {
    shared_ref<breadcrumb_segment> segment;
    std::size_t count = 0;
  };
  static constexpr std::size_t max_chunks = 4;

  std::size_t size() const noexcept;

  // Calls fn(const breadcrumb&) for the newest `limit` breadcrumbs, oldest
  // first, with their packed data merged into `data`.
  template <typename F>
  void for_each(F&& fn) const {
    for_each_stored([&](const breadcrumb& b, const packed_fields& packed) {
      if (packed.empty()) {
        fn(b);
      } else {
        fn(static_cast<const breadcrumb&>(expand_breadcrumb(b, packed)));
      }
    });
  }

  // Calls fn(const breadcrumb&, const packed_fields&) for the slots as stored.
  template <typename F>
  void for_each_stored(F&& fn) const {
    std::size_t skip = total() > limit_ ? total() - limit_ : 0;
    for (std::size_t c = 0; c < used_; ++c) {
      const chunk& ch = chunks_[c];
      for (std::size_t i = 0; i < ch.count; ++i) {
        if (skip) {
          --skip;
          continue;
        }
        fn(ch.segment->slots[i], ch.segment->packed[i]);
      }
    }
  }

  std::size_t chunk_count() const noexcept { return used_; }
  void append(chunk c) noexcept;
  void set_limit(std::size_t limit) noexcept { limit_ = limit; }

 private:
  std::size_t total() const noexcept;
  std::array<chunk, max_chunks> chunks_{};
  std::size_t used_ = 0;
  std::size_t limit_ = 0;
};

class breadcrumb_ring {
 public:
  explicit breadcrumb_ring(std::size_t capacity = 100) noexcept : capacity_(capacity) {}

  // Starts the ring with another scope's breadcrumbs (a fork); O(1).
  void inherit(const breadcrumb_view& parent) noexcept;
  void push(breadcrumb&& crumb);
  void push(breadcrumb&& crumb, const packed_fields& packed);
  // Writes the next breadcrumb in place: fill(breadcrumb&) receives a reused
  // slot (assign every field; the strings keep their storage, so filling from
  // views does not allocate once the ring has turned over). A fill taking
  // (breadcrumb&, packed_fields&) also receives the slot's packed data,
  // cleared, to append to.
  template <typename F>
  void emplace(F&& fill) {
    if (capacity_ == 0) return;
    breadcrumb& slot = next_slot();
    packed_fields& packed = newer_.mutate().packed[newer_count_];
    packed.clear();
    if constexpr (std::is_invocable_v<F&, breadcrumb&, packed_fields&>) {
      fill(slot, packed);
    } else {
      fill(slot);
    }
    commit_slot();
  }
  void clear() noexcept;
  // Changes the maximum; keeps the newest breadcrumbs that still fit.
  void set_capacity(std::size_t capacity);
  std::size_t capacity() const noexcept { return capacity_; }
  breadcrumb_view snapshot() const noexcept;

 private:
  shared_ref<breadcrumb_segment> fresh_segment();
  breadcrumb& next_slot();
  void commit_slot() noexcept;

  std::size_t capacity_;
  breadcrumb_view inherited_;
  std::size_t inherited_size_ = 0;
  shared_ref<breadcrumb_segment> older_;
  std::size_t older_count_ = 0;
  // Snapshots see its first newer_count_ slots; the ring writes the next one.
  shared_ref<breadcrumb_segment> newer_;
  std::size_t newer_count_ = 0;
  // Segments the ring left, each reused once no snapshot holds
  // it: events waiting in the queue hold the segments they saw, so keeping a
  // few lets the ring reuse one (strings, packed data and all) after the
  // worker is done with them instead of allocating a fresh one.
  static constexpr std::size_t max_spares = 3;
  std::array<shared_ref<breadcrumb_segment>, max_spares> spares_;
  void retire(shared_ref<breadcrumb_segment>&& segment) noexcept;
};

}  // namespace sentry::detail
