// Scopes written on one thread while other threads capture and the worker
// reads the snapshots: every event must show the scope exactly as it was at
// its capture (copy-on-write data, reused breadcrumb segments), and scope
// guards on several threads must keep their data apart. These tests are also
// what the sanitizer builds (tools/sanitize) exercise.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "sdk_fixture.hpp"

namespace {

using namespace sentry_test;
using namespace std::chrono_literals;

class scope_concurrency : public sdk_test {};

long number_after(const std::string& text, std::string_view prefix) {
  if (text.compare(0, prefix.size(), prefix) != 0) return -1;
  try {
    return std::stol(text.substr(prefix.size()));
  } catch (...) {
    return -1;
  }
}

TEST_F(scope_concurrency, events_see_the_scope_as_captured_while_it_is_rewritten) {
  auto o = base_options();
  o.debug = false;
  o.max_queue_size = 10000;
  o.max_breadcrumbs = 20;  // segments turn over, and are reused, often
  ASSERT_TRUE(start(o));
  constexpr int captures = 400;

  std::atomic<bool> stop{false};
  // One writer per scope kind: the data (copy-on-write) and the breadcrumbs.
  std::thread tags([&] {
    for (long i = 0; i < 200000 && !stop; ++i) {
      sentry::global_scope().set_tag("seq", std::to_string(i));
      sentry::global_scope().set_extra("seq", i);
    }
  });
  std::thread crumbs([&] {
    for (long i = 0; i < 200000 && !stop; ++i) {
      sentry::breadcrumb b;
      b.message = "crumb " + std::to_string(i);
      b.data["seq"] = i;
      sentry::global_scope().add_breadcrumb(std::move(b));
    }
  });
  for (int i = 0; i < captures; ++i) {
    sentry::capture_message("message " + std::to_string(i));
    if (i % 8 == 0) std::this_thread::sleep_for(100us);  // let the worker catch up
  }
  stop = true;
  tags.join();
  crumbs.join();

  const auto events = flushed_events();
  ASSERT_EQ(events.size(), static_cast<std::size_t>(captures));
  long last_tag = -1;
  for (const auto& e : events) {
    // The tag only moves forward from one capture to the next...
    const std::string tag = str(at(at(e, "tags"), "seq"));
    if (!tag.empty()) {
      const long seq = number_after(tag, "");
      ASSERT_GE(seq, last_tag) << tag;
      last_tag = seq;
    }
    // ...and the breadcrumbs are one unbroken run of the newest ones, each
    // intact (message and data written together).
    const auto& values = at(at(e, "breadcrumbs"), "values");
    ASSERT_LE(len(values), 20u);
    long previous = -1;
    for (std::size_t k = 0; k < len(values); ++k) {
      const auto& b = at(values, k);
      const long seq = number_after(str(at(b, "message")), "crumb ");
      ASSERT_GE(seq, 0) << str(at(b, "message"));
      const std::int64_t* data_seq = at(at(b, "data"), "seq").as_int();
      ASSERT_NE(data_seq, nullptr);
      EXPECT_EQ(*data_seq, seq);
      if (previous >= 0) {
        EXPECT_EQ(seq, previous + 1);
      }
      previous = seq;
    }
  }
}

TEST_F(scope_concurrency, scope_guards_on_several_threads_keep_their_own_data) {
  auto o = base_options();
  o.debug = false;
  o.max_queue_size = 10000;
  ASSERT_TRUE(start(o));
  constexpr int threads = 4, per_thread = 150;

  std::atomic<bool> stop{false};
  std::thread global_writer([&] {
    for (int i = 0; i < 100000 && !stop; ++i) {
      sentry::global_scope().set_tag("global", std::to_string(i));
      sentry::add_breadcrumb(sentry::breadcrumb{});
    }
  });
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([t] {
      for (int i = 0; i < per_thread; ++i) {
        const std::string who = std::to_string(t) + "/" + std::to_string(i);
        if (t % 2) {
          sentry::isolation_scope_guard request;
          request->set_tag("who", who);
          sentry::breadcrumb b;
          b.message = who;
          request->add_breadcrumb(std::move(b));
          sentry::capture_message(who);
        } else {
          sentry::scope_guard block;
          block->set_tag("who", who);
          sentry::capture_message(who);
        }
      }
    });
  }
  for (auto& th : pool) th.join();
  stop = true;
  global_writer.join();

  const auto events = flushed_events();
  ASSERT_EQ(events.size(), static_cast<std::size_t>(threads * per_thread));
  for (const auto& e : events) {
    const std::string who = str(at(at(e, "logentry"), "formatted"));
    EXPECT_EQ(str(at(at(e, "tags"), "who")), who);
    const auto& values = at(at(e, "breadcrumbs"), "values");
    if (who[0] == '1' || who[0] == '3') {
      // The request's own breadcrumb is its newest one.
      ASSERT_GT(len(values), 0u) << who;
      EXPECT_EQ(str(at(at(values, len(values) - 1), "message")), who);
    }
  }
}

}  // namespace
