#include "logs/log_batcher.hpp"

#include <iterator>

namespace sentry::detail {

std::vector<log_batch> log_batcher::split_locked() {
  std::vector<log_batch> out;
  if (waiting_.empty()) return out;
  if (waiting_.size() <= batch_size) {
    // One batch: hand over the buffer itself (no log is moved), and give the
    // next batch room at once (one allocation, instead of regrowing).
    out.push_back(std::move(waiting_));
    waiting_ = std::vector<pending_log>();
    waiting_.reserve(batch_size);
    return out;
  }
  for (std::size_t i = 0; i < waiting_.size(); i += batch_size) {
    const std::size_t end = std::min(waiting_.size(), i + batch_size);
    out.emplace_back(std::make_move_iterator(waiting_.begin() + static_cast<std::ptrdiff_t>(i)),
                     std::make_move_iterator(waiting_.begin() + static_cast<std::ptrdiff_t>(end)));
  }
  waiting_.clear();
  return out;
}

namespace {

// Asks for the cache lines of the slot the next log will be moved into. The
// batch's memory was last the worker's (it freed the previous batch): fetched
// now, in the background, the next add() does not stall on it while holding
// the lock. The inline texts past the first few lines are rarely all used.
void prefetch_slot(const std::vector<pending_log>& logs) noexcept {
  if (logs.size() >= logs.capacity()) return;
  const char* slot = reinterpret_cast<const char*>(logs.data() + logs.size());
  constexpr std::size_t lines = (sizeof(pending_log) - log_texts::inline_capacity + 128) / 64;
  for (std::size_t i = 0; i < lines; ++i) __builtin_prefetch(slot + 64 * i, 1, 3);
}

}  // namespace

log_batcher::result log_batcher::add(pending_log&& log, std::vector<log_batch>& ready) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed_ || waiting_.size() >= max_waiting) return result::dropped;
  const bool first = waiting_.empty() && !worker_knows_due_;
  if (waiting_.empty()) first_at_ = clock::now();
  waiting_.push_back(std::move(log));
  if (waiting_.size() % batch_size != 0) {
    prefetch_slot(waiting_);
    return first ? result::first : result::added;
  }
  ready = split_locked();
  prefetch_slot(waiting_);
  return result::batch_ready;
}

std::vector<pending_log> log_batcher::put_back(std::vector<log_batch>&& refused) {
  std::vector<pending_log> overflow;
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<pending_log> merged;
  for (auto& batch : refused)
    for (auto& l : batch) merged.push_back(std::move(l));
  const bool was_empty = waiting_.empty();
  for (auto& l : waiting_) merged.push_back(std::move(l));
  if (closed_) {
    waiting_.clear();
    return merged;  // all of them: nothing would take them any more
  }
  if (merged.size() > max_waiting) {
    // Keep the oldest: drop what arrived last, as a full buffer does.
    overflow.assign(std::make_move_iterator(merged.begin() + max_waiting),
                    std::make_move_iterator(merged.end()));
    merged.resize(max_waiting);
  }
  waiting_ = std::move(merged);
  if (was_empty && !waiting_.empty()) first_at_ = clock::now();
  return overflow;
}

std::vector<log_batch> log_batcher::take_due(clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (waiting_.empty() || now - first_at_ < max_wait) return {};
  return split_locked();
}

std::vector<log_batch> log_batcher::take_all() {
  std::lock_guard<std::mutex> lock(mutex_);
  return split_locked();
}

std::vector<log_batch> log_batcher::close() {
  std::lock_guard<std::mutex> lock(mutex_);
  closed_ = true;
  return split_locked();
}

bool log_batcher::try_take_waiting(std::vector<pending_log>& into) noexcept {
  if (!mutex_.try_lock()) return false;
  waiting_.swap(into);
  mutex_.unlock();
  return true;
}

log_batcher::clock::time_point log_batcher::due_at() {
  std::lock_guard<std::mutex> lock(mutex_);
  worker_knows_due_ = !waiting_.empty();
  return waiting_.empty() ? clock::time_point::max() : first_at_ + max_wait;
}

}  // namespace sentry::detail
