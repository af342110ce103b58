// sentry::log4cplus_appender behind log4cplus's two asynchronous modes: the
// appender property AsyncAppend=true (log4cplus's thread pool) and the
// AsyncAppender wrapper (its queue thread). A log4cplus filter on the Sentry
// appender holds each append on the worker thread until the test has changed
// the caller's MDC and NDC, which proves they were copied on the calling
// thread.
#include <string>

#include <log4cplus/asyncappender.h>
#include <log4cplus/helpers/property.h>
#include <log4cplus/loggingmacros.h>

#include "log4cplus_support.hpp"
#include "sentry/log4cplus/macros.hpp"

namespace {

using namespace l4c_test;

class async_test : public appender_test {
 protected:
  // A Sentry appender (tags request_id, tenant) whose appends wait for
  // `release` and note the thread they run on.
  log4cplus::SharedAppenderPtr held_sentry_appender(bool async_append) {
    log4cplus::helpers::Properties p;
    p.setProperty("ContextTags", "request_id,tenant");
    if (async_append) p.setProperty("AsyncAppend", "true");
    log4cplus::SharedAppenderPtr app(new sentry::log4cplus_appender(p));
    app->addFilter([this](const log4cplus::spi::InternalLoggingEvent&) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        append_threads_.push_back(log4cplus::thread::getCurrentThreadName());
      }
      release.wait();
      return log4cplus::spi::NEUTRAL;
    });
    return app;
  }

  // Logs an error with the MDC/NDC of the scenario, then changes them on
  // this thread before the held append may run.
  void log_then_change_context(log4cplus::Logger& logger) {
    log4cplus::getMDC().put("request_id", "r-42");
    log4cplus::getMDC().put("tenant", "acme");
    log4cplus::getMDC().put("session", "s-9");
    log4cplus::getNDC().push("order-1234");
    SENTRY_LOG4CPLUS_ERROR_FMT(logger, "payment failed for order %d", 1234);
    log4cplus::getMDC().put("request_id", "changed");
    log4cplus::getMDC().remove("tenant");
    log4cplus::getMDC().put("session", "changed");
    log4cplus::getNDC().clear();
    release.open();
  }

  void expect_calling_thread_context(const sentry::value& e) {
    EXPECT_EQ(formatted(e), "payment failed for order 1234");
    EXPECT_EQ(tag(e, "request_id"), "r-42");
    EXPECT_EQ(tag(e, "tenant"), "acme");
    EXPECT_EQ(text(e, "contexts", "log_context", "session"), "s-9");
    EXPECT_EQ(text(e, "contexts", "log_context", "ndc"), "order-1234");
    EXPECT_EQ(text(e, "logger"), "checkout");
    // The template does not survive log4cplus's copy of the event
    // (documented): formatted text only.
    EXPECT_EQ(message_template(e), "");
  }

  std::vector<std::string> append_threads() {
    std::lock_guard<std::mutex> lock(mutex_);
    return append_threads_;
  }

  gate release;
  std::mutex mutex_;
  std::vector<std::string> append_threads_;
};

TEST_F(async_test, async_append_property_copies_the_mdc_on_the_calling_thread) {
  start_sdk();
  log4cplus::Logger logger = logger_with(held_sentry_appender(true));

  log_then_change_context(logger);
  log4cplus::Logger::getDefaultHierarchy().resetConfiguration();  // waits for the pool

  auto threads = append_threads();
  ASSERT_EQ(threads.size(), 1u);
  EXPECT_NE(threads[0], log4cplus::thread::getCurrentThreadName());  // really asynchronous
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  expect_calling_thread_context(evs[0]);
}

TEST_F(async_test, async_appender_copies_the_mdc_on_the_calling_thread) {
  start_sdk();
  log4cplus::SharedAppenderPtr async(new log4cplus::AsyncAppender(held_sentry_appender(false), 16));
  log4cplus::Logger logger = logger_with(async);

  log_then_change_context(logger);
  log4cplus::Logger::getDefaultHierarchy().resetConfiguration();  // drains the queue

  auto threads = append_threads();
  ASSERT_EQ(threads.size(), 1u);
  EXPECT_NE(threads[0], log4cplus::thread::getCurrentThreadName());
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  expect_calling_thread_context(evs[0]);
}

TEST_F(async_test, async_append_never_attaches_the_worker_threads_exception) {
  start_sdk();
  log4cplus::helpers::Properties async;
  async.setProperty("AsyncAppend", "true");
  log4cplus::SharedAppenderPtr fwd(new forwarding_appender(async, sentry_appender()));
  log4cplus::Logger logger = logger_with(fwd);

  LOG4CPLUS_ERROR(logger, "forwarded");
  log4cplus::Logger::getDefaultHierarchy().resetConfiguration();

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(formatted(evs[0]), "forwarded");
  EXPECT_TRUE(exceptions(evs[0]).empty());
}

TEST_F(async_test, async_append_keeps_breadcrumbs_and_thresholds) {
  start_sdk();
  log4cplus::helpers::Properties p;
  p.setProperty("AsyncAppend", "true");
  log4cplus::SharedAppenderPtr app(new sentry::log4cplus_appender(p));
  log4cplus::Logger logger = logger_with(app);

  LOG4CPLUS_DEBUG(logger, "dropped");
  LOG4CPLUS_INFO(logger, "cart loaded with 3 items");
  app->waitToFinishAsyncLogging();  // the pool may run appends in any order
  LOG4CPLUS_ERROR(logger, "payment failed for order 1234");
  log4cplus::Logger::getDefaultHierarchy().resetConfiguration();

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(formatted(evs[0]), "payment failed for order 1234");
  EXPECT_EQ(crumb_messages(evs[0]), std::vector<std::string>{"cart loaded with 3 items"});
}

}  // namespace
