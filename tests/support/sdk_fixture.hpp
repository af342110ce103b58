// Test support: an SDK initialized with a recording transport, closed after
// each test, with diagnostics collected.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "sentry/recording_transport.hpp"
#include "sentry/sentry.hpp"

namespace sentry_test {

struct diagnostics_log {
  std::mutex mutex;
  std::vector<std::string> lines;

  void add(sentry::level, std::string_view m) {
    std::lock_guard<std::mutex> lock(mutex);
    lines.emplace_back(m);
  }
  bool contains(std::string_view needle) {
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& l : lines)
      if (l.find(needle) != std::string::npos) return true;
    return false;
  }
};

class sdk_test : public ::testing::Test {
 protected:
  // Options with the recording transport and diagnostics captured.
  sentry::options base_options() {
    sentry::options o;
    o.dsn = "https://key@o1.ingest.example.com/42";
    o.transport = recording.factory();
    o.debug = true;
    o.diagnostic_logger = [this](sentry::level l, std::string_view m) { diag.add(l, m); };
    return o;
  }
  bool start(sentry::options o) { return sentry::init(std::move(o)); }
  bool start() { return start(base_options()); }

  void TearDown() override {
    sentry::close(std::chrono::seconds(5));
    sentry::global_scope().clear();
    sentry::isolation_scope().clear();
    sentry::current_scope().clear();
  }

  // Flushes and returns the events received.
  std::vector<sentry::value> flushed_events() {
    EXPECT_TRUE(sentry::flush(std::chrono::seconds(10)));
    return recording.events();
  }

  sentry::recording_transport recording;
  diagnostics_log diag;
};

// Member access on parsed JSON; a null value when absent.
inline const sentry::value& at(const sentry::value& v, std::string_view key) {
  static const sentry::value null_value;
  const auto* o = v.as_object();
  if (!o) return null_value;
  auto it = o->find(key);
  return it == o->end() ? null_value : it->second;
}
inline const sentry::value& at(const sentry::value& v, std::size_t index) {
  static const sentry::value null_value;
  const auto* a = v.as_array();
  return (a && index < a->size()) ? (*a)[index] : null_value;
}
inline std::string str(const sentry::value& v) {
  const std::string* s = v.as_string();
  return s ? *s : std::string();
}
inline std::size_t len(const sentry::value& v) {
  if (const auto* a = v.as_array()) return a->size();
  if (const auto* o = v.as_object()) return o->size();
  return 0;
}

}  // namespace sentry_test
