#include "scope/breadcrumb_ring.hpp"

#include <algorithm>
#include <vector>

namespace sentry::detail {

breadcrumb crumb_slot::expanded() const {
  if (is_record) return record.to_breadcrumb();
  breadcrumb out = crumb;
  packed.expand_into(out.data);
  return out;
}

// ---- breadcrumb_view ----------------------------------------------------------

std::size_t breadcrumb_view::total() const noexcept {
  std::size_t n = 0;
  for (const chunk& c : chunks_) n += c.count - c.begin;
  return n;
}

std::size_t breadcrumb_view::size() const noexcept {
  const std::size_t n = total();
  return n < limit_ ? n : limit_;
}

void breadcrumb_view::append(chunk c) {
  if (!c.segment || c.count <= c.begin) return;
  if (!source_started_) {
    ++sources_;
    source_started_ = true;
  }
  c.source = sources_ - 1;
  chunks_.push_back(std::move(c));
}

void breadcrumb_view::append_view(const breadcrumb_view& other) {
  std::size_t last = SIZE_MAX;
  for (const chunk& c : other.chunks_) {
    if (c.source != last) new_source();
    last = c.source;
    append(c);
  }
}

std::vector<const crumb_slot*> breadcrumb_view::newest_by_time() const {
  std::vector<const crumb_slot*> slots;
  slots.reserve(total());
  for (const chunk& ch : chunks_) {
    for (std::size_t i = ch.begin; i < ch.count; ++i) slots.push_back(&ch.segment->slots[i]);
  }
  std::stable_sort(slots.begin(), slots.end(), [](const crumb_slot* a, const crumb_slot* b) {
    return a->timestamp() < b->timestamp();
  });
  if (slots.size() > limit_) slots.erase(slots.begin(), slots.end() - static_cast<std::ptrdiff_t>(limit_));
  return slots;
}

// ---- breadcrumb_ring ----------------------------------------------------------

void breadcrumb_ring::inherit(const breadcrumb_view& parent) noexcept {
  clear();
  if (capacity_ == 0) return;
  // Viewed up to a bound (two chunks per thread that wrote to the parent,
  // plus what the parent inherited): a request scope forked from a scope
  // that a pool of threads logs to costs no copy. Beyond it (a fork of a
  // fork of ..., or very many threads) the newest are copied once, so views
  // stay bounded.
  constexpr std::size_t max_viewed_chunks = 64;
  try {
    if (parent.chunk_count() <= max_viewed_chunks) {
      inherited_ = parent;
      inherited_.set_limit(capacity_);
      inherited_size_ = inherited_.size();
      return;
    }
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

void breadcrumb_ring::push(breadcrumb&& crumb) {
  emplace([&](crumb_slot& slot) {
    slot.crumb = std::move(crumb);
    slot.packed.clear();
    slot.is_record = false;
  });
}

void breadcrumb_ring::push(const crumb_slot& from) {
  emplace([&](crumb_slot& slot) { slot = from; });
}

void breadcrumb_ring::start_segment() {
  // The newest `capacity` crumbs now lie in `newer` (full) plus the new
  // segment: `older` can go, and be reused once no snapshot holds it.
  shared_ref<breadcrumb_segment> fresh = fresh_segment();
  const std::size_t written = newer_count_.load(std::memory_order_relaxed);
  retire(std::move(older_));
  older_ = std::move(newer_);
  older_count_ = written;
  newer_ = std::move(fresh);
  newer_base_ += written;
  newer_count_.store(0, std::memory_order_relaxed);
  if (older_count_ >= capacity_) {
    inherited_ = breadcrumb_view{};
    inherited_size_ = 0;
  }
}

void breadcrumb_ring::commit_slot() noexcept {
  const std::size_t n = newer_count_.load(std::memory_order_relaxed) + 1;
  newer_count_.store(n, std::memory_order_release);  // publishes the slot
  if (inherited_size_ && older_count_ + n >= capacity_) {
    inherited_ = breadcrumb_view{};
    inherited_size_ = 0;
  }
}

void breadcrumb_ring::hide_all() noexcept {
  hidden_below_ = newer_base_ + newer_count_.load(std::memory_order_acquire);
  if (inherited_size_) {  // never in a ring of one thread's (its writer reads this unlocked)
    inherited_ = breadcrumb_view{};
    inherited_size_ = 0;
  }
}

void breadcrumb_ring::clear() noexcept {
  inherited_ = breadcrumb_view{};
  inherited_size_ = 0;
  older_.reset();
  older_count_ = 0;
  newer_base_ += newer_count_.load(std::memory_order_relaxed);
  hidden_below_ = newer_base_;
  newer_.reset();
  newer_count_.store(0, std::memory_order_relaxed);
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

void breadcrumb_ring::snapshot_into(breadcrumb_view& view) const {
  if (inherited_size_) view.append_view(inherited_);
  view.new_source();
  const std::size_t newer_count = newer_count_.load(std::memory_order_acquire);
  const std::size_t older_base = newer_base_ - older_count_;
  auto begin_of = [&](std::size_t base) { return hidden_below_ > base ? hidden_below_ - base : 0; };
  view.append({older_, begin_of(older_base), older_count_, 0});
  view.append({newer_, begin_of(newer_base_), newer_count, 0});
}

breadcrumb_view breadcrumb_ring::snapshot() const {
  breadcrumb_view view;
  snapshot_into(view);
  view.set_limit(capacity_);
  return view;
}

}  // namespace sentry::detail
