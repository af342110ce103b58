// The Boost.Log sink backend in real cores, with synchronous and asynchronous
// frontends, asserted on what reaches the SDK's transport.
#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include <boost/log/attributes/constant.hpp>
#include <boost/log/attributes/mutable_constant.hpp>
#include <boost/log/attributes/named_scope.hpp>
#include <boost/log/attributes/scoped_attribute.hpp>
#include <boost/log/sources/channel_logger.hpp>
#include <boost/log/sources/logger.hpp>
#include <boost/log/sources/record_ostream.hpp>
#include <boost/log/sources/severity_channel_logger.hpp>
#include <boost/log/sources/severity_logger.hpp>
#include <boost/log/trivial.hpp>
#include <boost/log/utility/manipulators/add_value.hpp>
#include <boost/make_shared.hpp>

#include "boostlog_fixture.hpp"
#include "sentry/boostlog/sink.hpp"

namespace {

namespace logging = boost::log;
namespace attrs = boost::log::attributes;
namespace src = boost::log::sources;
using boostlog_test::crumb_messages;
using boostlog_test::find;
using boostlog_test::list;
using boostlog_test::str;
using logging::trivial::severity_level;
using sentry::boostlog::sink_options;

using channel_logger = src::severity_channel_logger_mt<severity_level, std::string>;

channel_logger make_logger(const std::string& channel = "checkout") {
  return channel_logger(logging::keywords::channel = channel);
}

class sink_test : public boostlog_test::boostlog_test {};

// Tests that hold for both frontends: the parameter says asynchronous.
class frontend_test : public boostlog_test::boostlog_test,
                      public ::testing::WithParamInterface<bool> {
 protected:
  // Adds the sink with the frontend under test; events() drains both kinds
  // (core::flush() feeds what an asynchronous frontend still queues).
  void add(sink_options o = {}) {
    if (GetParam()) {
      sinks_.push_back(sentry::boostlog::add_async_sink(std::move(o)));
    } else {
      sinks_.push_back(sentry::boostlog::add_sink(std::move(o)));
    }
  }
  void flush_logging() override {
    for (const auto& s : sinks_) s->flush();
  }
  void TearDown() override {
    boostlog_test::boostlog_test::TearDown();
    sinks_.clear();
  }

 private:
  std::vector<boost::shared_ptr<logging::sinks::sink>> sinks_;
};

INSTANTIATE_TEST_SUITE_P(Frontends, frontend_test, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "asynchronous" : "synchronous";
                         });

// ---- thresholds -----------------------------------------------------------

TEST_P(frontend_test, DefaultThresholdsMakeEventsOfErrorsAndBreadcrumbsOfInfoAndWarning) {
  start_sdk();
  add();
  auto lg = make_logger();
  BOOST_LOG_SEV(lg, severity_level::trace) << "trace record";
  BOOST_LOG_SEV(lg, severity_level::debug) << "debug record";
  BOOST_LOG_SEV(lg, severity_level::info) << "cart loaded with 3 items";
  BOOST_LOG_SEV(lg, severity_level::warning) << "inventory low for sku-17";
  BOOST_LOG_SEV(lg, severity_level::error) << "payment failed for order 1234";

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  const auto& e = evs[0];
  EXPECT_EQ(str(e, {"logentry", "formatted"}), "payment failed for order 1234");
  EXPECT_EQ(str(e, {"level"}), "error");
  EXPECT_EQ(str(e, {"logger"}), "checkout");
  EXPECT_EQ(str(e, {"platform"}), "native");
  EXPECT_EQ(crumb_messages(e),
            (std::vector<std::string>{"cart loaded with 3 items", "inventory low for sku-17"}));
  auto crumbs = list(e, {"breadcrumbs", "values"});
  ASSERT_EQ(crumbs.size(), 2u);
  EXPECT_EQ(str(crumbs[0], {"level"}), "info");
  EXPECT_EQ(str(crumbs[0], {"category"}), "checkout");
  EXPECT_EQ(str(crumbs[1], {"level"}), "warning");
}

TEST_P(frontend_test, ConfiguredThresholdsMoveTheLines) {
  start_sdk();
  sink_options o;
  o.bridge.minimum_event_level = sentry::level::warning;
  o.bridge.minimum_breadcrumb_level = sentry::level::debug;
  add(o);
  auto lg = make_logger();
  BOOST_LOG_SEV(lg, severity_level::trace) << "too low";
  BOOST_LOG_SEV(lg, severity_level::debug) << "a debug crumb";
  BOOST_LOG_SEV(lg, severity_level::warning) << "a warning event";

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"logentry", "formatted"}), "a warning event");
  EXPECT_EQ(str(evs[0], {"level"}), "warning");
  EXPECT_EQ(crumb_messages(evs[0]), std::vector<std::string>{"a debug crumb"});
}

TEST_F(sink_test, FilterRejectsRecordsBelowBothThresholdsAndWhenTheSdkIsDisabled) {
  auto backend = boost::make_shared<sentry::boostlog::sink_backend>();
  logging::attribute_set set;
  set.insert("Severity", attrs::constant<severity_level>(severity_level::debug));
  logging::attribute_value_set debug_values(set, logging::attribute_set(), logging::attribute_set());
  logging::attribute_set set2;
  set2.insert("Severity", attrs::constant<severity_level>(severity_level::error));
  logging::attribute_value_set error_values(set2, logging::attribute_set(),
                                            logging::attribute_set());

  EXPECT_FALSE(backend->wants(error_values)) << "the SDK is not initialized";
  start_sdk();
  EXPECT_FALSE(backend->wants(debug_values));
  EXPECT_TRUE(backend->wants(error_values));
}

// ---- severities -----------------------------------------------------------

enum class app_severity { chatty, normal, alarming, doomed };

TEST_P(frontend_test, UserEnumSeverityThroughATable) {
  start_sdk();
  sink_options o;
  o.severity = sentry::boostlog::map_severity<app_severity>({{app_severity::chatty, sentry::level::debug},
                                                             {app_severity::normal, sentry::level::info},
                                                             {app_severity::alarming, sentry::level::warning},
                                                             {app_severity::doomed, sentry::level::fatal}});
  add(o);
  src::severity_channel_logger_mt<app_severity, std::string> lg(logging::keywords::channel = "app");
  BOOST_LOG_SEV(lg, app_severity::chatty) << "chatty";
  BOOST_LOG_SEV(lg, app_severity::normal) << "normal";
  BOOST_LOG_SEV(lg, app_severity::alarming) << "alarming";
  BOOST_LOG_SEV(lg, app_severity::doomed) << "doomed";

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"level"}), "fatal");
  EXPECT_EQ(str(evs[0], {"logentry", "formatted"}), "doomed");
  EXPECT_EQ(crumb_messages(evs[0]), (std::vector<std::string>{"normal", "alarming"}));
}

TEST_P(frontend_test, IntSeverityThroughAFunctionUnderAnotherAttributeName) {
  start_sdk();
  sink_options o;
  o.severity_attribute = "Priority";
  o.channel_attribute = "Component";
  o.severity = sentry::boostlog::map_severity<int>([](int p) -> std::optional<sentry::level> {
    if (p < 0) return std::nullopt;
    return p >= 5 ? sentry::level::error : sentry::level::info;
  });
  add(o);
  src::logger_mt lg;
  lg.add_attribute("Component", attrs::constant<std::string>("billing"));
  {
    auto prio = lg.add_attribute("Priority", attrs::mutable_constant<int>(1)).first;
    BOOST_LOG(lg) << "priority one";
    logging::attribute_cast<attrs::mutable_constant<int>>(prio->second).set(7);
    BOOST_LOG(lg) << "priority seven";
  }

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"logentry", "formatted"}), "priority seven");
  EXPECT_EQ(str(evs[0], {"logger"}), "billing");
  EXPECT_EQ(crumb_messages(evs[0]), std::vector<std::string>{"priority one"});
}

// Two Sentry sinks on one core, each with its own severity mapping: the
// filter's answer that a synchronous sink keeps for consume() is its own, not
// the other sink's (both filters run before either sink consumes).
TEST_F(sink_test, TwoSinksMapTheSameRecordEachWithItsOwnMapping) {
  start_sdk();
  sink_options events_from_five;
  events_from_five.severity_attribute = "Priority";
  events_from_five.severity = sentry::boostlog::map_severity<int>(
      [](int p) { return p >= 5 ? sentry::level::error : sentry::level::info; });
  sink_options all_info = events_from_five;
  all_info.severity = sentry::boostlog::map_severity<int>([](int) { return sentry::level::info; });
  sentry::boostlog::add_sink(events_from_five);
  sentry::boostlog::add_sink(all_info);
  src::severity_logger_mt<int> lg(logging::keywords::severity = 0);
  lg.add_attribute("Priority", attrs::constant<int>(7));
  BOOST_LOG(lg) << "priority seven";

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u) << "the first sink maps priority 7 to error whatever the second says";
  EXPECT_EQ(str(evs[0], {"level"}), "error");
  EXPECT_EQ(str(evs[0], {"logentry", "formatted"}), "priority seven");
}

TEST_P(frontend_test, RecordsWithoutAKnownSeverityGetTheDefaultLevel) {
  start_sdk();
  sink_options o;
  o.default_level = sentry::level::error;
  add(o);
  src::logger_mt plain;                    // no severity at all
  src::severity_logger_mt<int> wrong_type;  // a severity the default mapping does not know
  BOOST_LOG(plain) << "no severity";
  BOOST_LOG_SEV(wrong_type, 0) << "int severity";

  auto evs = events();
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(str(evs[0], {"logentry", "formatted"}), "no severity");
  EXPECT_EQ(str(evs[1], {"logentry", "formatted"}), "int severity");
}

// ---- context: tags and the context object -----------------------------------

TEST_P(frontend_test, TagsFromScopedThreadGlobalAndLoggerAttributesOfAnyType) {
  start_sdk();
  sink_options o;
  o.bridge.context_tags = std::vector<std::string>{"request_id", "tenant", "shard", "node", "ratio"};
  add(o);
  auto core = logging::core::get();
  core->add_thread_attribute("tenant", attrs::constant<std::string>("acme"));
  core->add_global_attribute("shard", attrs::constant<int>(7));
  core->add_global_attribute("ratio", attrs::constant<double>(0.25));
  auto lg = make_logger();
  lg.add_attribute("node", attrs::constant<unsigned long>(42ul));
  {
    BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-42");
    BOOST_LOG_SCOPED_THREAD_TAG("session", "s-9");
    BOOST_LOG_SEV(lg, severity_level::error) << "with context";
  }
  BOOST_LOG_SEV(lg, severity_level::error) << "after the scope";

  auto evs = events();
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(str(evs[0], {"tags", "request_id"}), "r-42");
  EXPECT_EQ(str(evs[0], {"tags", "tenant"}), "acme");
  EXPECT_EQ(str(evs[0], {"tags", "shard"}), "7");
  EXPECT_EQ(str(evs[0], {"tags", "node"}), "42");
  EXPECT_EQ(str(evs[0], {"tags", "ratio"}), "0.25");
  EXPECT_EQ(find(evs[0], {"tags", "session"}), nullptr);
  EXPECT_EQ(str(evs[0], {"contexts", "log_context", "session"}), "s-9");
  // Well-known attributes are not context.
  EXPECT_EQ(find(evs[0], {"contexts", "log_context", "Severity"}), nullptr);
  EXPECT_EQ(find(evs[0], {"contexts", "log_context", "Channel"}), nullptr);

  EXPECT_EQ(find(evs[1], {"tags", "request_id"}), nullptr) << "the scoped attribute ended";
  EXPECT_EQ(str(evs[1], {"tags", "tenant"}), "acme");
}

TEST_P(frontend_test, ListedContextAttributesLimitTheContextObject) {
  start_sdk();
  sink_options o;
  o.bridge.context_tags = std::vector<std::string>{"request_id"};
  o.context_attributes = std::vector<std::string>{"session"};
  add(o);
  auto lg = make_logger();
  BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-1");
  BOOST_LOG_SCOPED_THREAD_TAG("session", "s-1");
  BOOST_LOG_SCOPED_THREAD_TAG("noise", "n-1");
  BOOST_LOG_SEV(lg, severity_level::error) << "listed";

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"tags", "request_id"}), "r-1");
  EXPECT_EQ(str(evs[0], {"contexts", "log_context", "session"}), "s-1");
  EXPECT_EQ(find(evs[0], {"contexts", "log_context", "noise"}), nullptr);
}

TEST_P(frontend_test, ContextTagsDefaultToTheSdkOptions) {
  start_sdk([](sentry::options& o) { o.context_tags = {"tenant"}; });
  add();
  auto lg = make_logger();
  BOOST_LOG_SCOPED_THREAD_TAG("tenant", "acme");
  BOOST_LOG_SEV(lg, severity_level::error) << "tagged from options";

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"tags", "tenant"}), "acme");
}

struct point {
  int x, y;
};

TEST_P(frontend_test, ValuesOfUnknownTypesNameTheirTypeUnlessARendererKnowsThem) {
  start_sdk();
  sink_options plain;
  plain.context_attributes = std::vector<std::string>{"where", "wide"};
  add(plain);
  auto lg = make_logger();
  BOOST_LOG_SCOPED_THREAD_ATTR("where", attrs::constant<point>(point{1, 2}));
  BOOST_LOG_SCOPED_THREAD_ATTR("wide", attrs::constant<std::wstring>(L"gr\u00fc\u00dfe"));
  BOOST_LOG_SEV(lg, severity_level::error) << "unknown type";
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_NE(str(evs[0], {"contexts", "log_context", "where"}).find("point"), std::string::npos);
  EXPECT_EQ(str(evs[0], {"contexts", "log_context", "wide"}), "gr\u00fc\u00dfe");

  logging::core::get()->remove_all_sinks();
  recording.clear();
  sink_options rendered = plain;
  rendered.render = [](const logging::attribute_value& v, std::string& out) {
    auto p = v.extract<point>();
    if (!p) return false;
    out = "(" + std::to_string(p->x) + "," + std::to_string(p->y) + ")";
    return true;
  };
  add(rendered);
  BOOST_LOG_SEV(lg, severity_level::error) << "rendered type";
  evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"contexts", "log_context", "where"}), "(1,2)");
}

// ---- message and source location --------------------------------------------

TEST_P(frontend_test, WideMessagesBecomeUtf8) {
  start_sdk();
  add();
  src::wseverity_channel_logger_mt<severity_level, std::string> lg(logging::keywords::channel = "wide");
  BOOST_LOG_SEV(lg, severity_level::error) << L"Zahlung f\u00fcr \u20ac 12 fehlgeschlagen";
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"logentry", "formatted"}), "Zahlung f\u00fcr \u20ac 12 fehlgeschlagen");
}

TEST_P(frontend_test, SourceLocationFromAttributesOrTheInnermostNamedScope) {
  start_sdk();
  add();
  logging::core::get()->add_global_attribute("Scope", attrs::named_scope());
  auto lg = make_logger();
  int scope_line = 0;
  {
    BOOST_LOG_NAMED_SCOPE("checkout::pay");
    scope_line = __LINE__ - 1;
    BOOST_LOG_SEV(lg, severity_level::error) << "from a named scope";
    BOOST_LOG_SEV(lg, severity_level::error)
        << logging::add_value("File", std::string("pay.cpp")) << logging::add_value("Line", 77)
        << logging::add_value("Function", std::string("pay_order")) << "from attributes";
  }
  auto evs = events();
  ASSERT_EQ(evs.size(), 2u);
  const auto code0 = find(evs[0], {"contexts", "code"});
  ASSERT_NE(code0, nullptr) << evs[0].to_json();
  EXPECT_EQ(str(*code0, {"function.name"}), "checkout::pay");
  EXPECT_NE(str(*code0, {"file.path"}).find("sink_backend_test.cpp"), std::string::npos);
  ASSERT_NE(find(*code0, {"line.number"}), nullptr);
  EXPECT_EQ(*find(*code0, {"line.number"})->as_int(), scope_line);

  const auto code1 = find(evs[1], {"contexts", "code"});
  ASSERT_NE(code1, nullptr) << evs[1].to_json();
  EXPECT_EQ(str(*code1, {"function.name"}), "pay_order");
  EXPECT_EQ(str(*code1, {"file.path"}), "pay.cpp");
  EXPECT_EQ(*find(*code1, {"line.number"})->as_int(), 77);
  EXPECT_EQ(find(evs[1], {"contexts", "log_context", "File"}), nullptr);
}

// ---- exceptions -------------------------------------------------------------

TEST_F(sink_test, SynchronousRecordInsideCatchCarriesTheInFlightException) {
  start_sdk();
  sentry::boostlog::add_sink();
  auto lg = make_logger();
  try {
    throw std::runtime_error("payment declined");
  } catch (const std::runtime_error&) {
    BOOST_LOG_SEV(lg, severity_level::error) << "payment failed for order 1234";
  }
  BOOST_LOG_SEV(lg, severity_level::error) << "outside any catch";

  auto evs = events();
  ASSERT_EQ(evs.size(), 2u);
  auto ex = list(evs[0], {"exception", "values"});
  ASSERT_EQ(ex.size(), 1u) << evs[0].to_json();
  EXPECT_EQ(str(ex[0], {"type"}), "std::runtime_error");
  EXPECT_EQ(str(ex[0], {"value"}), "payment declined");
  EXPECT_EQ(str(ex[0], {"mechanism", "type"}), "auto.log.boostlog");
  ASSERT_NE(find(ex[0], {"mechanism", "handled"}), nullptr);
  EXPECT_TRUE(*find(ex[0], {"mechanism", "handled"})->as_bool());
  EXPECT_EQ(find(evs[1], {"exception"}), nullptr);
}

TEST_F(sink_test, AsynchronousFrontendNeverAttachesTheFeedingThreadsException) {
  start_sdk();
  // A frontend without its own thread: records are fed by whoever calls
  // flush(), here a thread that is inside a catch for an unrelated error.
  sink_options o;
  o.synchronous = false;
  auto backend = boost::make_shared<sentry::boostlog::sink_backend>(o);
  auto sink = boost::make_shared<sentry::boostlog::async_sink>(backend, false);
  sink->set_filter(sentry::boostlog::make_filter(backend));
  logging::core::get()->add_sink(sink);
  auto lg = make_logger();
  BOOST_LOG_SEV(lg, severity_level::error) << "logged outside any catch";
  try {
    throw std::logic_error("unrelated");
  } catch (const std::logic_error&) {
    sink->flush();
  }
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(find(evs[0], {"exception"}), nullptr) << evs[0].to_json();
}

// ---- asynchronous frontend ----------------------------------------------------

// Outside a ThreadSanitizer build async_sink is the frontend users already
// name: code holding an asynchronous_sink<sink_backend> keeps compiling
// against add_async_sink() and remove_sink().
#if !defined(SENTRY_BOOSTLOG_TSAN)
static_assert(std::is_same_v<sentry::boostlog::async_sink,
                             logging::sinks::asynchronous_sink<sentry::boostlog::sink_backend>>);
#endif

TEST_F(sink_test, AsyncFrontendKeepsTheValuesOfTheMomentOfLogging) {
  start_sdk();
  sink_options o;
  o.bridge.context_tags = std::vector<std::string>{"request_id", "stage"};
  auto sink = sentry::boostlog::add_async_sink(o);
  auto lg = make_logger();
  attrs::mutable_constant<std::string> stage("before");
  logging::core::get()->add_global_attribute("stage", stage);
  {
    BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-async");
    BOOST_LOG_SEV(lg, severity_level::info) << "crumb in scope";
    BOOST_LOG_SEV(lg, severity_level::error) << "event in scope";
  }
  stage.set("after");
  sentry::boostlog::remove_sink(sink);

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"tags", "request_id"}), "r-async");
  EXPECT_EQ(str(evs[0], {"tags", "stage"}), "before");
  EXPECT_EQ(str(evs[0], {"logger"}), "checkout");
  EXPECT_EQ(crumb_messages(evs[0]), std::vector<std::string>{"crumb in scope"});
}

TEST_F(sink_test, RemovingAnAsyncSinkBeforeClosingTheSdkLosesNothing) {
  start_sdk();
  auto sink = sentry::boostlog::add_async_sink();
  auto lg = make_logger();
  constexpr int count = 200;
  for (int i = 0; i < count; ++i) BOOST_LOG_SEV(lg, severity_level::error) << "record " << i;
  sentry::boostlog::remove_sink(sink);
  sentry::close(std::chrono::seconds(10));

  auto evs = recording.events();
  ASSERT_EQ(evs.size(), static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    EXPECT_EQ(str(evs[i], {"logentry", "formatted"}), "record " + std::to_string(i));
}

TEST_F(sink_test, FlushingTheSinkFlushesTheSdk) {
  start_sdk();
  auto sink = sentry::boostlog::add_sink();
  auto lg = make_logger();
  BOOST_LOG_SEV(lg, severity_level::error) << "flushed";
  sink->flush();
  EXPECT_EQ(recording.events().size(), 1u) << "sent by the time flush() returned";
}

// ---- recursion and threads -----------------------------------------------------

TEST_P(frontend_test, LoggingFromSdkCallbacksDoesNotLoop) {
  std::atomic<int> crumb_calls{0}, send_calls{0};
  auto lg = make_logger("sdk-callbacks");
  start_sdk([&](sentry::options& o) {
    o.before_breadcrumb = [&](sentry::breadcrumb&) {
      ++crumb_calls;
      BOOST_LOG_SEV(lg, severity_level::error) << "logged by before_breadcrumb";
      return true;
    };
    o.before_send = [&](sentry::event&) {
      ++send_calls;
      BOOST_LOG_SEV(lg, severity_level::error) << "logged by before_send";
      return true;
    };
  });
  add();
  BOOST_LOG_SEV(lg, severity_level::info) << "a crumb";
  BOOST_LOG_SEV(lg, severity_level::error) << "the only event";

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"logentry", "formatted"}), "the only event");
  evs = events();  // a second round: nothing was re-queued by the callbacks
  EXPECT_EQ(evs.size(), 1u);
  EXPECT_EQ(send_calls.load(), 1);
  EXPECT_GE(crumb_calls.load(), 1);
}

// add_sink()'s frontend holds no lock around the backend: a record that takes
// long (here a renderer that waits) does not hold up another thread's.
TEST_F(sink_test, ThreadsThatLogAtOnceDoNotWaitForEachOtherInTheSink) {
  start_sdk();
  std::promise<void> first_inside, second_done;
  std::shared_future<void> second_done_seen = second_done.get_future().share();
  std::atomic<bool> first_gave_up{false};
  sink_options o;
  o.context_attributes = std::vector<std::string>{"step"};
  o.render = [&](const logging::attribute_value& v, std::string&) {
    const auto step = v.extract<std::string>();
    if (step && *step == "hold") {
      first_inside.set_value();
      if (second_done_seen.wait_for(std::chrono::seconds(10)) != std::future_status::ready)
        first_gave_up = true;
    }
    return false;  // the default rendering
  };
  sentry::boostlog::add_sink(o);
  std::thread first([] {
    auto lg = make_logger();
    BOOST_LOG_SCOPED_THREAD_ATTR("step", attrs::constant<std::string>("hold"));
    BOOST_LOG_SEV(lg, severity_level::error) << "first";
  });
  const bool inside =
      first_inside.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  if (inside) {
    auto lg = make_logger();
    BOOST_LOG_SCOPED_THREAD_ATTR("step", attrs::constant<std::string>("go"));
    BOOST_LOG_SEV(lg, severity_level::error) << "second";  // while the first is inside
  }
  second_done.set_value();
  first.join();  // before any assertion returns: a joinable thread would abort the program
  ASSERT_TRUE(inside);
  EXPECT_FALSE(first_gave_up);
  auto evs = events();
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(str(evs[0], {"logentry", "formatted"}), "second");
  EXPECT_EQ(str(evs[0], {"contexts", "log_context", "step"}), "go");
  EXPECT_EQ(str(evs[1], {"logentry", "formatted"}), "first");
  EXPECT_EQ(str(evs[1], {"contexts", "log_context", "step"}), "hold");
}

TEST_P(frontend_test, EightThreadsAtOnceKeepTheirOwnAttributes) {
  start_sdk();
  sink_options o;
  o.bridge.context_tags = std::vector<std::string>{"worker"};
  add(o);
  constexpr int threads = 8, per_thread = 25;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([t] {
      auto lg = make_logger("worker");
      BOOST_LOG_SCOPED_THREAD_TAG("worker", std::to_string(t));
      for (int i = 0; i < per_thread; ++i) {
        BOOST_LOG_SEV(lg, severity_level::info) << "crumb " << t << "/" << i;
        BOOST_LOG_SEV(lg, severity_level::error) << "event " << t << "/" << i;
      }
    });
  }
  for (auto& th : pool) th.join();

  auto evs = events();
  ASSERT_EQ(evs.size(), static_cast<std::size_t>(threads * per_thread));
  std::vector<int> per_worker(threads, 0);
  for (const auto& e : evs) {
    const std::string worker = str(e, {"tags", "worker"});
    const std::string msg = str(e, {"logentry", "formatted"});
    ASSERT_EQ(msg.rfind("event " + worker + "/", 0), 0u) << msg << " tagged " << worker;
    ++per_worker.at(std::stoi(worker));
  }
  for (int t = 0; t < threads; ++t) EXPECT_EQ(per_worker[t], per_thread) << "worker " << t;
}

}  // namespace
