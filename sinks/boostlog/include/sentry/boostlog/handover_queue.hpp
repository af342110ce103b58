// sentry/boostlog/handover_queue.hpp: the queueing strategy of
// sentry::boostlog::async_sink.
//
// Boost.Log's unbounded_fifo_queue, unchanged, that also tells
// ThreadSanitizer about the hand-over of each record from the logging thread
// to the frontend's feeding thread. That hand-over is synchronized inside
// libboost_log (threadsafe_queue_impl, built without TSan), so a TSan build
// would see every read of a record on the feeding thread as a race with the
// thread that made it. The logging thread releases the record just before
// queueing it and the feeding thread acquires it once dequeued, which is the
// order the library's queue already guarantees.
//
// async_queue, the queue of sentry::boostlog::async_sink, is handover_queue in
// a ThreadSanitizer build and plain unbounded_fifo_queue otherwise, so that
// outside TSan async_sink is the very type asynchronous_sink<sink_backend>.
//
// Cost: nothing outside a ThreadSanitizer build (not used there); the queue's
// own behaviour is unbounded_fifo_queue's.
// Threading: as unbounded_fifo_queue (any number of producers, one consumer).
#pragma once

#include <boost/log/core/record_view.hpp>
#include <boost/log/sinks/unbounded_fifo_queue.hpp>

#if defined(__SANITIZE_THREAD__)
#define SENTRY_BOOSTLOG_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SENTRY_BOOSTLOG_TSAN 1
#endif
#endif

#if defined(SENTRY_BOOSTLOG_TSAN)
#include <sanitizer/tsan_interface.h>
#endif

namespace sentry::boostlog {

class handover_queue : public boost::log::sinks::unbounded_fifo_queue {
  using base = boost::log::sinks::unbounded_fifo_queue;

 protected:
  handover_queue() = default;
  template <typename Args>
  explicit handover_queue(const Args& args) : base(args) {}

  void enqueue(const boost::log::record_view& rec) {
    publish(rec);
    base::enqueue(rec);
  }
  bool try_enqueue(const boost::log::record_view& rec) {
    publish(rec);
    return base::try_enqueue(rec);
  }
  bool try_dequeue_ready(boost::log::record_view& rec) {
    return received(base::try_dequeue_ready(rec), rec);
  }
  bool try_dequeue(boost::log::record_view& rec) { return received(base::try_dequeue(rec), rec); }
  bool dequeue_ready(boost::log::record_view& rec) {
    return received(base::dequeue_ready(rec), rec);
  }

 private:
  // The record's attribute values live as long as the record: their address
  // names the record for TSan on both threads.
  static void publish([[maybe_unused]] const boost::log::record_view& rec) noexcept {
#if defined(SENTRY_BOOSTLOG_TSAN)
    __tsan_release(const_cast<void*>(static_cast<const void*>(&rec.attribute_values())));
#endif
  }
  static bool received(bool ok, [[maybe_unused]] const boost::log::record_view& rec) noexcept {
#if defined(SENTRY_BOOSTLOG_TSAN)
    if (ok) __tsan_acquire(const_cast<void*>(static_cast<const void*>(&rec.attribute_values())));
#endif
    return ok;
  }
};

#if defined(SENTRY_BOOSTLOG_TSAN)
using async_queue = handover_queue;
#else
using async_queue = boost::log::sinks::unbounded_fifo_queue;
#endif

}  // namespace sentry::boostlog
