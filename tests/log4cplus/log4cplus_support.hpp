// Shared by the log4cplus appender's tests: a fixture with a fresh log4cplus
// configuration and an SDK recording what it sends, an appender that keeps
// what log4cplus hands it, LogLog capture, and readers for event JSON.
#pragma once

#include <dirent.h>
#include <unistd.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <log4cplus/appender.h>
#include <log4cplus/config.hxx>
#include <log4cplus/helpers/property.h>
#include <log4cplus/hierarchy.h>
#include <log4cplus/initializer.h>
#include <log4cplus/logger.h>
#include <log4cplus/mdc.h>
#include <log4cplus/ndc.h>
#include <log4cplus/spi/loggingevent.h>
#include <log4cplus/thread/threads.h>

#include "sentry/log4cplus/appender.hpp"
#include "sentry/recording_transport.hpp"
#include "sentry/scope.hpp"
#include "sentry/sentry.hpp"

namespace l4c_test {

inline void ensure_log4cplus() {
  static log4cplus::Initializer initializer;
}

// The ids of this process's threads (from /proc/self/task).
inline std::vector<std::string> thread_ids() {
  std::vector<std::string> ids;
  if (DIR* dir = opendir("/proc/self/task")) {
    while (dirent* e = readdir(dir))
      if (e->d_name[0] != '.') ids.emplace_back(e->d_name);
    closedir(dir);
  }
  return ids;
}

// log4cplus 2.0.8 (Debian 12) starts its thread pool (AsyncAppend=true) when
// the library loads, and stopping it (deinitialize()) does not join the workers:
// they finish on their own. A worker that ran an append still runs log4cplus's
// thread-local cleanup as it ends; when that overlaps the static destructors
// of exit() the process crashes inside log4cplus (seen once in a few hundred
// runs under load; newer log4cplus joins its workers). So after the last test,
// while main() still runs, log4cplus is shut down and the process waits (at
// most 10 s) until the threads that existed before any test are gone.
class log4cplus_pool_stopper : public ::testing::Environment {
 public:
  void SetUp() override {
    ensure_log4cplus();
    const std::string self = std::to_string(gettid());
    for (auto& id : thread_ids())
      if (id != self) pool_threads_.push_back(id);
  }
  void TearDown() override {
    log4cplus::deinitialize();  // the pool, then every logger and appender
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      const auto alive = thread_ids();
      if (std::none_of(pool_threads_.begin(), pool_threads_.end(), [&](const std::string& id) {
            return std::find(alive.begin(), alive.end(), id) != alive.end();
          })) {
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

 private:
  std::vector<std::string> pool_threads_;
};
inline ::testing::Environment* const log4cplus_pool_stopper_env =
    ::testing::AddGlobalTestEnvironment(new log4cplus_pool_stopper);

// An appender that keeps the message, logging thread and appending thread of
// every event it is given.
class capture_appender : public log4cplus::Appender {
 public:
  struct entry {
    std::string message;
    std::string event_thread;
    std::string append_thread;
  };
  ~capture_appender() override { destructorImpl(); }
  void close() override { closed = true; }
  std::vector<entry> entries() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_;
  }

 protected:
  void append(const log4cplus::spi::InternalLoggingEvent& ev) override {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.push_back({ev.getMessage(), ev.getThread(), log4cplus::thread::getCurrentThreadName()});
  }

 private:
  mutable std::mutex mutex_;
  std::vector<entry> entries_;
};

// Forwards to another appender from inside a catch block of its own. With
// AsyncAppend=true this runs on log4cplus's thread pool, like any asynchronous
// wrapper whose worker thread happens to be handling an exception.
class forwarding_appender : public log4cplus::Appender {
 public:
  forwarding_appender(const log4cplus::helpers::Properties& p, log4cplus::SharedAppenderPtr to)
      : log4cplus::Appender(p), to_(std::move(to)) {}
  ~forwarding_appender() override { destructorImpl(); }
  void close() override { closed = true; }

 protected:
  void append(const log4cplus::spi::InternalLoggingEvent& ev) override {
    try {
      throw std::logic_error("the worker's own exception");
    } catch (const std::logic_error&) {
      to_->doAppend(ev);
    }
  }

 private:
  log4cplus::SharedAppenderPtr to_;
};

// Redirects std::cerr (where log4cplus's LogLog writes) while alive.
class loglog_capture {
 public:
  loglog_capture() : old_(std::cerr.rdbuf(out_.rdbuf())) {}
  ~loglog_capture() { std::cerr.rdbuf(old_); }
  std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::streambuf* old_;
};

// A one-shot gate a log4cplus filter can wait on (bounded, never forever).
class gate {
 public:
  void open() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = true;
    }
    cv_.notify_all();
  }
  bool wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, std::chrono::seconds(10), [&] { return open_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = false;
};

// --- reading event JSON -------------------------------------------------

inline const sentry::value* member(const sentry::value* v, std::string_view key) {
  if (!v || !v->as_object()) return nullptr;
  auto it = v->as_object()->find(key);
  return it == v->as_object()->end() ? nullptr : &it->second;
}

template <typename... Keys>
const sentry::value* path(const sentry::value& v, Keys... keys) {
  const sentry::value* cur = &v;
  ((cur = member(cur, keys)), ...);
  return cur;
}

// The text at `keys`, "" when absent.
template <typename... Keys>
std::string text(const sentry::value& v, Keys... keys) {
  const sentry::value* p = path(v, keys...);
  return p ? p->to_text() : std::string();
}

// A tag's value (tags as an object or as [key, value] pairs); null when absent.
inline const sentry::value* find_tag(const sentry::value& event, std::string_view key) {
  const sentry::value* tags = member(&event, "tags");
  if (!tags) return nullptr;
  if (const sentry::value* t = member(tags, key)) return t;
  if (const auto* pairs = tags->as_array()) {
    for (const auto& p : *pairs) {
      const auto* kv = p.as_array();
      if (kv && kv->size() == 2 && (*kv)[0].to_text() == key) return &(*kv)[1];
    }
  }
  return nullptr;
}

inline std::string tag(const sentry::value& event, std::string_view key) {
  const sentry::value* t = find_tag(event, key);
  return t ? t->to_text() : std::string();
}

inline bool has_tag(const sentry::value& event, std::string_view key) {
  return find_tag(event, key) != nullptr;
}

// The event's formatted message (logentry.formatted, or message as a string).
inline std::string formatted(const sentry::value& event) {
  for (const char* key : {"logentry", "message"}) {
    const sentry::value* m = member(&event, key);
    if (!m) continue;
    if (m->is_string()) return *m->as_string();
    if (const sentry::value* f = member(m, "formatted")) return f->to_text();
    if (const sentry::value* f = member(m, "message")) return f->to_text();
  }
  return {};
}

// logentry.message when a template was sent ("" otherwise).
inline std::string message_template(const sentry::value& event) {
  for (const char* key : {"logentry", "message"}) {
    const sentry::value* m = member(&event, key);
    if (!m || !m->is_object()) continue;
    const sentry::value* msg = member(m, "message");
    const sentry::value* f = member(m, "formatted");
    if (msg && (!f || msg->to_text() != f->to_text())) return msg->to_text();
  }
  return {};
}

inline std::vector<std::string> params(const sentry::value& event) {
  std::vector<std::string> out;
  for (const char* key : {"logentry", "message"}) {
    const sentry::value* p = path(event, key, "params");
    if (p && p->as_array()) {
      for (const auto& v : *p->as_array()) out.push_back(v.to_text());
      break;
    }
  }
  return out;
}

inline std::vector<sentry::value> values_of(const sentry::value& event, std::string_view key) {
  const sentry::value* v = member(&event, key);
  if (!v) return {};
  if (const sentry::value* values = member(v, "values")) v = values;
  if (const auto* arr = v->as_array()) return *arr;
  return {};
}

inline std::vector<sentry::value> breadcrumbs(const sentry::value& event) {
  return values_of(event, "breadcrumbs");
}

inline std::vector<sentry::value> exceptions(const sentry::value& event) {
  return values_of(event, "exception");
}

inline std::vector<std::string> crumb_messages(const sentry::value& event) {
  std::vector<std::string> out;
  for (const auto& c : breadcrumbs(event)) out.push_back(text(c, "message"));
  return out;
}

// --- the fixture ----------------------------------------------------------

class appender_test : public ::testing::Test {
 protected:
  void SetUp() override {
    ensure_log4cplus();
    reset_log4cplus();
    // Breadcrumbs and tags outlive a client: start every test without them.
    sentry::global_scope().clear();
    sentry::isolation_scope().clear();
    sentry::current_scope().clear();
  }

  void TearDown() override {
    reset_log4cplus();
    sentry::close();
  }

  static void reset_log4cplus() {
    log4cplus::Logger::getDefaultHierarchy().resetConfiguration();
    log4cplus::getMDC().clear();
    log4cplus::getNDC().clear();
  }

  // Starts the SDK with the recording transport.
  void start_sdk(sentry::options opts = {}) {
    if (opts.dsn.empty()) opts.dsn = "https://public@127.0.0.1:9/42";
    opts.transport = recording.factory();
    ASSERT_TRUE(sentry::init(std::move(opts)));
  }

  // A logger named `name` at TRACE whose only appender is `appender`.
  static log4cplus::Logger logger_with(const log4cplus::SharedAppenderPtr& appender,
                                       const std::string& name = "checkout") {
    log4cplus::Logger logger = log4cplus::Logger::getInstance(name);
    logger.setLogLevel(log4cplus::TRACE_LOG_LEVEL);
    logger.setAdditivity(false);
    logger.addAppender(appender);
    return logger;
  }

  static log4cplus::SharedAppenderPtr sentry_appender(sentry::log4cplus_appender_options o = {}) {
    return log4cplus::SharedAppenderPtr(new sentry::log4cplus_appender(std::move(o)));
  }

  // Everything captured so far, once the SDK has sent it.
  std::vector<sentry::value> events() {
    sentry::flush(std::chrono::seconds(5));
    return recording.events();
  }

  sentry::recording_transport recording;
};

}  // namespace l4c_test
