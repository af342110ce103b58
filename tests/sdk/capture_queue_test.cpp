// The bounded queue between capturing threads and the worker.
#include "client/capture_queue.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
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
