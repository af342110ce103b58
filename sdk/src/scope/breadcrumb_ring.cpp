#include "scope/breadcrumb_ring.hpp"

#include <vector>

namespace sentry::detail {

std::size_t breadcrumb_view::total() const noexcept {
  std::size_t n = 0;
  for (std::size_t c = 0; c < used_; ++c) n += chunks_[c].count;
  return n;
}

std::size_t breadcrumb_view::size() const noexcept {
  const std::size_t n = total();
  return n < limit_ ? n : limit_;
}

void breadcrumb_view::append(chunk c) noexcept {
  if (!c.segment || c.count == 0) return;
  if (used_ == max_chunks) {
    // Drop the oldest chunk; callers keep at most `limit` newest crumbs in
    // the newer chunks, so nothing visible is lost.
    for (std::size_t i = 1; i < max_chunks; ++i) chunks_[i - 1] = std::move(chunks_[i]);
    --used_;
  }
  chunks_[used_++] = std::move(c);
}

void breadcrumb_ring::inherit(const breadcrumb_view& parent) noexcept {
  clear();
  if (capacity_ == 0) return;
  if (parent.chunk_count() <= 2) {
    inherited_ = parent;
    inherited_.set_limit(capacity_);
    inherited_size_ = inherited_.size();
    return;
  }
  // A fork of a fork: copy the crumbs once so views stay at most 4 chunks.
  try {
    breadcrumb_view limited = parent;
    limited.set_limit(capacity_);
    limited.for_each_stored([&](const crumb_slot& slot) { push(slot); });
  } catch (...) {
    clear();
  }
}

shared_ref<breadcrumb_segment> breadcrumb_ring::fresh_segment() {
  // unique(): the snapshots that held a spare are gone, and their reads of
  // its slots happened before the slots are written again.
  for (auto& spare : spares_) {
    if (spare.unique() && spare->capacity == capacity_) return std::move(spare);
  }
  return shared_ref<breadcrumb_segment>::make(capacity_);
}

void breadcrumb_ring::retire(shared_ref<breadcrumb_segment>&& segment) noexcept {
  if (!segment) return;
  for (auto& spare : spares_) {
    if (!spare) {
      spare = std::move(segment);
      return;
    }
  }
  // All kept: the first goes (freed by whoever holds it last).
  for (std::size_t i = 1; i < max_spares; ++i) spares_[i - 1] = std::move(spares_[i]);
  spares_[max_spares - 1] = std::move(segment);
}

breadcrumb crumb_slot::expanded() const {
  if (is_record) return record.to_breadcrumb();
  breadcrumb out = crumb;
  packed.expand_into(out.data);
  return out;
}

void breadcrumb_ring::push(breadcrumb&& crumb) {
  if (capacity_ == 0) return;
  crumb_slot& slot = next_slot();
  slot.crumb = std::move(crumb);
  slot.packed.clear();
  slot.is_record = false;
  commit_slot();
}

void breadcrumb_ring::push(const crumb_slot& from) {
  if (capacity_ == 0) return;
  next_slot() = from;
  commit_slot();
}

crumb_slot& breadcrumb_ring::next_slot() {
  if (!newer_ || newer_count_ == capacity_) {
    // The newest `capacity` crumbs now lie in `newer` (full) plus the new
    // segment: `older` can go, and be reused once no snapshot holds it.
    retire(std::move(older_));
    older_ = std::move(newer_);
    older_count_ = newer_count_;
    newer_ = fresh_segment();
    newer_count_ = 0;
    if (older_count_ >= capacity_) {
      inherited_ = breadcrumb_view{};
      inherited_size_ = 0;
    }
  }
  return newer_.mutate().slots[newer_count_];
}

void breadcrumb_ring::commit_slot() noexcept {
  ++newer_count_;
  if (inherited_size_ && older_count_ + newer_count_ >= capacity_) {
    inherited_ = breadcrumb_view{};
    inherited_size_ = 0;
  }
}

void breadcrumb_ring::clear() noexcept {
  inherited_ = breadcrumb_view{};
  inherited_size_ = 0;
  older_.reset();
  older_count_ = 0;
  newer_.reset();
  newer_count_ = 0;
  for (auto& spare : spares_) spare.reset();
}

void breadcrumb_ring::set_capacity(std::size_t capacity) {
  if (capacity == capacity_) return;
  std::vector<crumb_slot> keep;
  breadcrumb_view view = snapshot();
  view.set_limit(capacity);
  view.for_each_stored([&](const crumb_slot& slot) { keep.push_back(slot); });
  clear();
  capacity_ = capacity;
  for (const crumb_slot& slot : keep) push(slot);
}

breadcrumb_view breadcrumb_ring::snapshot() const noexcept {
  breadcrumb_view view;
  if (inherited_size_) view = inherited_;
  view.append({older_, older_count_});
  view.append({newer_, newer_count_});
  view.set_limit(capacity_);
  return view;
}

}  // namespace sentry::detail
