// Test support for the Boost.Log sink: a clean logging core and an SDK that
// records what it would send, for every test.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <boost/log/attributes/attribute_set.hpp>
#include <boost/log/core/core.hpp>

#include "sentry/recording_transport.hpp"
#include "sentry/scope.hpp"
#include "sentry/sentry.hpp"

namespace boostlog_test {

// The member at `path` (object keys), or nullptr.
inline const sentry::value* find(const sentry::value& v, std::initializer_list<std::string_view> path) {
  const sentry::value* at = &v;
  for (std::string_view key : path) {
    const sentry::value_object* o = at->as_object();
    if (!o) return nullptr;
    auto it = o->find(key);
    if (it == o->end()) return nullptr;
    at = &it->second;
  }
  return at;
}

// The string at `path`, "" when missing or not a string.
inline std::string str(const sentry::value& v, std::initializer_list<std::string_view> path) {
  const sentry::value* at = find(v, path);
  return (at && at->as_string()) ? *at->as_string() : std::string();
}

// The elements of the array at `path` (e.g. {"breadcrumbs", "values"}).
inline std::vector<sentry::value> list(const sentry::value& v,
                                       std::initializer_list<std::string_view> path) {
  const sentry::value* at = find(v, path);
  return (at && at->as_array()) ? *at->as_array() : std::vector<sentry::value>();
}

// The messages of an event's breadcrumbs, oldest first.
inline std::vector<std::string> crumb_messages(const sentry::value& event) {
  std::vector<std::string> out;
  for (const auto& c : list(event, {"breadcrumbs", "values"})) out.push_back(str(c, {"message"}));
  return out;
}

class boostlog_test : public ::testing::Test {
 protected:
  void SetUp() override { reset(); }
  void TearDown() override {
    flush_logging();
    boost::log::core::get()->remove_all_sinks();
    sentry::close(std::chrono::seconds(5));
    reset();
  }

  // A fresh core (no sinks, filter or attributes) and empty scopes.
  static void reset() {
    auto core = boost::log::core::get();
    core->remove_all_sinks();
    core->reset_filter();
    core->set_global_attributes(boost::log::attribute_set());
    core->set_thread_attributes(boost::log::attribute_set());
    core->set_logging_enabled(true);
    sentry::global_scope().clear();
    sentry::isolation_scope().clear();
    sentry::current_scope().clear();
  }

  sentry::options sdk_options() {
    sentry::options o;
    o.transport = recording.factory();
    o.release = "test-release";
    return o;
  }

  void start_sdk(const std::function<void(sentry::options&)>& tweak = nullptr) {
    sentry::options o = sdk_options();
    if (tweak) tweak(o);
    ASSERT_TRUE(sentry::init(std::move(o)));
  }

  // Hands what the sinks hold to the SDK. core::flush() holds the core's
  // lock exclusively while it waits for the sinks, so a test whose SDK
  // callbacks log from an asynchronous frontend's thread flushes its sinks
  // one by one instead (see sentry/boostlog/sink.hpp).
  virtual void flush_logging() { boost::log::core::get()->flush(); }

  // Everything logged so far, handed to the SDK and sent.
  std::vector<sentry::value> events() {
    flush_logging();
    EXPECT_TRUE(sentry::flush(std::chrono::seconds(5)));
    return recording.events();
  }

  sentry::recording_transport recording;
};

}  // namespace boostlog_test
