// Breadcrumbs of log records are written by each thread into a ring of its
// own in the scope (no lock on the logging thread). An event must still see
// the scope's breadcrumbs as one trail: the newest max_breadcrumbs of all
// threads, in time order, whether those threads still run or have ended; a
// clear must hide what any thread wrote before it; a request's isolation
// scope keeps its records to itself. The concurrent test is also what the
// sanitizer builds (tools/sanitize) exercise.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sdk_fixture.hpp"
#include "sentry/log_bridge.hpp"

namespace {

using namespace sentry_test;
using namespace std::chrono;

class thread_breadcrumbs : public sdk_test {};

const system_clock::time_point t0 = system_clock::time_point(seconds(1704164000));

// An info record (a breadcrumb only) at t0 + `ms`.
void log_at(sentry::log_bridge& bridge, int ms, const std::string& message) {
  sentry::log_record r;
  r.level = sentry::level::info;
  r.logger = "worker";
  r.message = message;
  r.timestamp = t0 + milliseconds(ms);
  bridge.handle(r);
}

std::vector<std::string> crumb_messages(const sentry::value& event) {
  std::vector<std::string> out;
  const auto& values = at(at(event, "breadcrumbs"), "values");
  for (std::size_t i = 0; i < len(values); ++i) out.push_back(str(at(at(values, i), "message")));
  return out;
}

// Holds threads after they logged until released.
struct gate {
  std::mutex mutex;
  std::condition_variable cv;
  int arrived = 0;
  bool open = false;
  void arrive_and_wait() {
    std::unique_lock<std::mutex> lock(mutex);
    ++arrived;
    cv.notify_all();
    cv.wait_for(lock, seconds(30), [&] { return open; });
  }
  void wait_for(int n) {
    std::unique_lock<std::mutex> lock(mutex);
    cv.wait_for(lock, seconds(30), [&] { return arrived >= n; });
  }
  void release() {
    std::lock_guard<std::mutex> lock(mutex);
    open = true;
    cv.notify_all();
  }
};

TEST_F(thread_breadcrumbs, threads_records_merge_by_time_while_they_run_and_after_they_end) {
  auto o = base_options();
  o.max_breadcrumbs = 50;
  ASSERT_TRUE(start(o));
  sentry::log_bridge bridge;
  constexpr int threads = 4, per_thread = 30;
  gate g;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      // Thread t logs the times t, t + 4, t + 8, ...: the threads interleave.
      for (int i = 0; i < per_thread; ++i) log_at(bridge, i * threads + t, "m" + std::to_string(i * threads + t));
      g.arrive_and_wait();
    });
  }
  g.wait_for(threads);
  sentry::capture_message("while running");
  g.release();
  for (auto& th : pool) th.join();
  sentry::capture_message("after they ended");

  std::vector<std::string> expected;  // the newest 50 of 120, oldest first
  for (int k = threads * per_thread - 50; k < threads * per_thread; ++k) expected.push_back("m" + std::to_string(k));
  const auto events = flushed_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(crumb_messages(events[0]), expected);
  EXPECT_EQ(crumb_messages(events[1]), expected);
}

TEST_F(thread_breadcrumbs, clear_hides_what_a_running_thread_wrote_before_it) {
  ASSERT_TRUE(start());
  sentry::log_bridge bridge;
  gate logged, cleared;
  std::thread worker([&] {
    for (int i = 0; i < 5; ++i) log_at(bridge, i, "before " + std::to_string(i));
    logged.arrive_and_wait();  // main clears meanwhile
    log_at(bridge, 10, "after");
    cleared.arrive_and_wait();
  });
  logged.wait_for(1);
  sentry::isolation_scope().clear_breadcrumbs();
  logged.release();
  cleared.wait_for(1);
  sentry::capture_message("running");
  cleared.release();
  worker.join();
  sentry::capture_message("ended");

  const auto events = flushed_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(crumb_messages(events[0]), (std::vector<std::string>{"after"}));
  EXPECT_EQ(crumb_messages(events[1]), (std::vector<std::string>{"after"}));
}

TEST_F(thread_breadcrumbs, a_request_scope_keeps_its_records_and_sees_the_ones_before_it) {
  ASSERT_TRUE(start());
  sentry::log_bridge bridge;
  log_at(bridge, 0, "before the request");
  std::thread request([&] {
    sentry::isolation_scope_guard scope;
    log_at(bridge, 1, "in the request");
    sentry::capture_message("request");
  });
  request.join();
  log_at(bridge, 2, "after the request");
  sentry::capture_message("outside");

  const auto events = flushed_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(crumb_messages(events[0]), (std::vector<std::string>{"before the request", "in the request"}));
  EXPECT_EQ(crumb_messages(events[1]), (std::vector<std::string>{"before the request", "after the request"}));
}

TEST_F(thread_breadcrumbs, events_captured_while_threads_log_show_each_threads_newest_in_order) {
  auto o = base_options();
  o.debug = false;
  o.max_breadcrumbs = 30;  // rings turn over, and segments are reused, often
  o.max_queue_size = 10000;
  ASSERT_TRUE(start(o));
  sentry::log_bridge bridge;
  constexpr int threads = 4, per_thread = 3000, captures = 200;
  std::atomic<int> clock{0};  // one time line for all threads
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        log_at(bridge, clock.fetch_add(1), "t" + std::to_string(t) + " " + std::to_string(i));
      }
    });
  }
  for (int i = 0; i < captures; ++i) {
    sentry::capture_message("capture " + std::to_string(i));
    if (i % 8 == 0) std::this_thread::sleep_for(microseconds(200));
  }
  for (auto& th : pool) th.join();

  const auto events = flushed_events();
  ASSERT_EQ(events.size(), static_cast<std::size_t>(captures));
  for (const auto& e : events) {
    const auto& values = at(at(e, "breadcrumbs"), "values");
    ASSERT_LE(len(values), 30u);
    std::string previous_time;
    std::vector<long> last_of_thread(threads, -1);
    for (std::size_t k = 0; k < len(values); ++k) {
      const auto& b = at(values, k);
      const std::string time = str(at(b, "timestamp"));
      EXPECT_LE(previous_time, time) << "breadcrumbs out of time order";
      previous_time = time;
      const std::string message = str(at(b, "message"));
      ASSERT_GE(message.size(), 4u);
      const int t = message[1] - '0';
      ASSERT_TRUE(t >= 0 && t < threads) << message;
      const long seq = std::stol(message.substr(3));
      EXPECT_GT(seq, last_of_thread[t]) << message;  // each thread's own order kept
      last_of_thread[t] = seq;
    }
  }
}

}  // namespace
