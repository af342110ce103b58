// The capture pipeline end to end, through the recording transport.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sdk_fixture.hpp"

namespace {

using namespace sentry_test;
using std::chrono::seconds;

class client : public sdk_test {};

TEST_F(client, message_reaches_the_transport_with_options_applied) {
  auto o = base_options();
  o.release = "shop@1.2.3";
  o.environment = "staging";
  o.dist = "x86";
  ASSERT_TRUE(start(o));
  const sentry::uuid id = sentry::capture_message("hello world", sentry::level::warning);
  EXPECT_FALSE(id.is_nil());
  EXPECT_EQ(sentry::last_event_id(), id);  // at once, before the worker ran

  auto events = flushed_events();
  ASSERT_EQ(events.size(), 1u);
  const auto& e = events[0];
  EXPECT_EQ(str(at(e, "event_id")), id.to_string());
  EXPECT_EQ(str(at(e, "level")), "warning");
  EXPECT_EQ(str(at(e, "platform")), "native");
  EXPECT_EQ(str(at(e, "release")), "shop@1.2.3");
  EXPECT_EQ(str(at(e, "environment")), "staging");
  EXPECT_EQ(str(at(e, "dist")), "x86");
  EXPECT_EQ(str(at(at(e, "logentry"), "formatted")), "hello world");
  EXPECT_EQ(str(at(at(e, "sdk"), "name")), "sentry.cpp");
  EXPECT_FALSE(at(at(e, "contexts"), "os").is_null());
  EXPECT_FALSE(at(at(e, "contexts"), "runtime").is_null());

  auto envs = recording.envelopes();
  ASSERT_EQ(envs.size(), 1u);
  EXPECT_EQ(envs[0].event_id(), id.to_string());
}

// The SDK's worker shows under its own name in `top -H`, debuggers and
// profilers (and the user's threads keep theirs).
TEST_F(client, worker_thread_is_named) {
  auto thread_names = [] {
    std::vector<std::string> names;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
      std::ifstream comm(task.path() / "comm");
      std::string name;
      std::getline(comm, name);
      names.push_back(name);
    }
    return names;
  };
  auto count = [](const std::vector<std::string>& names) {
    return std::count(names.begin(), names.end(), "sentry-worker");
  };
  const auto before = count(thread_names());
  ASSERT_TRUE(start(base_options()));
  sentry::capture_message("wakes the worker");
  ASSERT_EQ(flushed_events().size(), 1u);  // the worker has run (and named itself)
  EXPECT_EQ(count(thread_names()), before + 1);
  sentry::close();
  EXPECT_EQ(count(thread_names()), before);
}

TEST_F(client, no_dsn_and_no_transport_is_a_safe_no_op) {
  sentry::options o;
  o.transport = nullptr;
  EXPECT_FALSE(sentry::init(o));
  EXPECT_FALSE(sentry::is_enabled());
  EXPECT_TRUE(sentry::capture_message("nobody hears this").is_nil());
  sentry::add_breadcrumb({});
  sentry::set_tag("a", "b");
  EXPECT_TRUE(sentry::flush(seconds(1)));
}

TEST_F(client, malformed_dsn_disables_with_one_diagnostic_and_never_throws) {
  auto o = base_options();
  o.dsn = "not a dsn at all";
  EXPECT_FALSE(start(o));
  EXPECT_TRUE(diag.contains("invalid DSN"));
  EXPECT_TRUE(sentry::capture_message("dropped").is_nil());
  EXPECT_EQ(recording.size(), 0u);
}

TEST_F(client, capture_after_close_is_a_no_op) {
  ASSERT_TRUE(start());
  sentry::close();
  EXPECT_TRUE(sentry::capture_message("late").is_nil());
  EXPECT_TRUE(sentry::capture_exception(std::make_exception_ptr(std::runtime_error("x"))).is_nil());
  sentry::close();  // twice is fine
  EXPECT_EQ(recording.size(), 0u);
}

TEST_F(client, scopes_merge_with_the_most_specific_winning) {
  ASSERT_TRUE(start());
  sentry::global_scope().set_tag("layer", "global");
  sentry::global_scope().set_tag("only_global", "g");
  sentry::isolation_scope().set_tag("layer", "isolation");
  sentry::set_tag("only_isolation", "i");
  sentry::global_scope().set_user({"u-1", "", "", "", "", {}});
  {
    sentry::scope_guard block;
    block->set_tag("layer", "current");
    block->set_level(sentry::level::fatal);
    block->set_fingerprint({"{{ default }}", "checkout"});
    sentry::capture_message("inside");
  }
  sentry::capture_message("outside");

  auto events = flushed_events();
  ASSERT_EQ(events.size(), 2u);
  const auto& inside = events[0];
  EXPECT_EQ(str(at(at(inside, "tags"), "layer")), "current");
  EXPECT_EQ(str(at(at(inside, "tags"), "only_global")), "g");
  EXPECT_EQ(str(at(at(inside, "tags"), "only_isolation")), "i");
  EXPECT_EQ(str(at(inside, "level")), "fatal");
  EXPECT_EQ(str(at(at(inside, "fingerprint"), 1)), "checkout");
  EXPECT_EQ(str(at(at(inside, "user"), "id")), "u-1");
  const auto& outside = events[1];
  EXPECT_EQ(str(at(at(outside, "tags"), "layer")), "isolation");
  EXPECT_EQ(str(at(outside, "level")), "info");
  EXPECT_TRUE(at(outside, "fingerprint").is_null());
}

TEST_F(client, a_capture_sees_the_scope_as_it_was_at_capture_time) {
  auto o = base_options();
  std::atomic<bool> release{false};
  // Hold the worker so the scope changes before the event is processed.
  o.before_send = [&](sentry::event&) {
    while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return true;
  };
  ASSERT_TRUE(start(o));
  sentry::set_tag("state", "before");
  sentry::add_breadcrumb({std::chrono::system_clock::now(), "default", "c", "first", sentry::level::info, {}});
  sentry::capture_message("one");
  sentry::capture_message("two");
  sentry::set_tag("state", "after");
  sentry::add_breadcrumb({std::chrono::system_clock::now(), "default", "c", "second", sentry::level::info, {}});
  release = true;
  auto events = flushed_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(str(at(at(events[1], "tags"), "state")), "before");
  EXPECT_EQ(len(at(at(events[1], "breadcrumbs"), "values")), 1u);
}

TEST_F(client, isolation_scope_guard_keeps_a_request_apart) {
  ASSERT_TRUE(start());
  std::thread request([] {
    sentry::isolation_scope_guard req;
    sentry::set_tag("request_id", "r-1");
    sentry::capture_message("in request");
  });
  request.join();
  sentry::capture_message("elsewhere");
  auto events = flushed_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(str(at(at(events[0], "tags"), "request_id")), "r-1");
  EXPECT_TRUE(at(at(events[1], "tags"), "request_id").is_null());
}

TEST_F(client, breadcrumbs_are_bounded_ordered_and_filtered) {
  auto o = base_options();
  o.max_breadcrumbs = 5;
  o.before_breadcrumb = [](sentry::breadcrumb& b) {
    if (b.message == "secret") return false;
    b.data["seen"] = true;
    return true;
  };
  ASSERT_TRUE(start(o));
  for (int i = 0; i < 12; ++i) {
    sentry::breadcrumb b;
    b.message = i == 11 ? "secret" : "crumb " + std::to_string(i);
    sentry::add_breadcrumb(b);
  }
  sentry::capture_message("with crumbs");
  auto events = flushed_events();
  ASSERT_EQ(events.size(), 1u);
  const auto& values = at(at(events[0], "breadcrumbs"), "values");
  ASSERT_EQ(len(values), 5u);
  EXPECT_EQ(str(at(at(values, 0), "message")), "crumb 6");
  EXPECT_EQ(str(at(at(values, 4), "message")), "crumb 10");
  EXPECT_EQ(*at(at(at(values, 4), "data"), "seen").as_bool(), true);
}

TEST_F(client, before_send_can_edit_drop_and_throw) {
  auto o = base_options();
  o.before_send = [](sentry::event& e) {
    if (e.message && e.message->formatted == "drop me") return false;
    if (e.message && e.message->formatted == "throw") throw std::runtime_error("hook bug");
    e.tags["edited"] = "yes";
    return true;
  };
  ASSERT_TRUE(start(o));
  sentry::capture_message("drop me");
  sentry::capture_message("throw");
  sentry::capture_message("keep me");
  auto events = flushed_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(str(at(at(events[0], "tags"), "edited")), "yes");
  EXPECT_EQ(sentry::discards()->peek(sentry::discard_reason::before_send, sentry::data_category::error), 2u);
  EXPECT_TRUE(diag.contains("before_send threw"));
}

TEST_F(client, sample_rate_zero_sends_nothing_and_counts) {
  auto o = base_options();
  o.sample_rate = 0.0;
  ASSERT_TRUE(start(o));
  for (int i = 0; i < 20; ++i) sentry::capture_message("sampled out");
  EXPECT_TRUE(flushed_events().empty());
  EXPECT_EQ(sentry::discards()->peek(sentry::discard_reason::sample_rate, sentry::data_category::error), 20u);
}

TEST_F(client, ignore_errors_drops_by_exception_type) {
  auto o = base_options();
  o.ignore_errors = {"std::out_of_range"};
  ASSERT_TRUE(start(o));
  sentry::capture_exception(std::make_exception_ptr(std::out_of_range("ignored")));
  sentry::capture_exception(std::make_exception_ptr(std::runtime_error("kept")));
  auto events = flushed_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(str(at(at(at(at(events[0], "exception"), "values"), 0), "value")), "kept");
  EXPECT_EQ(sentry::discards()->peek(sentry::discard_reason::event_processor, sentry::data_category::error), 1u);
}

TEST_F(client, capture_exception_sends_the_nested_chain_oldest_first) {
  ASSERT_TRUE(start());
  try {
    try {
      throw std::invalid_argument("bad sku");
    } catch (...) {
      std::throw_with_nested(std::runtime_error("payment declined"));
    }
  } catch (...) {
    sentry::capture_exception(std::current_exception());
  }
  auto events = flushed_events();
  ASSERT_EQ(events.size(), 1u);
  const auto& values = at(at(events[0], "exception"), "values");
  ASSERT_EQ(len(values), 2u);
  EXPECT_EQ(str(at(at(values, 0), "type")), "std::invalid_argument");
  EXPECT_EQ(str(at(at(values, 1), "type")), "std::runtime_error");
  EXPECT_EQ(str(at(at(values, 1), "value")), "payment declined");
  const auto& mech = at(at(values, 1), "mechanism");
  EXPECT_EQ(str(at(mech, "type")), "generic");
  EXPECT_EQ(*at(mech, "handled").as_bool(), true);
  EXPECT_EQ(str(at(events[0], "level")), "error");
}

TEST_F(client, null_callbacks_are_fine) {
  auto o = base_options();
  o.before_send = nullptr;
  o.before_breadcrumb = nullptr;
  o.diagnostic_logger = nullptr;
  o.debug = false;
  ASSERT_TRUE(start(o));
  sentry::add_breadcrumb({});
  sentry::capture_message("ok");
  EXPECT_EQ(flushed_events().size(), 1u);
}

TEST_F(client, eight_threads_capture_at_once) {
  auto o = base_options();
  o.max_queue_size = 4000;  // room for all: this test is about concurrency, not overflow
  ASSERT_TRUE(start(o));
  constexpr int threads = 8, per_thread = 200;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([t] {
      for (int i = 0; i < per_thread; ++i) {
        sentry::set_tag("thread", std::to_string(t));
        sentry::add_breadcrumb({});
        sentry::capture_message("from " + std::to_string(t));
      }
    });
  }
  for (auto& th : pool) th.join();
  EXPECT_EQ(flushed_events().size(), static_cast<std::size_t>(threads * per_thread));
}

// A transport that blocks until released, to fill the queue.
class gate_transport : public sentry::transport {
 public:
  explicit gate_transport(std::atomic<bool>* open) : open_(open) {}
  void send(sentry::envelope&&) noexcept override {
    while (!open_->load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ++sent;
  }
  static inline std::atomic<int> sent{0};

 private:
  std::atomic<bool>* open_;
};

TEST_F(client, a_full_queue_drops_counts_and_says_so_but_never_blocks) {
  std::atomic<bool> open{false};
  gate_transport::sent = 0;
  auto o = base_options();
  o.max_queue_size = 10;
  o.transport = [&open](const sentry::transport_context&) {
    return std::make_unique<gate_transport>(&open);
  };
  ASSERT_TRUE(start(o));
  for (int i = 0; i < 100; ++i) sentry::capture_message("burst");
  const auto dropped = sentry::discards()->peek(sentry::discard_reason::queue_overflow,
                                                sentry::data_category::error);
  // One may be in the worker's hands, ten in the queue.
  EXPECT_GE(dropped, 89u);
  EXPECT_LE(dropped, 90u);
  EXPECT_TRUE(diag.contains("queue is full"));
  open = true;
  EXPECT_TRUE(sentry::flush(seconds(10)));
  EXPECT_EQ(gate_transport::sent.load() + static_cast<int>(dropped), 100);
}

TEST_F(client, close_keeps_what_there_was_no_time_to_send) {
  // The recording transport keeps envelopes handed over during close.
  auto o = base_options();
  o.before_send = [](sentry::event&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    return true;
  };
  ASSERT_TRUE(start(o));
  for (int i = 0; i < 20; ++i) sentry::capture_message("pending");
  sentry::close(std::chrono::milliseconds(100));
  EXPECT_EQ(recording.events().size(), 20u);
}

TEST_F(client, a_callback_that_captures_does_not_loop) {
  auto o = base_options();
  std::atomic<int> calls{0};
  o.before_send = [&](sentry::event&) {
    ++calls;
    EXPECT_TRUE(sentry::capture_message("from inside before_send").is_nil());
    return true;
  };
  ASSERT_TRUE(start(o));
  sentry::capture_message("outer");
  EXPECT_EQ(flushed_events().size(), 1u);
  EXPECT_EQ(calls.load(), 1);
}

}  // namespace
