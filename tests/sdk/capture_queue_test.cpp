// The bounded queue between capturing threads and the worker.
#include "client/capture_queue.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

using sentry::detail::capture_queue;
using clock_type = std::chrono::steady_clock;

std::vector<int> drain(capture_queue<int>& q) {
  std::vector<int> out;
  while (auto v = q.pop(clock_type::now())) out.push_back(*v);
  return out;
}

TEST(capture_queue, keeps_fifo_order_across_wraparound_and_growth) {
  capture_queue<int> q(1000, 1 << 20);
  int next = 0, expected = 0;
  // Fill part of the first ring, take some out so the ring wraps, then push
  // past its size so it grows while wrapped; repeat.
  for (int round = 0; round < 6; ++round) {
    for (int i = 0; i < 13 + round * 11; ++i) ASSERT_TRUE(q.push(next++, 1));
    for (int i = 0; i < 7; ++i) {
      auto v = q.pop(clock_type::now());
      ASSERT_TRUE(v);
      EXPECT_EQ(*v, expected++);
    }
  }
  for (int v : drain(q)) EXPECT_EQ(v, expected++);
  EXPECT_EQ(expected, next);
  EXPECT_EQ(q.size(), 0u);
}

TEST(capture_queue, refuses_past_max_items_and_max_bytes_and_leaves_the_item) {
  capture_queue<std::string> q(3, 100);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(q.push(std::string("item") + std::to_string(i), 10));
  std::string fourth = "kept by the caller";
  EXPECT_FALSE(q.push(std::move(fourth), 10));
  EXPECT_EQ(fourth, "kept by the caller");
  ASSERT_TRUE(q.pop(clock_type::now()));
  EXPECT_FALSE(q.push(std::string("too big"), 81));  // 20 + 81 > 100
  EXPECT_TRUE(q.push(std::string("fits"), 80));
  EXPECT_EQ(q.size(), 3u);
}

TEST(capture_queue, closed_queue_refuses_and_hands_out_what_it_holds) {
  capture_queue<int> q(10, 1000);
  ASSERT_TRUE(q.push(1, 1));
  q.close();
  EXPECT_FALSE(q.push(2, 1));
  EXPECT_EQ(drain(q), std::vector<int>{1});
}

// The worker computes when to wake, then calls pop(): news that arrives in
// between (a log that must be sent in five seconds) must still end the sleep.
TEST(capture_queue, a_wake_asked_for_before_the_worker_sleeps_is_not_lost) {
  capture_queue<int> q(10, 1000);
  q.wake();  // the worker is awake, on its way into pop()
  const auto before = clock_type::now();
  EXPECT_FALSE(q.pop(before + std::chrono::seconds(30)));
  EXPECT_LT(clock_type::now() - before, std::chrono::seconds(10));
  // The request was used up: the next pop() sleeps until its deadline.
  const auto again = clock_type::now();
  EXPECT_FALSE(q.pop(again + std::chrono::milliseconds(50)));
  EXPECT_GE(clock_type::now() - again, std::chrono::milliseconds(50));
}

// A worker thread in pop() until `until`; waits (bounded) until it sleeps.
class sleeping_worker {
 public:
  sleeping_worker(capture_queue<int>& q, clock_type::time_point until)
      : popped_(std::async(std::launch::async, [&q, until] {
          auto v = q.pop(until);
          return std::make_pair(v, clock_type::now());
        })) {
    const auto give_up = clock_type::now() + std::chrono::seconds(10);
    while (!q.worker_sleeps() && clock_type::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    asleep_ = q.worker_sleeps();
  }
  bool asleep() const { return asleep_; }
  // What pop() returned, and when.
  std::pair<std::optional<int>, clock_type::time_point> result() { return popped_.get(); }

 private:
  std::future<std::pair<std::optional<int>, clock_type::time_point>> popped_;
  bool asleep_ = false;
};

// The first log of a batch is due in five seconds: the worker must be awake
// by then, and is woken only when it would sleep past it.
TEST(capture_queue, wake_by_ends_only_a_sleep_that_lasts_past_the_deadline) {
  capture_queue<int> q(10, 1000);
  {
    const auto start = clock_type::now();
    sleeping_worker w(q, start + std::chrono::milliseconds(200));
    ASSERT_TRUE(w.asleep());
    q.wake_by(clock_type::now() + std::chrono::seconds(30));
    EXPECT_EQ(q.wake_ups(), 0u);
    auto [item, at] = w.result();
    EXPECT_FALSE(item);
    EXPECT_GE(at - start, std::chrono::milliseconds(150));
  }
  {
    const auto start = clock_type::now();
    sleeping_worker w(q, start + std::chrono::seconds(20));
    ASSERT_TRUE(w.asleep());
    const auto deadline = clock_type::now() + std::chrono::milliseconds(100);
    q.wake_by(deadline);
    EXPECT_EQ(q.wake_ups(), 1u);
    auto [item, at] = w.result();  // at the deadline: not before, nor at the end of its sleep
    EXPECT_FALSE(item);
    EXPECT_GE(at, deadline);
    EXPECT_LT(at - start, std::chrono::seconds(10));
  }
  // Asked for while the worker is awake (on its way into pop()): that pop()
  // sleeps until the deadline at the latest; the one after it, as asked.
  const auto deadline = clock_type::now() + std::chrono::milliseconds(100);
  q.wake_by(deadline);
  EXPECT_FALSE(q.pop(clock_type::now() + std::chrono::seconds(20)));
  EXPECT_GE(clock_type::now(), deadline);
  EXPECT_LT(clock_type::now() - deadline, std::chrono::seconds(10));
  const auto again = clock_type::now();
  EXPECT_FALSE(q.pop(again + std::chrono::milliseconds(50)));
  EXPECT_GE(clock_type::now() - again, std::chrono::milliseconds(50));
}

// Counts how its instances came to be.
struct counted {
  static inline int moves = 0;
  int value;
  explicit counted(int v) : value(v) {}
  counted(counted&& o) noexcept : value(o.value) { ++moves; }
  counted& operator=(counted&& o) noexcept {
    value = o.value;
    ++moves;
    return *this;
  }
};

TEST(capture_queue, emplace_builds_the_item_in_its_slot) {
  capture_queue<counted> q(100, 1000);
  ASSERT_TRUE(q.emplace(1, 0));  // the first push sizes the ring
  counted::moves = 0;
  for (int i = 1; i < 10; ++i) ASSERT_TRUE(q.emplace(1, i));
  EXPECT_EQ(counted::moves, 0);  // no growth: constructed in place, never moved
  for (int i = 0; i < 10; ++i) {
    auto v = q.pop(clock_type::now());
    ASSERT_TRUE(v);
    EXPECT_EQ(v->value, i);
  }
}

}  // namespace
