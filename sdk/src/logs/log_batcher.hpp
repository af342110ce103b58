// Private: collects logs on the callers' threads into batches of up to 100.
//
// add() is a short critical section (a vector push). When a batch is full it
// is handed, unserialized, to the client's queue; when that queue refuses it,
// logs keep waiting here up to 1000 in all, and only then are dropped (the
// caller counts them). The worker takes a batch that waited 5 s (take_due),
// and flush/close take everything (take_all); after close() every log is
// refused. A crash handler takes what waits (try_take_waiting). Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <vector>

#include "logs/pending_log.hpp"

namespace sentry::detail {

using log_batch = std::vector<pending_log>;

class log_batcher {
 public:
  using clock = std::chrono::steady_clock;
  static constexpr std::size_t batch_size = 100;
  static constexpr std::size_t max_waiting = 1000;
  static constexpr std::chrono::seconds max_wait{5};

  // first: the log is the only one waiting and the worker does not know of
  // any log waiting (it must learn when this one is due: wake it). A log that
  // starts a new batch while the worker knows of waiting logs is `added`:
  // the worker wakes no later than when those were due, and learns of it then.
  enum class result { added, first, batch_ready, dropped };

  // batch_ready: `ready` now holds full batches to hand on (in order).
  result add(pending_log&& log, std::vector<log_batch>& ready);
  // Puts back batches the queue refused (at the front, keeping order).
  // Returns the logs that did not fit under max_waiting, to be counted.
  std::vector<pending_log> put_back(std::vector<log_batch>&& refused);
  // The waiting logs in batches of at most batch_size, if the oldest waited
  // max_wait (or always, for take_all).
  std::vector<log_batch> take_due(clock::time_point now);
  std::vector<log_batch> take_all();
  // take_all, and from then on add() drops and put_back() returns every log
  // (the client has closed: nothing would take them any more).
  std::vector<log_batch> close();
  // The fatal-signal handler's way in: when the lock is free right now
  // (one try, no wait), swaps the waiting logs with `into` (which should be
  // empty) and returns true. Nothing is allocated or freed, and the logs
  // taken are no longer this batcher's: nobody else sends them.
  bool try_take_waiting(std::vector<pending_log>& into) noexcept;
  // When the oldest waiting log is due (time_point::max() when none waits).
  // The worker's question before it sleeps: from then on it knows of the
  // logs waiting now.
  clock::time_point due_at();

 private:
  std::vector<log_batch> split_locked();

  std::mutex mutex_;
  std::vector<pending_log> waiting_;
  clock::time_point first_at_{};
  bool closed_ = false;
  // The worker's last due_at() saw logs waiting: it wakes by the time they
  // are due, which is no later than any log added since is due.
  bool worker_knows_due_ = false;
};

}  // namespace sentry::detail
