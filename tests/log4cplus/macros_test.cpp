// The SENTRY_LOG4CPLUS_*_FMT macros: they log through log4cplus like
// LOG4CPLUS_*_FMT and the Sentry appender also sends their printf template
// and arguments.
#include <string>

#include <log4cplus/helpers/property.h>
#include <log4cplus/loggingmacros.h>

#include "log4cplus_support.hpp"
#include "sentry/log4cplus/macros.hpp"

namespace {

using namespace l4c_test;

TEST_F(appender_test, fmt_macro_sends_template_params_and_formatted_text) {
  start_sdk();
  log4cplus::Logger logger = logger_with(sentry_appender());

  SENTRY_LOG4CPLUS_ERROR_FMT(logger, "payment failed for order %d", 1234);

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(formatted(evs[0]), "payment failed for order 1234");
  EXPECT_EQ(message_template(evs[0]), "payment failed for order %d");
  EXPECT_EQ(params(evs[0]), std::vector<std::string>{"1234"});
  EXPECT_EQ(text(evs[0], "logger"), "checkout");
}

TEST_F(appender_test, fmt_macro_arguments_of_every_kind) {
  start_sdk();
  log4cplus::Logger logger = logger_with(sentry_appender());
  const char* sku = "sku-17";

  SENTRY_LOG4CPLUS_ERROR_FMT(logger, "%s: %u left, %.1f%% of stock, grade %c, %ld total", sku, 3u,
                             2.5, 'B', 90L);
  SENTRY_LOG4CPLUS_ERROR_FMT(logger, "no arguments at all");

  auto evs = events();
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(formatted(evs[0]), "sku-17: 3 left, 2.5% of stock, grade B, 90 total");
  EXPECT_EQ(params(evs[0]), (std::vector<std::string>{"sku-17", "3", "2.5", "B", "90"}));
  EXPECT_EQ(formatted(evs[1]), "no arguments at all");
  EXPECT_TRUE(params(evs[1]).empty());
}

TEST_F(appender_test, star_widths_and_precisions_are_not_parameters) {
  start_sdk();
  log4cplus::Logger logger = logger_with(sentry_appender());

  SENTRY_LOG4CPLUS_ERROR_FMT(logger, "[%*d] of %.*s", 4, 7, 3, "skull");

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(formatted(evs[0]), "[   7] of sku");
  EXPECT_EQ(message_template(evs[0]), "[%*d] of %.*s");
  EXPECT_EQ(params(evs[0]), (std::vector<std::string>{"7", "skull"}));
}

TEST_F(appender_test, fmt_macro_breadcrumbs_carry_the_formatted_text) {
  start_sdk();
  log4cplus::Logger logger = logger_with(sentry_appender());

  SENTRY_LOG4CPLUS_INFO_FMT(logger, "cart loaded with %d items", 3);
  SENTRY_LOG4CPLUS_ERROR_FMT(logger, "payment failed for order %d", 1234);

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(crumb_messages(evs[0]), std::vector<std::string>{"cart loaded with 3 items"});
}

TEST_F(appender_test, other_appenders_see_an_ordinary_log4cplus_event) {
  start_sdk();
  log4cplus::SharedAppenderPtr capture(new capture_appender());
  log4cplus::Logger logger = logger_with(sentry_appender());
  logger.addAppender(capture);

  SENTRY_LOG4CPLUS_WARN_FMT(logger, "inventory low for %s", "sku-17");

  auto seen = static_cast<capture_appender&>(*capture).entries();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].message, "inventory low for sku-17");
}

int side_effects = 0;
int counted() { return ++side_effects; }

TEST_F(appender_test, fmt_macro_does_nothing_when_the_logger_is_disabled_for_the_level) {
  start_sdk();
  log4cplus::SharedAppenderPtr capture(new capture_appender());
  log4cplus::Logger logger = logger_with(capture);
  logger.setLogLevel(log4cplus::ERROR_LOG_LEVEL);

  side_effects = 0;
  SENTRY_LOG4CPLUS_INFO_FMT(logger, "never formatted %d", counted());
  EXPECT_EQ(side_effects, 0);  // arguments not even evaluated, as with log4cplus
  EXPECT_TRUE(static_cast<capture_appender&>(*capture).entries().empty());
}

TEST_F(appender_test, fmt_macro_takes_a_logger_name_like_log4cplus_macros) {
  start_sdk();
  logger_with(sentry_appender(), "by.name");
  SENTRY_LOG4CPLUS_FATAL_FMT("by.name", "code %d", 7);
  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(text(evs[0], "logger"), "by.name");
  EXPECT_EQ(text(evs[0], "level"), "fatal");
  EXPECT_EQ(message_template(evs[0]), "code %d");
}

TEST_F(appender_test, plain_log4cplus_fmt_macros_send_formatted_text_only) {
  start_sdk();
  log4cplus::Logger logger = logger_with(sentry_appender());

  LOG4CPLUS_ERROR_FMT(logger, "payment failed for order %d", 1234);

  auto evs = events();
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(formatted(evs[0]), "payment failed for order 1234");
  EXPECT_EQ(message_template(evs[0]), "");
  EXPECT_TRUE(params(evs[0]).empty());
}

TEST_F(appender_test, template_event_copies_own_their_template_and_arguments) {
  std::unique_ptr<log4cplus::spi::InternalLoggingEvent> copy;
  {
    std::string tmpl = "order %d of %s";
    const sentry::value args[] = {sentry::value(1234), sentry::value("acme")};
    sentry::log4cplus_template_event ev("checkout", log4cplus::ERROR_LOG_LEVEL,
                                        "order 1234 of acme", __FILE__, __LINE__, "f",
                                        tmpl.c_str(), args, 2);
    copy = ev.clone();
    tmpl.assign(tmpl.size(), 'x');  // the original's borrowed template is gone
  }
  ASSERT_EQ(copy->getType(), sentry::log4cplus_template_event::type_id());
  const auto& t = dynamic_cast<const sentry::log4cplus_template_event&>(*copy);
  EXPECT_EQ(t.message_template(), "order %d of %s");
  ASSERT_EQ(t.argument_count(), 2u);
  EXPECT_EQ(t.arguments()[0], sentry::value(1234));
  EXPECT_EQ(t.arguments()[1], sentry::value("acme"));
  EXPECT_EQ(t.getMessage(), "order 1234 of acme");
}

}  // namespace
