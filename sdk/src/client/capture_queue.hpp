// Private: the bounded queue between capturing threads and the worker.
//
// push() never blocks: it fails when the queue holds max_items or max_bytes
// (the caller counts the drop). Producers wake the worker only when it sleeps,
// so a burst costs one wake-up, not one per item. Thread-safe.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

namespace sentry::detail {

template <typename T>
class capture_queue {
 public:
  using clock = std::chrono::steady_clock;

  capture_queue(std::size_t max_items, std::size_t max_bytes)
      : max_items_(max_items), max_bytes_(max_bytes) {}

  // False when full or closed; `item` is left untouched then.
  bool push(T&& item, std::size_t bytes) {
    bool wake = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closed_ || items_.size() >= max_items_ || bytes_ + bytes > max_bytes_) return false;
      items_.push_back(entry{std::move(item), bytes});
      bytes_ += bytes;
      ++pushed_;
      wake = sleeping_;
    }
    if (wake) cv_.notify_one();
    return true;
  }

  // Worker: the next item, or nullopt at `until` / when woken with nothing
  // (at once when the queue is closed and empty).
  std::optional<T> pop(clock::time_point until) {
    until = std::min(until, clock::now() + std::chrono::hours(1));
    std::unique_lock<std::mutex> lock(mutex_);
    while (items_.empty() && !wake_requested_ && !closed_) {
      sleeping_ = true;
      const bool timed_out = cv_.wait_until(lock, until) == std::cv_status::timeout;
      sleeping_ = false;
      if (timed_out) break;
    }
    wake_requested_ = false;
    if (items_.empty()) return std::nullopt;
    entry e = std::move(items_.front());
    items_.pop_front();
    bytes_ -= e.bytes;
    return std::optional<T>(std::move(e.item));
  }

  // Worker: the count of items taken so far and finished. Wakes waiters
  // only when the lowest target one of them waits for is reached (not once
  // per item: a flush during a burst would cost two context switches each).
  void mark_done() {
    bool reached;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++done_;
      reached = done_ >= wake_at_done_;
      if (reached) wake_at_done_ = no_waiter;
    }
    if (reached) done_cv_.notify_all();
  }

  // Any thread: the number of items pushed so far (a flush target).
  std::uint64_t pushed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return pushed_;
  }
  std::uint64_t done() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return done_;
  }
  // Waits until `target` items are done or `until` passes.
  bool wait_done(std::uint64_t target, clock::time_point until) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (done_ < target) {
      wake_at_done_ = std::min(wake_at_done_, target);
      if (done_cv_.wait_until(lock, until) == std::cv_status::timeout) return done_ >= target;
    }
    return true;
  }
  // Wakes the worker's pop() even when the queue is empty.
  void wake() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      wake_requested_ = true;
    }
    cv_.notify_one();
  }
  // Wakes the worker only if it sleeps (it then recomputes when to wake).
  void wake_if_sleeping() {
    bool sleeping;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      sleeping = sleeping_;
      if (sleeping) wake_requested_ = true;
    }
    if (sleeping) cv_.notify_one();
  }
  // Refuses further pushes and wakes the worker.
  void close() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
      wake_requested_ = true;
    }
    cv_.notify_one();
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return items_.size();
  }

 private:
  struct entry {
    T item;
    std::size_t bytes;
  };
  const std::size_t max_items_;
  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::condition_variable done_cv_;
  std::deque<entry> items_;
  std::size_t bytes_ = 0;
  std::uint64_t pushed_ = 0;
  std::uint64_t done_ = 0;
  static constexpr std::uint64_t no_waiter = ~std::uint64_t{0};
  std::uint64_t wake_at_done_ = no_waiter;  // the lowest target waited for
  bool sleeping_ = false;
  bool wake_requested_ = false;
  bool closed_ = false;
};

}  // namespace sentry::detail
