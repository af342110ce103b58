#include "scope/breadcrumb_ring.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

namespace {

using sentry::breadcrumb;
using sentry::detail::breadcrumb_ring;
using sentry::detail::breadcrumb_view;

breadcrumb crumb(const std::string& msg) {
  breadcrumb b;
  b.message = msg;
  return b;
}

std::vector<std::string> messages(const breadcrumb_view& v) {
  std::vector<std::string> out;
  v.for_each([&](const breadcrumb& b) { out.push_back(b.message); });
  return out;
}

TEST(breadcrumb_ring, keeps_the_newest_in_order) {
  breadcrumb_ring ring(3);
  for (int i = 0; i < 10; ++i) ring.push(crumb(std::to_string(i)));
  EXPECT_EQ(messages(ring.snapshot()), (std::vector<std::string>{"7", "8", "9"}));
  EXPECT_EQ(ring.snapshot().size(), 3u);
}

TEST(breadcrumb_ring, snapshot_is_unchanged_by_later_writes) {
  breadcrumb_ring ring(4);
  ring.push(crumb("a"));
  ring.push(crumb("b"));
  breadcrumb_view before = ring.snapshot();
  for (int i = 0; i < 50; ++i) ring.push(crumb("later" + std::to_string(i)));
  EXPECT_EQ(messages(before), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(messages(ring.snapshot()),
            (std::vector<std::string>{"later46", "later47", "later48", "later49"}));
}

TEST(breadcrumb_ring, segments_held_by_a_snapshot_are_not_reused) {
  breadcrumb_ring ring(2);
  ring.push(crumb("x1"));
  ring.push(crumb("x2"));
  breadcrumb_view held = ring.snapshot();
  for (int i = 0; i < 9; ++i) ring.push(crumb("y" + std::to_string(i)));
  EXPECT_EQ(messages(held), (std::vector<std::string>{"x1", "x2"}));
}

// Events waiting in the queue hold the segments they saw, the newest for
// longest. The ring must still find one of the segments it left that no
// event holds any more, and write into its slots without allocating: the
// strings there keep the capacity of what they held before.
TEST(breadcrumb_ring, reuses_a_left_segment_while_newer_ones_are_still_held) {
  breadcrumb_ring ring(2);
  std::deque<breadcrumb_view> queued;  // events the worker has not reached yet
  const std::string long_text(200, 'x');
  auto write = [&](const std::string& text) {
    ring.emplace([&](sentry::detail::crumb_slot& slot) { slot.crumb.message.assign(text); });
    queued.push_back(ring.snapshot());
    if (queued.size() > 3) queued.pop_front();
  };
  for (int i = 0; i < 30; ++i) write(long_text);  // every segment made so far holds long strings
  for (int i = 0; i < 30; ++i) {
    write("short");
    std::size_t capacity = 0;
    ring.snapshot().for_each_stored(
        [&](const sentry::detail::crumb_slot& slot) { capacity = slot.crumb.message.capacity(); });
    EXPECT_GE(capacity, long_text.size()) << "crumb " << i << " went into a fresh segment";
  }
}

TEST(breadcrumb_ring, emplace_fills_in_place) {
  breadcrumb_ring ring(2);
  for (int i = 0; i < 5; ++i) {
    ring.emplace([&](sentry::detail::crumb_slot& slot) {
      slot.crumb.message.assign("m" + std::to_string(i));
      slot.crumb.category.assign("c");
    });
  }
  EXPECT_EQ(messages(ring.snapshot()), (std::vector<std::string>{"m3", "m4"}));
}

TEST(breadcrumb_ring, fork_inherits_then_diverges) {
  breadcrumb_ring parent(3);
  parent.push(crumb("p1"));
  parent.push(crumb("p2"));
  breadcrumb_ring child(3);
  child.inherit(parent.snapshot());
  child.push(crumb("c1"));
  parent.push(crumb("p3"));
  EXPECT_EQ(messages(child.snapshot()), (std::vector<std::string>{"p1", "p2", "c1"}));
  EXPECT_EQ(messages(parent.snapshot()), (std::vector<std::string>{"p1", "p2", "p3"}));
  child.push(crumb("c2"));
  EXPECT_EQ(messages(child.snapshot()), (std::vector<std::string>{"p2", "c1", "c2"}));
  for (int i = 0; i < 3; ++i) child.push(crumb("d" + std::to_string(i)));
  EXPECT_EQ(messages(child.snapshot()), (std::vector<std::string>{"d0", "d1", "d2"}));
}

TEST(breadcrumb_ring, fork_of_fork_keeps_newest) {
  breadcrumb_ring a(3);
  a.push(crumb("a1"));
  breadcrumb_ring b(3);
  b.inherit(a.snapshot());
  b.push(crumb("b1"));
  breadcrumb_ring c(3);
  c.inherit(b.snapshot());
  c.push(crumb("c1"));
  breadcrumb_ring d(3);
  d.inherit(c.snapshot());
  d.push(crumb("d1"));
  EXPECT_EQ(messages(d.snapshot()), (std::vector<std::string>{"b1", "c1", "d1"}));
}

TEST(breadcrumb_ring, capacity_change_keeps_newest_and_zero_keeps_none) {
  breadcrumb_ring ring(5);
  for (int i = 0; i < 5; ++i) ring.push(crumb(std::to_string(i)));
  ring.set_capacity(2);
  EXPECT_EQ(messages(ring.snapshot()), (std::vector<std::string>{"3", "4"}));
  ring.set_capacity(0);
  ring.push(crumb("ignored"));
  EXPECT_EQ(ring.snapshot().size(), 0u);
}

}  // namespace
