// The structured-log batcher: batches of 100, the 1000 cap, and close().
#include "logs/log_batcher.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using sentry::detail::log_batch;
using sentry::detail::log_batcher;
using sentry::detail::pending_log;

std::string body_of(const pending_log& p) { return std::string(p.text(p.body)); }

pending_log numbered(int i) {
  pending_log p;
  p.body = p.add_text("log " + std::to_string(i));
  return p;
}

TEST(log_batcher, hands_over_full_batches_in_order) {
  log_batcher b;
  std::vector<log_batch> ready;
  EXPECT_EQ(b.add(numbered(0), ready), log_batcher::result::first);
  for (int i = 1; i < 99; ++i) EXPECT_EQ(b.add(numbered(i), ready), log_batcher::result::added);
  ASSERT_EQ(b.add(numbered(99), ready), log_batcher::result::batch_ready);
  ASSERT_EQ(ready.size(), 1u);
  ASSERT_EQ(ready[0].size(), 100u);
  EXPECT_EQ(body_of(ready[0].front()), "log 0");
  EXPECT_EQ(body_of(ready[0].back()), "log 99");
  EXPECT_TRUE(b.take_all().empty());
}

TEST(log_batcher, close_returns_what_waits_and_refuses_everything_after) {
  log_batcher b;
  std::vector<log_batch> ready;
  for (int i = 0; i < 30; ++i) b.add(numbered(i), ready);
  auto left = b.close();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].size(), 30u);

  // A log racing the close (its caller saw the client open) is refused, so
  // that the caller counts it; nothing stays behind unseen.
  EXPECT_EQ(b.add(numbered(30), ready), log_batcher::result::dropped);
  log_batch refused;
  for (int i = 0; i < 100; ++i) refused.push_back(numbered(100 + i));
  std::vector<log_batch> back;
  back.push_back(std::move(refused));
  const auto overflow = b.put_back(std::move(back));
  ASSERT_EQ(overflow.size(), 100u);
  EXPECT_EQ(body_of(overflow.front()), "log 100");
  EXPECT_TRUE(b.take_all().empty());
  EXPECT_EQ(b.due_at(), log_batcher::clock::time_point::max());
}

TEST(log_batcher, put_back_keeps_the_oldest_1000) {
  log_batcher b;
  std::vector<log_batch> ready;
  for (int i = 1000; i < 1005; ++i) b.add(numbered(i), ready);  // waiting
  std::vector<log_batch> refused(10);  // refused by a full queue: older
  for (int i = 0; i < 1000; ++i) refused[static_cast<std::size_t>(i / 100)].push_back(numbered(i));
  const auto overflow = b.put_back(std::move(refused));
  ASSERT_EQ(overflow.size(), 5u);  // what arrived last is dropped
  EXPECT_EQ(body_of(overflow.front()), "log 1000");
  const auto kept = b.take_all();
  ASSERT_EQ(kept.size(), 10u);
  EXPECT_EQ(body_of(kept.front().front()), "log 0");
  EXPECT_EQ(body_of(kept.back().back()), "log 999");
}

// The worker learns when logs are due from due_at() before it sleeps. A log
// that starts a new batch while the worker already wakes for older logs
// needs no wake-up of its own (it is due later); one that arrives after the
// worker saw nothing waiting does.
TEST(log_batcher, asks_to_wake_the_worker_only_when_it_knows_of_no_log) {
  log_batcher b;
  std::vector<log_batch> ready;
  EXPECT_EQ(b.add(numbered(0), ready), log_batcher::result::first);
  EXPECT_EQ(b.add(numbered(1), ready), log_batcher::result::added);
  const auto due = b.due_at();  // the worker now wakes by `due`
  EXPECT_NE(due, log_batcher::clock::time_point::max());
  ASSERT_EQ(b.take_all().size(), 1u);  // a flush took them meanwhile
  EXPECT_EQ(b.add(numbered(2), ready), log_batcher::result::added);
  EXPECT_GE(b.due_at(), due);  // due no earlier than the wake-up the worker had
  ASSERT_EQ(b.take_all().size(), 1u);
  EXPECT_EQ(b.due_at(), log_batcher::clock::time_point::max());  // nothing waits
  EXPECT_EQ(b.add(numbered(3), ready), log_batcher::result::first);

  // A full batch handed on while the worker knows of no log: the next log
  // asks for a wake-up again.
  for (int i = 4; i < 102; ++i) b.add(numbered(i), ready);
  ASSERT_EQ(b.add(numbered(102), ready), log_batcher::result::batch_ready);
  EXPECT_EQ(b.add(numbered(103), ready), log_batcher::result::first);
}

}  // namespace
