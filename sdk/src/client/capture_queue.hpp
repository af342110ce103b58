// Private: the bounded queue between capturing threads and the worker.
//
// push() never blocks: it fails when the queue holds max_items or max_bytes
// (the caller counts the drop). Producers wake the worker only when it sleeps,
// so a burst costs one wake-up, not one per item. Thread-safe.
//
// Items live in a ring of slots that grows (doubling, up to max_items) and
// never shrinks, so in a steady state push() allocates nothing: the item is
// moved into a slot the worker emptied. (A node per item, as std::deque
// allocates for items this large, is freed by the worker: memory that crosses
// threads that way makes the capturing thread's next allocation slow.)
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace sentry::detail {

template <typename T>
class capture_queue {
 public:
  using clock = std::chrono::steady_clock;

  capture_queue(std::size_t max_items, std::size_t max_bytes)
      : max_items_(max_items), max_bytes_(max_bytes) {}

  // False when full or closed; `item` is left untouched then.
  bool push(T&& item, std::size_t bytes) { return emplace(bytes, std::move(item)); }

  // Constructs the item from `args` in its slot (no intermediate moves of a
  // large item); false when full or closed, and then nothing is constructed.
  template <typename... Args>
  bool emplace(std::size_t bytes, Args&&... args) {
    bool wake = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closed_ || count_ >= max_items_ || bytes_ + bytes > max_bytes_) return false;
      if (count_ == slots_.size() && !grow()) return false;
      slots_[(head_ + count_) % slots_.size()].emplace(bytes, std::forward<Args>(args)...);
      ++count_;
      bytes_ += bytes;
      ++pushed_;
      wake = sleeping_;
      if (wake) ++wake_ups_;
    }
    if (wake) cv_.notify_one();
    return true;
  }

  // Worker: the next item, or nullopt at `until` / when woken with nothing
  // (at once when the queue is closed and empty).
  std::optional<T> pop(clock::time_point until) {
    until = std::min(until, clock::now() + std::chrono::hours(1));
    std::unique_lock<std::mutex> lock(mutex_);
    while (count_ == 0 && !wake_requested_ && !closed_) {
      sleeping_ = true;
      sleep_until_ = std::min(until, wake_by_);  // wake_by() may bring it forward
      const bool timed_out = cv_.wait_until(lock, sleep_until_) == std::cv_status::timeout;
      sleeping_ = false;
      if (timed_out) break;
    }
    wake_requested_ = false;
    wake_by_ = clock::time_point::max();  // the worker looks at what is due next itself
    if (count_ == 0) return std::nullopt;
    std::optional<entry>& slot = slots_[head_];
    std::optional<T> out(std::move(slot->item));
    bytes_ -= slot->bytes;
    slot.reset();
    head_ = (head_ + 1) % slots_.size();
    --count_;
    return out;
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
  // Wakes the worker's pop() even when the queue is empty: its current sleep
  // ends now or, when it is awake (it may have computed its wake time before
  // the caller's news and be on its way into pop()), its next pop() returns
  // at once. (Signalling a condition variable nobody waits on costs no
  // system call.)
  void wake() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      wake_requested_ = true;
    }
    cv_.notify_one();
  }
  // Makes sure the worker is awake by `deadline` (a log batch falls due):
  // woken now only when it sleeps past it, else no system call. When it is
  // awake, on its way into pop(), that pop() sleeps until `deadline` at the
  // latest.
  void wake_by(clock::time_point deadline) {
    bool wake;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      wake_by_ = std::min(wake_by_, deadline);
      wake = sleeping_ && sleep_until_ > deadline;
      if (wake) ++wake_ups_;
    }
    if (wake) cv_.notify_one();
  }
  // How many times push(), emplace() or wake_by() found the worker asleep
  // and woke it (a system call on the caller's thread each).
  std::uint64_t wake_ups() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return wake_ups_;
  }
  // Whether the worker sleeps in pop() right now.
  bool worker_sleeps() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sleeping_;
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
    return count_;
  }
  // For a fatal-signal handler: when the lock is free right now (one try, no
  // wait), calls fn(T&) for each queued item, oldest first, and returns true.
  // Allocates nothing (nor may fn).
  template <typename F>
  bool try_for_each(F&& fn) noexcept {
    if (!mutex_.try_lock()) return false;
    for (std::size_t i = 0; i < count_; ++i) fn(slots_[(head_ + i) % slots_.size()]->item);
    mutex_.unlock();
    return true;
  }

 private:
  struct entry {
    template <typename... Args>
    explicit entry(std::size_t b, Args&&... args) : item(std::forward<Args>(args)...), bytes(b) {}
    T item;
    std::size_t bytes;
  };

  // Under the mutex, with every slot in use: doubles the ring (at most
  // max_items), oldest item first again. False when out of memory.
  bool grow() noexcept {
    const std::size_t size = std::min(max_items_, std::max<std::size_t>(16, slots_.size() * 2));
    try {
      std::vector<std::optional<entry>> grown(size);
      for (std::size_t i = 0; i < count_; ++i) {
        grown[i] = std::move(slots_[(head_ + i) % slots_.size()]);
      }
      slots_ = std::move(grown);
      head_ = 0;
      return true;
    } catch (...) {
      return false;
    }
  }

  const std::size_t max_items_;
  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::condition_variable done_cv_;
  std::vector<std::optional<entry>> slots_;  // the ring
  std::size_t head_ = 0;                      // the oldest item's slot
  std::size_t count_ = 0;
  std::size_t bytes_ = 0;
  std::uint64_t pushed_ = 0;
  std::uint64_t done_ = 0;
  static constexpr std::uint64_t no_waiter = ~std::uint64_t{0};
  std::uint64_t wake_at_done_ = no_waiter;  // the lowest target waited for
  bool sleeping_ = false;
  clock::time_point sleep_until_{};                   // while sleeping_
  clock::time_point wake_by_ = clock::time_point::max();  // see wake_by()
  std::uint64_t wake_ups_ = 0;
  bool wake_requested_ = false;
  bool closed_ = false;
};

}  // namespace sentry::detail
