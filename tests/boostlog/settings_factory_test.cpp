// The "Sentry" destination of Boost.Log settings files: every key, the SDK
// initialization rules (code wins), and clear errors for bad values.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <boost/log/attributes/constant.hpp>
#include <boost/log/attributes/scoped_attribute.hpp>
#include <boost/log/exceptions.hpp>
#include <boost/log/sources/logger.hpp>
#include <boost/log/sources/record_ostream.hpp>
#include <boost/log/sources/severity_channel_logger.hpp>
#include <boost/log/trivial.hpp>
#include <boost/log/utility/setup/from_stream.hpp>

#include "boostlog_fixture.hpp"
#include "sentry/boostlog/settings.hpp"

namespace {

namespace logging = boost::log;
namespace src = boost::log::sources;
using boostlog_test::crumb_messages;
using boostlog_test::find;
using boostlog_test::list;
using boostlog_test::str;
using logging::trivial::severity_level;

using channel_logger = src::severity_channel_logger_mt<severity_level, std::string>;

class settings_test : public boostlog_test::boostlog_test {
 protected:
  void SetUp() override {
    boostlog_test::boostlog_test::SetUp();
    sentry::boostlog::register_sink_factory();
  }

  static void load(const std::string& text) {
    std::istringstream in(text);
    logging::init_from_stream(in);
  }

  // The message of the error that loading `text` throws ("" when none).
  static std::string error_of(const std::string& text) {
    try {
      load(text);
    } catch (const logging::invalid_value& e) {
      return e.what();
    } catch (const std::exception& e) {
      return std::string("unexpected exception type: ") + e.what();
    }
    return "";
  }
};

TEST_F(settings_test, DestinationSentryWithDefaults) {
  start_sdk();
  load("[Sinks.Sentry]\nDestination=Sentry\n");
  channel_logger lg(logging::keywords::channel = "checkout");
  BOOST_LOG_SEV(lg, severity_level::debug) << "below everything";
  BOOST_LOG_SEV(lg, severity_level::info) << "cart loaded with 3 items";
  try {
    throw std::runtime_error("payment declined");
  } catch (const std::runtime_error&) {
    BOOST_LOG_SEV(lg, severity_level::error) << "payment failed for order 1234";
  }

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"logentry", "formatted"}), "payment failed for order 1234");
  EXPECT_EQ(str(evs[0], {"logger"}), "checkout");
  EXPECT_EQ(crumb_messages(evs[0]), std::vector<std::string>{"cart loaded with 3 items"});
  auto ex = list(evs[0], {"exception", "values"});
  ASSERT_EQ(ex.size(), 1u);
  EXPECT_EQ(str(ex[0], {"value"}), "payment declined");
  EXPECT_EQ(str(ex[0], {"mechanism", "type"}), "auto.log.boostlog");
}

TEST_F(settings_test, EveryKey) {
  // The SDK is not initialized by code: the section does it, on top of the
  // defaults given at registration (here the recording transport).
  sentry::options sdk;
  sdk.transport = recording.factory();
  sentry::boostlog::register_sink_factory({}, sdk);
  ASSERT_FALSE(sentry::is_initialized());
  load(R"([Sinks.Sentry]
Destination=Sentry
Filter="%Component% = billing"
Asynchronous=true
ContextTags="request_id, tenant"
ContextAttributes="session"
MinimumEventLevel=warning
MinimumBreadcrumbLevel=debug
SeverityAttribute=Importance
ChannelAttribute=Component
Dsn="https://public@o1.ingest.example.com/42"
Release="shop@2.0.1"
Environment=staging
)");
  ASSERT_TRUE(sentry::is_enabled());

  // Loggers that carry the attributes the file names for severity and channel.
  auto make = [](const char* component, severity_level importance) {
    src::logger_mt lg;
    lg.add_attribute("Component", logging::attributes::constant<std::string>(component));
    lg.add_attribute("Importance", logging::attributes::constant<severity_level>(importance));
    return lg;
  };
  auto billing_debug = make("billing", severity_level::debug);
  auto billing_trace = make("billing", severity_level::trace);
  auto billing_warning = make("billing", severity_level::warning);
  auto shipping_error = make("shipping", severity_level::error);

  BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-42");
  BOOST_LOG_SCOPED_THREAD_TAG("tenant", "acme");
  BOOST_LOG_SCOPED_THREAD_TAG("session", "s-9");
  BOOST_LOG_SCOPED_THREAD_TAG("noise", "n-1");
  BOOST_LOG(billing_trace) << "below the breadcrumb level";
  BOOST_LOG(billing_debug) << "a debug breadcrumb";
  BOOST_LOG(shipping_error) << "filtered out by Filter";
  try {
    throw std::runtime_error("not attached: asynchronous");
  } catch (const std::exception&) {
    BOOST_LOG(billing_warning) << "a warning event";
  }

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  const auto& e = evs[0];
  EXPECT_EQ(str(e, {"logentry", "formatted"}), "a warning event");
  EXPECT_EQ(str(e, {"level"}), "warning");
  EXPECT_EQ(str(e, {"logger"}), "billing");
  EXPECT_EQ(str(e, {"tags", "request_id"}), "r-42");
  EXPECT_EQ(str(e, {"tags", "tenant"}), "acme");
  EXPECT_EQ(str(e, {"contexts", "log_context", "session"}), "s-9");
  EXPECT_EQ(find(e, {"contexts", "log_context", "noise"}), nullptr);
  EXPECT_EQ(str(e, {"release"}), "shop@2.0.1");
  EXPECT_EQ(str(e, {"environment"}), "staging");
  EXPECT_EQ(find(e, {"exception"}), nullptr);
  EXPECT_EQ(crumb_messages(e), std::vector<std::string>{"a debug breadcrumb"});
}

TEST_F(settings_test, CodeThatInitializedTheSdkWins) {
  start_sdk([](sentry::options& o) {
    o.release = "from-code";
    o.environment = "code-env";
  });
  load(R"([Sinks.Sentry]
Destination=Sentry
Dsn="https://public@o1.ingest.example.com/42"
Release=from-file
Environment=file-env
)");
  channel_logger lg(logging::keywords::channel = "checkout");
  BOOST_LOG_SEV(lg, severity_level::error) << "who configured me";

  auto evs = events();  // still the recording transport of the code's init
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"release"}), "from-code");
  EXPECT_EQ(str(evs[0], {"environment"}), "code-env");
}

TEST_F(settings_test, CodeThatLeftTheSdkDisabledWinsToo) {
  sentry::options off;  // no DSN, no transport: initialized, disabled
  EXPECT_FALSE(sentry::init(off));
  load("[Sinks.Sentry]\nDestination=Sentry\nDsn=\"https://public@o1.ingest.example.com/42\"\n");
  EXPECT_TRUE(sentry::is_initialized());
  EXPECT_FALSE(sentry::is_enabled());
}

TEST_F(settings_test, SynchronousByDefaultAndWithAsynchronousFalse) {
  start_sdk();
  load("[Sinks.Sentry]\nDestination=Sentry\nAsynchronous=false\n");
  channel_logger lg(logging::keywords::channel = "checkout");
  try {
    throw std::runtime_error("attached: synchronous");
  } catch (const std::exception&) {
    BOOST_LOG_SEV(lg, severity_level::fatal) << "in catch";
  }
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(str(evs[0], {"level"}), "fatal");
  EXPECT_EQ(list(evs[0], {"exception", "values"}).size(), 1u);
}

TEST_F(settings_test, BadValuesNameTheKey) {
  start_sdk();
  struct bad_case {
    const char* line;
    const char* key;
    const char* says;
  };
  const bad_case cases[] = {
      {"Filter=\"%Severity% >=\"", "Filter", "not a valid filter"},
      {"Asynchronous=maybe", "Asynchronous", "\"maybe\" is not a boolean"},
      {"MinimumEventLevel=loud", "MinimumEventLevel", "\"loud\" is not a level"},
      {"MinimumBreadcrumbLevel=\"\"", "MinimumBreadcrumbLevel", "is not a level"},
      {"SeverityAttribute=\" \"", "SeverityAttribute", "an attribute name is required"},
      {"ChannelAttribute=\"\"", "ChannelAttribute", "an attribute name is required"},
      {"Dsn=not-a-dsn", "Dsn", ""},
      {"MinimumEventLvl=error", "MinimumEventLvl", "unknown key"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.line);
    const std::string what = error_of(std::string("[Sinks.Sentry]\nDestination=Sentry\n") + c.line + "\n");
    EXPECT_EQ(what.rfind(std::string("Sentry sink: ") + c.key + ": ", 0), 0u) << what;
    EXPECT_NE(what.find(c.says), std::string::npos) << what;
  }
  // Nothing was added by the failed sections.
  channel_logger lg(logging::keywords::channel = "checkout");
  BOOST_LOG_SEV(lg, severity_level::error) << "no sink";
  EXPECT_TRUE(events().empty());
}

TEST_F(settings_test, ABadValueLeavesTheSdkUninitialized) {
  ASSERT_FALSE(sentry::is_initialized());
  EXPECT_NE(error_of("[Sinks.Sentry]\nDestination=Sentry\nRelease=x\nMinimumEventLevel=loud\n"), "");
  EXPECT_FALSE(sentry::is_initialized());
}

// The scenario of EXAMPLES.md, set up from the example's own settings file:
// what the example delivers, asserted on the recording transport.
TEST_F(settings_test, ExampleScenarioFromTheExamplesSettingsFile) {
  sentry::options sdk;
  sdk.transport = recording.factory();
  sentry::boostlog::register_sink_factory({}, sdk);
  ::setenv("SENTRY_RELEASE", "shop@1.0.0", 1);
  ::setenv("SENTRY_ENVIRONMENT", "demo", 1);
  std::ifstream file(SENTRY_CPP_SOURCE_DIR "/examples/boostlog/boostlog_example.ini");
  ASSERT_TRUE(file.good());
  logging::init_from_stream(file);
  ::unsetenv("SENTRY_RELEASE");
  ::unsetenv("SENTRY_ENVIRONMENT");

  channel_logger log(logging::keywords::channel = "checkout");
  BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-42");
  BOOST_LOG_SCOPED_THREAD_TAG("tenant", "acme");
  BOOST_LOG_SCOPED_THREAD_TAG("session", "s-9");
  BOOST_LOG_SEV(log, severity_level::info) << "cart loaded with " << 3 << " items";
  BOOST_LOG_SEV(log, severity_level::warning) << "inventory low for sku-17";
  try {
    throw std::runtime_error("payment declined");
  } catch (const std::runtime_error&) {
    BOOST_LOG_SEV(log, severity_level::error) << "payment failed for order " << 1234;
  }

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  const auto& e = evs[0];
  EXPECT_EQ(str(e, {"logger"}), "checkout");
  EXPECT_EQ(str(e, {"platform"}), "native");
  EXPECT_EQ(str(e, {"level"}), "error");
  EXPECT_EQ(str(e, {"logentry", "formatted"}), "payment failed for order 1234");
  EXPECT_EQ(str(e, {"tags", "request_id"}), "r-42");
  EXPECT_EQ(str(e, {"tags", "tenant"}), "acme");
  EXPECT_EQ(find(e, {"tags", "session"}), nullptr);
  EXPECT_EQ(str(e, {"contexts", "log_context", "session"}), "s-9");
  EXPECT_EQ(str(e, {"release"}), "shop@1.0.0");
  EXPECT_EQ(str(e, {"environment"}), "demo");
  auto ex = list(e, {"exception", "values"});
  ASSERT_EQ(ex.size(), 1u);
  EXPECT_EQ(str(ex[0], {"type"}), "std::runtime_error");
  EXPECT_EQ(str(ex[0], {"value"}), "payment declined");
  auto crumbs = list(e, {"breadcrumbs", "values"});
  ASSERT_EQ(crumbs.size(), 2u) << e.to_json();
  EXPECT_EQ(str(crumbs[0], {"message"}), "cart loaded with 3 items");
  EXPECT_EQ(str(crumbs[0], {"level"}), "info");
  EXPECT_EQ(str(crumbs[0], {"category"}), "checkout");
  EXPECT_EQ(str(crumbs[1], {"message"}), "inventory low for sku-17");
  EXPECT_EQ(str(crumbs[1], {"level"}), "warning");
  EXPECT_EQ(str(crumbs[1], {"category"}), "checkout");
}

}  // namespace
