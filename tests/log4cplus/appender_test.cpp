// sentry::log4cplus_appender on real log4cplus loggers, synchronous appends:
// levels and thresholds, MDC and NDC, the exception inside catch, recursion,
// close and destruction, many threads at once. Everything is asserted on the
// event JSON that reaches the recording transport.
#include <pthread.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <log4cplus/loggingmacros.h>

#include "log4cplus_support.hpp"
#include "sentry/log4cplus/macros.hpp"

namespace {

using namespace l4c_test;

TEST_F(appender_test, error_record_becomes_an_event_with_logger_and_message) {
  start_sdk();
  log4cplus::Logger logger = logger_with(sentry_appender());

  LOG4CPLUS_ERROR(logger, "payment failed for order " << 1234);

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(text(evs[0], "level"), "error");
  EXPECT_EQ(text(evs[0], "logger"), "checkout");
  EXPECT_EQ(text(evs[0], "platform"), "native");
  EXPECT_EQ(formatted(evs[0]), "payment failed for order 1234");
  EXPECT_EQ(message_template(evs[0]), "");  // plain log4cplus: formatted text only
  EXPECT_TRUE(exceptions(evs[0]).empty());  // not inside a catch
}

TEST_F(appender_test, every_log4cplus_level_maps_onto_an_event_level) {
  start_sdk();
  sentry::log4cplus_appender_options o;
  o.minimum_event_level = log4cplus::TRACE_LOG_LEVEL;
  log4cplus::Logger logger = logger_with(sentry_appender(o));

  logger.log(log4cplus::TRACE_LOG_LEVEL, "trace");
  logger.log(log4cplus::DEBUG_LOG_LEVEL, "debug");
  logger.log(log4cplus::INFO_LOG_LEVEL, "info");
  logger.log(log4cplus::WARN_LOG_LEVEL, "warn");
  logger.log(log4cplus::ERROR_LOG_LEVEL, "error");
  logger.log(log4cplus::FATAL_LOG_LEVEL, "fatal");
  logger.log(35000, "between warn and error");
  logger.log(5000, "between trace and debug");

  auto evs = events();
  ASSERT_EQ(evs.size(), 8u);
  std::map<std::string, std::string> level_of;
  for (const auto& e : evs) level_of[formatted(e)] = text(e, "level");
  EXPECT_EQ(level_of["trace"], "debug");  // events know no trace
  EXPECT_EQ(level_of["debug"], "debug");
  EXPECT_EQ(level_of["info"], "info");
  EXPECT_EQ(level_of["warn"], "warning");
  EXPECT_EQ(level_of["error"], "error");
  EXPECT_EQ(level_of["fatal"], "fatal");
  EXPECT_EQ(level_of["between warn and error"], "warning");
  EXPECT_EQ(level_of["between trace and debug"], "debug");
}

TEST_F(appender_test, default_thresholds_make_errors_events_and_info_and_warn_breadcrumbs) {
  start_sdk();
  log4cplus::Logger logger = logger_with(sentry_appender());

  LOG4CPLUS_TRACE(logger, "trace is dropped");
  LOG4CPLUS_DEBUG(logger, "debug is dropped");
  LOG4CPLUS_INFO(logger, "cart loaded with 3 items");
  LOG4CPLUS_WARN(logger, "inventory low for sku-17");
  LOG4CPLUS_ERROR(logger, "payment failed for order 1234");

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(formatted(evs[0]), "payment failed for order 1234");
  auto crumbs = breadcrumbs(evs[0]);
  ASSERT_EQ(crumbs.size(), 2u);
  EXPECT_EQ(text(crumbs[0], "message"), "cart loaded with 3 items");
  EXPECT_EQ(text(crumbs[0], "level"), "info");
  EXPECT_EQ(text(crumbs[0], "category"), "checkout");
  EXPECT_EQ(text(crumbs[1], "message"), "inventory low for sku-17");
  EXPECT_EQ(text(crumbs[1], "level"), "warning");
  EXPECT_EQ(text(crumbs[1], "category"), "checkout");
}

TEST_F(appender_test, thresholds_given_in_code_are_followed) {
  start_sdk();
  sentry::log4cplus_appender_options o;
  o.minimum_event_level = log4cplus::WARN_LOG_LEVEL;
  o.minimum_breadcrumb_level = log4cplus::DEBUG_LOG_LEVEL;
  log4cplus::Logger logger = logger_with(sentry_appender(o));

  LOG4CPLUS_TRACE(logger, "trace is dropped");
  LOG4CPLUS_DEBUG(logger, "debug crumb");
  LOG4CPLUS_WARN(logger, "warn event");

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(formatted(evs[0]), "warn event");
  EXPECT_EQ(text(evs[0], "level"), "warning");
  EXPECT_EQ(crumb_messages(evs[0]), std::vector<std::string>{"debug crumb"});
  EXPECT_EQ(text(breadcrumbs(evs[0])[0], "level"), "debug");
}

TEST_F(appender_test, breadcrumb_level_off_records_no_breadcrumbs) {
  start_sdk();
  sentry::log4cplus_appender_options o;
  o.minimum_breadcrumb_level = log4cplus::OFF_LOG_LEVEL;
  log4cplus::Logger logger = logger_with(sentry_appender(o));

  LOG4CPLUS_INFO(logger, "not a crumb");
  LOG4CPLUS_WARN(logger, "not a crumb either");
  LOG4CPLUS_ERROR(logger, "event");

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_TRUE(breadcrumbs(evs[0]).empty());
}

TEST_F(appender_test, listed_mdc_keys_become_tags_and_the_rest_goes_to_the_context) {
  start_sdk();
  sentry::log4cplus_appender_options o;
  o.context_tags = std::vector<std::string>{"request_id", "tenant"};
  log4cplus::Logger logger = logger_with(sentry_appender(o));

  log4cplus::getMDC().put("request_id", "r-42");
  log4cplus::getMDC().put("tenant", "acme");
  log4cplus::getMDC().put("session", "s-9");
  LOG4CPLUS_ERROR(logger, "payment failed for order 1234");

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(tag(evs[0], "request_id"), "r-42");
  EXPECT_EQ(tag(evs[0], "tenant"), "acme");
  EXPECT_FALSE(has_tag(evs[0], "session"));
  EXPECT_EQ(text(evs[0], "contexts", "log_context", "session"), "s-9");
}

TEST_F(appender_test, context_tags_default_to_the_sdk_option) {
  sentry::options opts;
  opts.context_tags = {"tenant"};
  start_sdk(opts);
  log4cplus::Logger logger = logger_with(sentry_appender());

  log4cplus::getMDC().put("tenant", "acme");
  log4cplus::getMDC().put("request_id", "r-42");
  LOG4CPLUS_ERROR(logger, "boom");

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(tag(evs[0], "tenant"), "acme");
  EXPECT_FALSE(has_tag(evs[0], "request_id"));
  EXPECT_EQ(text(evs[0], "contexts", "log_context", "request_id"), "r-42");
}

TEST_F(appender_test, ndc_goes_to_the_context_or_to_a_tag_when_listed) {
  start_sdk();
  log4cplus::Logger plain = logger_with(sentry_appender(), "plain");
  sentry::log4cplus_appender_options o;
  o.context_tags = std::vector<std::string>{"ndc"};
  log4cplus::Logger tagged = logger_with(sentry_appender(o), "tagged");

  log4cplus::NDCContextCreator outer("order-1234");
  log4cplus::NDCContextCreator inner("payment");
  LOG4CPLUS_ERROR(plain, "in context");
  LOG4CPLUS_ERROR(tagged, "as tag");

  auto evs = events();
  ASSERT_EQ(evs.size(), 2u);
  for (const auto& e : evs) {
    if (formatted(e) == "in context") {
      EXPECT_EQ(text(e, "contexts", "log_context", "ndc"), "order-1234 payment");
      EXPECT_FALSE(has_tag(e, "ndc"));
    } else {
      EXPECT_EQ(tag(e, "ndc"), "order-1234 payment");
    }
  }
}

TEST_F(appender_test, exception_being_handled_is_attached_to_the_event) {
  start_sdk();
  log4cplus::Logger logger = logger_with(sentry_appender());

  try {
    throw std::runtime_error("payment declined");
  } catch (const std::runtime_error&) {
    LOG4CPLUS_ERROR(logger, "payment failed for order 1234");
  }

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  auto ex = exceptions(evs[0]);
  ASSERT_EQ(ex.size(), 1u);
  EXPECT_EQ(text(ex[0], "type"), "std::runtime_error");
  EXPECT_EQ(text(ex[0], "value"), "payment declined");
  EXPECT_EQ(text(ex[0], "mechanism", "type"), "auto.log.log4cplus");
  EXPECT_EQ(text(ex[0], "mechanism", "handled"), "true");
  EXPECT_EQ(formatted(evs[0]), "payment failed for order 1234");
}

TEST_F(appender_test, synchronous_forwarding_inside_a_catch_attaches_that_exception) {
  // The counterpart of the asynchronous case in async_test.cpp: on the
  // logging thread, the exception being handled is the record's.
  start_sdk();
  log4cplus::helpers::Properties sync;
  log4cplus::SharedAppenderPtr fwd(new forwarding_appender(sync, sentry_appender()));
  log4cplus::Logger logger = logger_with(fwd);

  LOG4CPLUS_ERROR(logger, "forwarded");

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  auto ex = exceptions(evs[0]);
  ASSERT_EQ(ex.size(), 1u);
  EXPECT_EQ(text(ex[0], "value"), "the worker's own exception");
}

TEST_F(appender_test, diagnostics_and_callbacks_logging_through_the_same_logger_do_not_loop) {
  log4cplus::SharedAppenderPtr capture(new capture_appender());
  sentry::log4cplus_appender_options o;
  o.minimum_event_level = log4cplus::WARN_LOG_LEVEL;
  log4cplus::SharedAppenderPtr sentry_app = sentry_appender(o);
  log4cplus::Logger logger = log4cplus::Logger::getInstance("checkout");
  logger.setLogLevel(log4cplus::TRACE_LOG_LEVEL);
  logger.setAdditivity(false);
  logger.addAppender(sentry_app);
  logger.addAppender(capture);

  std::atomic<int> before_send_calls{0};
  sentry::options opts;
  opts.debug = true;
  opts.diagnostic_level = sentry::level::debug;
  opts.diagnostic_logger = [logger](sentry::level, std::string_view message) {
    LOG4CPLUS_WARN(logger, "sdk diagnostic: " << message);
  };
  opts.before_send = [logger, &before_send_calls](sentry::event&) {
    ++before_send_calls;
    LOG4CPLUS_ERROR(logger, "logged from before_send");
    return true;
  };
  start_sdk(opts);

  LOG4CPLUS_ERROR(logger, "the one real error");
  auto evs = events();
  sentry::close();  // more diagnostics while shutting down

  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(formatted(evs[0]), "the one real error");
  EXPECT_EQ(before_send_calls.load(), 1);
  EXPECT_EQ(recording.events().size(), 1u);
  // The SDK's own records did go through log4cplus (the other appender saw
  // them), they just never became Sentry data.
  int diagnostics = 0, from_before_send = 0;
  for (const auto& e : static_cast<capture_appender&>(*capture).entries()) {
    if (e.message.rfind("sdk diagnostic: ", 0) == 0) ++diagnostics;
    if (e.message == "logged from before_send") ++from_before_send;
  }
  EXPECT_GT(diagnostics, 0);
  EXPECT_EQ(from_before_send, 1);
}

TEST_F(appender_test, the_appender_can_attach_the_call_site_stack_to_its_events) {
  start_sdk();  // attach_stacktrace is off SDK-wide
  sentry::log4cplus_appender_options o;
  o.attach_stacktrace = true;
  log4cplus::Logger logger = logger_with(sentry_appender(o));
  LOG4CPLUS_ERROR(logger, "with the call site");

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  const sentry::value* threads = path(evs[0], "threads", "values");
  ASSERT_TRUE(threads && threads->as_array() && threads->as_array()->size() == 1u);
  const sentry::value* frames = path(threads->as_array()->front(), "stacktrace", "frames");
  ASSERT_TRUE(frames && frames->as_array());
  EXPECT_FALSE(frames->as_array()->empty());
}

TEST_F(appender_test, close_flushes_what_was_captured) {
  start_sdk();
  log4cplus::Logger logger = logger_with(sentry_appender());
  LOG4CPLUS_ERROR(logger, "sent before close returns");

  log4cplus::Logger::getDefaultHierarchy().resetConfiguration();  // closes the appender

  auto evs = recording.events();  // no flush of our own
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(formatted(evs[0]), "sent before close returns");
  EXPECT_TRUE(sentry::is_enabled());  // code started the SDK: close only flushes
}

TEST_F(appender_test, destruction_follows_log4cplus_rules) {
  start_sdk();
  loglog_capture loglog;
  {
    log4cplus::SharedAppenderPtr app = sentry_appender();
    app->setName("SENTRY");
    EXPECT_FALSE(app->isClosed());
  }  // destroyed without an explicit close()
  log4cplus::SharedAppenderPtr closed_first = sentry_appender();
  closed_first->close();
  closed_first->close();  // twice is harmless
  EXPECT_TRUE(closed_first->isClosed());
  closed_first = log4cplus::SharedAppenderPtr();
  EXPECT_EQ(loglog.text().find("did not call destructorImpl"), std::string::npos)
      << loglog.text();
}

TEST_F(appender_test, eight_threads_logging_at_once_keep_their_own_tags) {
  start_sdk();
  sentry::log4cplus_appender_options o;
  o.context_tags = std::vector<std::string>{"worker"};
  log4cplus::Logger logger = logger_with(sentry_appender(o));

  constexpr int kThreads = 8, kEach = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([logger, t] {
      log4cplus::getMDC().put("worker", "w" + std::to_string(t));
      for (int i = 0; i < kEach; ++i) {
        LOG4CPLUS_INFO(logger, "crumb " << t << "-" << i);
        LOG4CPLUS_ERROR(logger, "w" << t << " record " << i);
      }
      log4cplus::getMDC().clear();
    });
  }
  for (auto& th : threads) th.join();

  // 200 events with call-site stacks: under sanitizers the worker needs far
  // longer than events()'s 5 s flush to symbolize them all.
  ASSERT_TRUE(sentry::flush(std::chrono::seconds(120)));
  auto evs = events();
  ASSERT_EQ(evs.size(), static_cast<std::size_t>(kThreads * kEach));
  std::map<std::string, int> per_worker;
  for (const auto& e : evs) {
    const std::string msg = formatted(e);
    const std::string worker = msg.substr(0, msg.find(' '));
    EXPECT_EQ(tag(e, "worker"), worker) << msg;
    ++per_worker[worker];
  }
  ASSERT_EQ(per_worker.size(), static_cast<std::size_t>(kThreads));
  for (const auto& [worker, n] : per_worker) EXPECT_EQ(n, kEach) << worker;
}

// log4cplus names a thread by its number unless the program names it
// (setCurrentThreadName): a name is reported, a number is not (the system's
// name of the thread is, as for the other sinks). Plain and template records
// alike; names of 8 and 16 characters, a non-digit anywhere, UTF-8.
TEST_F(appender_test, the_thread_name_log4cplus_gives_is_reported_unless_it_is_a_number) {
  start_sdk();
  log4cplus::Logger logger = logger_with(sentry_appender());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"checkout-worker", "checkout-worker"},
      {"12345678x", "12345678x"},
      {"x2345678", "x2345678"},
      {"1234567x12345678", "1234567x12345678"},
      {"12345678123456/8", "12345678123456/8"},
      {"caf\xc3\xa9-12345678", "caf\xc3\xa9-12345678"},
      {"1234567812345678", "os-name"},
      {"42", "os-name"},
  };
  for (const auto& [log4cplus_name, expected] : cases) {
    std::thread([&logger, name = log4cplus_name] {
      pthread_setname_np(pthread_self(), "os-name");
      log4cplus::thread::setCurrentThreadName(name);
      LOG4CPLUS_ERROR(logger, "plain");
      SENTRY_LOG4CPLUS_ERROR_FMT(logger, "template %d", 1);
    }).join();
    auto evs = events();
    ASSERT_EQ(evs.size(), 2u) << log4cplus_name;
    for (const auto& e : evs) {
      const sentry::value* threads = path(e, "threads", "values");
      ASSERT_TRUE(threads && threads->as_array() && threads->as_array()->size() == 1u);
      EXPECT_EQ(text(threads->as_array()->front(), "name"), expected)
          << log4cplus_name << ": " << formatted(e);
    }
    recording.clear();
  }
}

TEST_F(appender_test, nothing_is_sent_while_the_sdk_is_not_started) {
  log4cplus::Logger logger = logger_with(sentry_appender());
  LOG4CPLUS_ERROR(logger, "before init");
  start_sdk();
  LOG4CPLUS_ERROR(logger, "after init");
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(formatted(evs[0]), "after init");
}

}  // namespace
