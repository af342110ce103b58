// sentry::log4cplus_appender configured from log4cplus properties files
// through log4cplus's PropertyConfigurator: every key, the SDK started from
// the file (and code winning over it), bad values reported through LogLog.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <log4cplus/configurator.h>
#include <log4cplus/loggingmacros.h>
#include <log4cplus/spi/factory.h>

#include "log4cplus_support.hpp"

namespace {

using namespace l4c_test;

class properties_test : public appender_test {
 protected:
  void SetUp() override {
    appender_test::SetUp();
    sentry::close();  // these tests decide who starts the SDK
    file_ = std::filesystem::temp_directory_path() /
            ("sentry_log4cplus_" + std::to_string(::getpid()) + ".properties");
  }
  void TearDown() override {
    appender_test::TearDown();
    std::error_code ec;
    std::filesystem::remove(file_, ec);
    sentry::register_log4cplus_appender();  // back to no defaults
  }

  // Registers the appender (the recording transport as the SDK's transport
  // when the file starts it) and configures log4cplus from `body`.
  void configure(const std::string& body) {
    sentry::options defaults;
    defaults.transport = recording.factory();
    ASSERT_TRUE(sentry::register_log4cplus_appender(std::move(defaults)));
    {
      std::ofstream out(file_);
      out << body;
    }
    log4cplus::PropertyConfigurator::doConfigure(file_.string());
  }

  static std::string appender_lines(const std::string& extra) {
    return "log4cplus.rootLogger=TRACE\n"
           "log4cplus.logger.checkout=TRACE, SENTRY\n"
           "log4cplus.additivity.checkout=false\n"
           "log4cplus.appender.SENTRY=sentry::log4cplus_appender\n" +
           extra;
  }

  std::filesystem::path file_;
};

TEST_F(properties_test, registration_puts_the_appender_in_the_factory_registry) {
  EXPECT_TRUE(sentry::register_log4cplus_appender());
  EXPECT_TRUE(sentry::register_log4cplus_appender());  // again: harmless
  EXPECT_NE(log4cplus::spi::getAppenderFactoryRegistry().get("sentry::log4cplus_appender"),
            nullptr);
}

TEST_F(properties_test, every_key_of_the_file_is_applied) {
  configure(appender_lines(
      "log4cplus.appender.SENTRY.ContextTags=request_id, tenant\n"
      "log4cplus.appender.SENTRY.MinimumEventLevel=WARN\n"
      "log4cplus.appender.SENTRY.MinimumBreadcrumbLevel=DEBUG\n"
      "log4cplus.appender.SENTRY.Dsn=https://public@127.0.0.1:9/42\n"
      "log4cplus.appender.SENTRY.Release=shop@1.2.3\n"
      "log4cplus.appender.SENTRY.Environment=staging\n"));
  ASSERT_TRUE(sentry::is_enabled());  // the file's Dsn started the SDK

  log4cplus::Logger logger = log4cplus::Logger::getInstance("checkout");
  log4cplus::getMDC().put("request_id", "r-42");
  log4cplus::getMDC().put("tenant", "acme");
  log4cplus::getMDC().put("session", "s-9");
  LOG4CPLUS_TRACE(logger, "below both levels");
  LOG4CPLUS_DEBUG(logger, "debug crumb");
  LOG4CPLUS_WARN(logger, "inventory low for sku-17");

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  const auto& e = evs[0];
  EXPECT_EQ(formatted(e), "inventory low for sku-17");
  EXPECT_EQ(text(e, "level"), "warning");
  EXPECT_EQ(text(e, "release"), "shop@1.2.3");
  EXPECT_EQ(text(e, "environment"), "staging");
  EXPECT_EQ(tag(e, "request_id"), "r-42");
  EXPECT_EQ(tag(e, "tenant"), "acme");
  EXPECT_FALSE(has_tag(e, "session"));
  EXPECT_EQ(crumb_messages(e), std::vector<std::string>{"debug crumb"});

  // The appender started the SDK, so closing it (log4cplus shutting down or
  // reconfiguring) closes the SDK too.
  log4cplus::Logger::getDefaultHierarchy().resetConfiguration();
  EXPECT_FALSE(sentry::is_initialized());
}

TEST_F(properties_test, code_wins_over_the_files_dsn_release_and_environment) {
  sentry::options opts;
  opts.release = "code@1";
  opts.environment = "from-code";
  start_sdk(opts);
  configure(appender_lines(
      "log4cplus.appender.SENTRY.Dsn=https://other@127.0.0.1:9/7\n"
      "log4cplus.appender.SENTRY.Release=file@2\n"
      "log4cplus.appender.SENTRY.Environment=from-file\n"));

  LOG4CPLUS_ERROR(log4cplus::Logger::getInstance("checkout"), "boom");
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(text(evs[0], "release"), "code@1");
  EXPECT_EQ(text(evs[0], "environment"), "from-code");

  log4cplus::Logger::getDefaultHierarchy().resetConfiguration();
  EXPECT_TRUE(sentry::is_enabled());  // not the appender's SDK to close
}

TEST_F(properties_test, code_wins_even_when_it_left_the_sdk_disabled) {
  ASSERT_FALSE(sentry::init(sentry::options{}));  // no DSN: deliberately off
  configure(appender_lines("log4cplus.appender.SENTRY.Dsn=https://public@127.0.0.1:9/42\n"));
  EXPECT_TRUE(sentry::is_initialized());
  EXPECT_FALSE(sentry::is_enabled());
}

TEST_F(properties_test, defaults_from_code_fill_what_the_file_leaves_out) {
  sentry::options defaults;
  defaults.transport = recording.factory();
  defaults.release = "code@1";
  defaults.before_send = [](sentry::event& e) {
    e.tags["from_defaults"] = "yes";
    return true;
  };
  ASSERT_TRUE(sentry::register_log4cplus_appender(std::move(defaults)));
  {
    std::ofstream out(file_);
    out << appender_lines(
        "log4cplus.appender.SENTRY.Dsn=https://public@127.0.0.1:9/42\n"
        "log4cplus.appender.SENTRY.Release=file@2\n"
        "log4cplus.appender.SENTRY.Environment=staging\n");
  }
  log4cplus::PropertyConfigurator::doConfigure(file_.string());

  LOG4CPLUS_ERROR(log4cplus::Logger::getInstance("checkout"), "boom");
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(text(evs[0], "release"), "code@1");     // set in code: code wins
  EXPECT_EQ(text(evs[0], "environment"), "staging");  // left empty in code
  EXPECT_EQ(tag(evs[0], "from_defaults"), "yes");
}

TEST_F(properties_test, bad_values_are_reported_by_name_and_defaults_are_used) {
  start_sdk();
  loglog_capture loglog;
  configure(appender_lines(
      "log4cplus.appender.SENTRY.MinimumEventLevel=LOUD\n"
      "log4cplus.appender.SENTRY.MinimumBreadcrumbLevel=whisper\n"
      "log4cplus.appender.SENTRY.ContextTag=request_id\n"));
  const std::string report = loglog.text();

  EXPECT_NE(report.find("log4cplus:ERROR sentry::log4cplus_appender: MinimumEventLevel=\"LOUD\" "
                        "is not a log level"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("using ERROR"), std::string::npos) << report;
  EXPECT_NE(report.find("MinimumBreadcrumbLevel=\"whisper\" is not a log level"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("using INFO"), std::string::npos) << report;
  EXPECT_NE(report.find("log4cplus:WARN sentry::log4cplus_appender: unknown property "
                        "\"ContextTag\""),
            std::string::npos)
      << report;

  // The appender works with its defaults: ERROR events, INFO breadcrumbs.
  log4cplus::Logger logger = log4cplus::Logger::getInstance("checkout");
  LOG4CPLUS_DEBUG(logger, "dropped");
  LOG4CPLUS_INFO(logger, "info crumb");
  LOG4CPLUS_WARN(logger, "warn crumb");
  LOG4CPLUS_ERROR(logger, "error event");
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(formatted(evs[0]), "error event");
  EXPECT_EQ(crumb_messages(evs[0]), (std::vector<std::string>{"info crumb", "warn crumb"}));
}

TEST_F(properties_test, event_level_off_is_refused) {
  start_sdk();
  loglog_capture loglog;
  configure(appender_lines("log4cplus.appender.SENTRY.MinimumEventLevel=OFF\n"));
  EXPECT_NE(loglog.text().find("MinimumEventLevel=OFF leaves nothing to become an event"),
            std::string::npos)
      << loglog.text();
  LOG4CPLUS_ERROR(log4cplus::Logger::getInstance("checkout"), "still an event");
  EXPECT_EQ(events().size(), 1u);
}

TEST_F(properties_test, an_invalid_dsn_is_reported_and_the_sdk_stays_off) {
  loglog_capture loglog;
  configure(appender_lines("log4cplus.appender.SENTRY.Dsn=not a dsn\n"));
  EXPECT_NE(loglog.text().find("log4cplus:ERROR sentry::log4cplus_appender: Dsn is not a valid DSN"),
            std::string::npos)
      << loglog.text();
  EXPECT_FALSE(sentry::is_initialized());
}

TEST_F(properties_test, numeric_and_lower_case_levels_are_accepted) {
  start_sdk();
  loglog_capture loglog;
  configure(appender_lines(
      "log4cplus.appender.SENTRY.MinimumEventLevel=fatal\n"
      "log4cplus.appender.SENTRY.MinimumBreadcrumbLevel=35000\n"));
  EXPECT_EQ(loglog.text().find("sentry::log4cplus_appender"), std::string::npos) << loglog.text();

  log4cplus::Logger logger = log4cplus::Logger::getInstance("checkout");
  LOG4CPLUS_INFO(logger, "dropped");
  LOG4CPLUS_ERROR(logger, "error crumb");
  LOG4CPLUS_FATAL(logger, "fatal event");
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(text(evs[0], "level"), "fatal");
  EXPECT_EQ(crumb_messages(evs[0]), std::vector<std::string>{"error crumb"});
}

TEST_F(properties_test, log4cplus_own_appender_keys_still_work) {
  start_sdk();
  loglog_capture loglog;
  configure(appender_lines(
      "log4cplus.appender.SENTRY.Threshold=ERROR\n"
      "log4cplus.appender.SENTRY.AsyncAppend=true\n"
      "log4cplus.appender.SENTRY.filters.1=log4cplus::spi::StringMatchFilter\n"
      "log4cplus.appender.SENTRY.filters.1.StringToMatch=secret\n"
      "log4cplus.appender.SENTRY.filters.1.AcceptOnMatch=false\n"));
  EXPECT_EQ(loglog.text().find("unknown property"), std::string::npos) << loglog.text();

  log4cplus::Logger logger = log4cplus::Logger::getInstance("checkout");
  LOG4CPLUS_INFO(logger, "below the Threshold: not even a crumb");
  LOG4CPLUS_ERROR(logger, "a secret error");
  LOG4CPLUS_ERROR(logger, "an error");
  log4cplus::Logger::getDefaultHierarchy().resetConfiguration();  // waits for AsyncAppend

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(formatted(evs[0]), "an error");
  EXPECT_TRUE(breadcrumbs(evs[0]).empty());
}

}  // namespace
